/**
 * memberlist's TransmitLimitedQueue (docs/gossip-wire-format.md#broadcast-queue): broadcasts keyed by name (a new one replaces the queued one),
 * each sent at most retransmitMult × ceil(log10(n + 1)) times. Selection for a byte budget: fewest
 * transmits first; within a tier the largest message that still fits; ties → newest first.
 */

export interface QueuedBroadcast<M> {
  readonly key: string | undefined;
  readonly message: M;
  readonly size: number;
  /** Called once when the broadcast leaves the queue (sent its limit, or replaced). */
  readonly onFinished?: () => void;
}

interface Entry<M> extends QueuedBroadcast<M> {
  transmits: number;
  /** Insertion order; higher = newer. */
  readonly id: number;
}

/** memberlist retransmitLimit: mult × ceil(log10(n + 1)). */
export function retransmitLimit(retransmitMult: number, numNodes: number): number {
  return retransmitMult * Math.ceil(Math.log10(numNodes + 1));
}

/**
 * Entries of one transmit count, bucketed by size; each bucket sorted by id ascending (newest last),
 * so "largest that fits, newest first" is: first fitting size, then pop.
 */
class Tier<M> {
  readonly bySize = new Map<number, Entry<M>[]>();
  /** Distinct sizes present, descending. */
  sizes: number[] = [];

  insert(e: Entry<M>): void {
    let bucket = this.bySize.get(e.size);
    if (!bucket) {
      bucket = [];
      this.bySize.set(e.size, bucket);
      this.sizes.push(e.size);
      this.sizes.sort((a, b) => b - a);
    }
    if (bucket.length === 0 || bucket[bucket.length - 1].id < e.id) {
      bucket.push(e);
      return;
    }
    let lo = 0;
    let hi = bucket.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bucket[mid].id < e.id) lo = mid + 1;
      else hi = mid;
    }
    bucket.splice(lo, 0, e);
  }

  remove(e: Entry<M>): void {
    const bucket = this.bySize.get(e.size);
    if (!bucket) return;
    let lo = 0;
    let hi = bucket.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bucket[mid].id < e.id) lo = mid + 1;
      else hi = mid;
    }
    if (bucket[lo] === e) bucket.splice(lo, 1);
    if (bucket.length === 0) this.dropSize(e.size);
  }

  /** Remove and return the newest entry among the largest that fit in `free`, if any. */
  popFitting(free: number): Entry<M> | undefined {
    for (const size of this.sizes) {
      if (size > free) continue;
      const bucket = this.bySize.get(size) as Entry<M>[];
      const e = bucket.pop() as Entry<M>;
      if (bucket.length === 0) this.dropSize(size);
      return e;
    }
    return undefined;
  }

  private dropSize(size: number): void {
    this.bySize.delete(size);
    this.sizes = this.sizes.filter((x) => x !== size);
  }
}

export class TransmitLimitedQueue<M> {
  /** tiers[t] = entries sent t times. */
  private tiers: Array<Tier<M> | undefined> = [];
  private readonly byKey = new Map<string, Entry<M>>();
  private count = 0;
  private nextId = 0;

  /** @param numNodes current cluster size (memberlist NumNodes: every node in the list, self included) */
  constructor(
    private readonly retransmitMult: number,
    private readonly numNodes: () => number,
  ) {}

  get length(): number {
    return this.count;
  }

  /** Queue a broadcast; a queued one with the same key is replaced (and finished). */
  queue(b: QueuedBroadcast<M>): void {
    if (b.key !== undefined) {
      const old = this.byKey.get(b.key);
      if (old) {
        this.tiers[old.transmits]?.remove(old);
        this.forget(old);
        old.onFinished?.();
      }
    }
    const e: Entry<M> = { ...b, transmits: 0, id: this.nextId++ };
    this.insert(e);
  }

  /** Transmit count of the queued broadcast with this key, or undefined. */
  transmitsOf(key: string): number | undefined {
    return this.byKey.get(key)?.transmits;
  }

  /**
   * Take broadcasts for one packet. Each taken message costs `overhead + size` of `limit`.
   * Taken entries get transmits + 1; those reaching the retransmit limit are dropped and finished.
   */
  take(overhead: number, limit: number): M[] {
    if (this.count === 0) return [];
    const transmitLimit = retransmitLimit(this.retransmitMult, this.numNodes());
    const out: M[] = [];
    const taken: Entry<M>[] = [];
    let used = 0;
    outer: for (const tier of this.tiers) {
      if (!tier) continue;
      for (;;) {
        const free = limit - used - overhead;
        if (free <= 0) break outer;
        const e = tier.popFitting(free);
        if (!e) break;
        out.push(e.message);
        used += overhead + e.size;
        taken.push(e);
      }
    }
    // Re-tier after the walk (taken entries were popped), so nothing is picked twice in one packet.
    for (const e of taken) {
      if (e.transmits + 1 >= transmitLimit) {
        this.forget(e);
        e.onFinished?.();
      } else {
        this.count--;
        e.transmits++;
        this.insert(e);
      }
    }
    return out;
  }

  /** Drop everything (finishing each). */
  reset(): void {
    const all: Entry<M>[] = [];
    for (const t of this.tiers) if (t) for (const b of t.bySize.values()) all.push(...b);
    this.tiers = [];
    this.byKey.clear();
    this.count = 0;
    for (const e of all) e.onFinished?.();
  }

  private insert(e: Entry<M>): void {
    const tier = (this.tiers[e.transmits] ??= new Tier<M>());
    tier.insert(e);
    if (e.key !== undefined) this.byKey.set(e.key, e);
    this.count++;
  }

  private forget(e: Entry<M>): void {
    if (e.key !== undefined && this.byKey.get(e.key) === e) this.byKey.delete(e.key);
    this.count--;
  }
}
