/**
 * A counting semaphore with a bounded FIFO queue whose waiters can leave (time-out, client gone).
 *
 * Why not cockatiel's BulkheadPolicy (3.2.1): a waiter cancelled through its AbortSignal stays in the
 * queue, holding a queue slot until it reaches the head, and when it is dequeued the policy rejects it
 * without dequeuing the next one — the waiters behind it are stranded while execution slots sit free.
 * A bulkhead whose waiters time out (go-doudou's maxWait) hits exactly that path, so this gate removes a
 * leaving waiter at once and always hands a freed slot to the next waiter.
 */

import { DoudouError, defineErrorCodes, type CodeOf } from '../errors';
import { ResilienceConfigError } from './errors';

/** Why acquire() did not get a slot (the bulkhead answers all but ABANDONED with 429). */
export const GateRejectionCodes = defineErrorCodes('resilience', 'GateRejectedError', {
  QUEUE_FULL: { meaning: 'Every slot is held and the wait queue is full.' },
  WAIT_TIMEOUT: { meaning: 'No slot came free within `maxWaitMs`.' },
  ABANDONED: { meaning: "The waiter's AbortSignal fired (the client went away) before it got a slot." },
});

export type GateRejectionReason = CodeOf<typeof GateRejectionCodes>;

export class GateRejectedError extends DoudouError<GateRejectionReason> {
  constructor(code: GateRejectionReason) {
    super(code, `concurrency gate rejected: ${code}`);
  }
}

/** Gives the slot back; calling it again does nothing. */
export type Release = () => void;

interface Waiter {
  grant(): void;
}

export interface AcquireOptions {
  /** Longest time to wait in the queue (ms); 0 or undefined: as long as it takes. */
  maxWaitMs?: number;
  /** Aborting it while queued leaves the queue (reason ABANDONED); once running it has no effect. */
  signal?: AbortSignal;
}

export class ConcurrencyGate {
  private running = 0;
  /** Insertion-ordered, so the first entry is the longest waiter; delete is O(1) for leavers. */
  private readonly waiters = new Set<Waiter>();

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueue: number,
  ) {
    if (!Number.isSafeInteger(maxConcurrent) || maxConcurrent < 1)
      throw new ResilienceConfigError('INVALID_BULKHEAD_OPTION', `maxConcurrent must be an integer >= 1, got ${String(maxConcurrent)}`);
    if (!(maxQueue === Infinity || (Number.isSafeInteger(maxQueue) && maxQueue >= 0))) {
      throw new ResilienceConfigError('INVALID_BULKHEAD_OPTION', `maxQueue must be an integer >= 0 or Infinity, got ${String(maxQueue)}`);
    }
  }

  /** Holders of a slot right now. */
  get executing(): number {
    return this.running;
  }

  /** Waiters in the queue right now. */
  get queued(): number {
    return this.waiters.size;
  }

  /** Takes a free slot without waiting, or returns undefined (the fast path: no promise, no timer). */
  tryAcquire(): Release | undefined {
    if (this.running >= this.maxConcurrent) return undefined;
    this.running++;
    return this.releaser();
  }

  /** Takes a slot, waiting in the queue if all are held; rejects with GateRejectedError. */
  acquire(options: AcquireOptions = {}): Promise<Release> {
    if (options.signal?.aborted) return Promise.reject(new GateRejectedError('ABANDONED'));
    const free = this.tryAcquire();
    if (free) return Promise.resolve(free);
    if (this.waiters.size >= this.maxQueue) return Promise.reject(new GateRejectedError('QUEUE_FULL'));
    return new Promise<Release>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const leave = (reason: GateRejectionReason): void => {
        if (!this.waiters.delete(waiter)) return;
        cleanup();
        reject(new GateRejectedError(reason));
      };
      const onAbort = (): void => leave('ABANDONED');
      const cleanup = (): void => {
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        grant: () => {
          cleanup();
          resolve(this.releaser());
        },
      };
      this.waiters.add(waiter);
      const maxWaitMs = options.maxWaitMs ?? 0;
      if (maxWaitMs > 0) timer = setTimeout(() => leave('WAIT_TIMEOUT'), maxWaitMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.values().next();
      if (next.done) {
        this.running--;
        return;
      }
      // The slot passes straight to the longest waiter: `running` stays the same.
      this.waiters.delete(next.value);
      next.value.grant();
    };
  }
}
