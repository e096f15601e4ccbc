/** Lifeguard local health ("awareness", docs/gossip-wire-format.md#local-health): a score in [0, max − 1] that scales probe timeouts. */
export class Awareness {
  private value = 0;

  constructor(private readonly max: number) {}

  get score(): number {
    return this.value;
  }

  applyDelta(delta: number): void {
    this.value = Math.min(this.max - 1, Math.max(0, this.value + delta));
  }

  /** timeout × (score + 1) */
  scale(timeout: number): number {
    return timeout * (this.value + 1);
  }
}
