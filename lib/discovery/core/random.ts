/** Randomness helpers over an injected `random(): number` in [0, 1) (seeded in simulation). */

/** mulberry32: a small, fast, seedable PRNG — same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [0, n). */
export function randomIndex(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/** Fisher–Yates in place. */
export function shuffle<T>(random: () => number, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/**
 * Up to k distinct random items passing `accept`. Large lists: random probes (memberlist's 3n tries);
 * small lists, or when probing found too few: exhaustive, like memberlist ≥ v0.6 kRandomNodes.
 */
export function kRandom<T>(random: () => number, k: number, items: readonly T[], accept: (t: T) => boolean): T[] {
  if (k <= 0) return [];
  if (items.length > 64) {
    const picked: T[] = [];
    for (let i = 0; i < 3 * items.length && picked.length < k; i++) {
      const t = items[randomIndex(random, items.length)];
      if (accept(t) && !picked.includes(t)) picked.push(t);
    }
    if (picked.length === k) return picked;
  }
  const pool = items.filter(accept);
  const n = Math.min(k, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + randomIndex(random, pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}
