/**
 * Lifeguard dynamic suspicion timeout (docs/gossip-wire-format.md#suspicion-timeout). Starts at `max` when k ≥ 1 confirmations are expected,
 * else at `min`; each new distinct confirmer c (counted after adding it) lowers the timeout to
 * max − ln(c+1)/ln(k+1) × (max − min), floored to whole ms, never below min.
 */

/** memberlist suspicionTimeout: mult × max(1, log10(max(1, n))) × interval, kept to 1/1000 precision. */
export function suspicionTimeout(suspicionMult: number, n: number, probeInterval: number): number {
  const nodeScale = Math.max(1, Math.log10(Math.max(1, n)));
  return (suspicionMult * Math.floor(nodeScale * 1000) * probeInterval) / 1000;
}

/** Expected confirmations k = suspicionMult − 2, or 0 when fewer than k other nodes exist (n − 2 < k). */
export function expectedConfirmations(suspicionMult: number, n: number): number {
  const k = suspicionMult - 2;
  return n - 2 < k ? 0 : Math.max(0, k);
}

/** Timeout (from the start of the suspicion) after `confirmations` distinct confirmers. */
export function suspicionTimeoutAfter(confirmations: number, k: number, min: number, max: number): number {
  if (k < 1) return min;
  const frac = Math.log(confirmations + 1) / Math.log(k + 1);
  const raw = max - frac * (max - min);
  return Math.max(min, Math.floor(raw));
}

export class SuspicionTimer {
  private readonly confirmers = new Set<string>();
  private confirmationCount = 0;
  /** Absolute time the suspicion expires. */
  deadline: number;

  constructor(
    from: string,
    readonly k: number,
    readonly min: number,
    readonly max: number,
    readonly start: number,
  ) {
    // The accuser itself never counts as a confirmation.
    this.confirmers.add(from);
    this.deadline = start + (k < 1 ? min : max);
  }

  get confirmations(): number {
    return this.confirmationCount;
  }

  /** Register a confirmer; true if it was new (then the caller re-gossips the suspect). */
  confirm(from: string): boolean {
    if (this.confirmationCount >= this.k) return false;
    if (this.confirmers.has(from)) return false;
    this.confirmers.add(from);
    this.confirmationCount++;
    this.deadline = this.start + suspicionTimeoutAfter(this.confirmationCount, this.k, this.min, this.max);
    return true;
  }
}
