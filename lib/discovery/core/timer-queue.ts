/** Virtual timers for the sans-I/O core: a min-heap of (time, insertion order) with cancellable handles. */

export interface TimerHandle {
  readonly at: number;
  cancelled: boolean;
}

interface Timer extends TimerHandle {
  readonly seq: number;
  readonly fn: (now: number) => void;
}

export class TimerQueue {
  private heap: Timer[] = [];
  private seq = 0;

  /** Schedule fn at absolute time `at`. */
  set(at: number, fn: (now: number) => void): TimerHandle {
    const t: Timer = { at, seq: this.seq++, fn, cancelled: false };
    this.heap.push(t);
    this.up(this.heap.length - 1);
    return t;
  }

  cancel(h: TimerHandle | undefined): void {
    if (h) h.cancelled = true;
  }

  /** Earliest live timer, or undefined. */
  next(): number | undefined {
    this.dropCancelled();
    return this.heap.length > 0 ? this.heap[0].at : undefined;
  }

  /** Run every timer due at or before now, in time order (timers set while running are honoured). */
  runDue(now: number): void {
    for (;;) {
      this.dropCancelled();
      const top = this.heap[0];
      if (!top || top.at > now) return;
      this.pop();
      top.cancelled = true;
      top.fn(now);
    }
  }

  clear(): void {
    for (const t of this.heap) t.cancelled = true;
    this.heap = [];
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
  }

  private pop(): Timer {
    const top = this.heap[0];
    const last = this.heap.pop() as Timer;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
