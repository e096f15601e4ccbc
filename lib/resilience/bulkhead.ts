/**
 * Bulkhead as Koa middleware (go-doudou `rest.BulkHead(workers, maxWait)`, docs/go-doudou-differences.md#bulkhead): at most
 * `maxConcurrent` requests run the rest of the chain at once, up to `maxQueue` wait for a slot, and a
 * request that finds the queue full or waits longer than `maxWaitMs` is answered 429 TOO_MANY_REQUESTS
 * with `Retry-After` — as JSON through the error mapper, where go-doudou answers text/plain.
 *
 * The slot is held until the downstream chain settles (returns or throws). A client that disconnects
 * while queued leaves the queue and its handler never runs; one that disconnects while running keeps
 * its slot until its handler finishes, since the handler is still using the capacity.
 */
import type { Context, Middleware, Next } from 'koa';
import { ConcurrencyGate, GateRejectedError, type GateRejectionReason } from './concurrency-gate';
import { answersErrors } from '../http/route-errors';
import { ResilienceConfigError, TOO_MANY_REQUESTS_ANSWER, TooManyRequestsError } from './errors';

export interface BulkheadOptions {
  /** Requests running at once. Default 15 (go-doudou's, also for values <= 0). */
  maxConcurrent?: number;
  /** Requests waiting for a slot. Default 100 (Moleculer's maxQueueSize); go-doudou bounds waiting by
   *  maxWait only, which with maxWait 0 lets the queue grow without limit. `Infinity` allowed. */
  maxQueue?: number;
  /** Longest wait in the queue (ms) before 429; 0 = as long as the queue allows (go-doudou maxWait 0). Default 0. */
  maxWaitMs?: number;
  /** `Retry-After` of the 429, in seconds (at least 1). Default 1. */
  retryAfterSeconds?: number;
}

export interface BulkheadStats {
  /** Requests holding a slot. */
  executing: number;
  /** Requests waiting for one. */
  queued: number;
  /** 429s because the queue was full. */
  rejectedQueueFull: number;
  /** 429s because maxWaitMs passed. */
  rejectedTimeout: number;
  /** Queued requests whose client went away. */
  abandoned: number;
}

export type BulkheadMiddleware = Middleware & { stats(): BulkheadStats };

export function bulkhead(options: BulkheadOptions = {}): BulkheadMiddleware {
  const maxConcurrent = options.maxConcurrent === undefined || options.maxConcurrent <= 0 ? 15 : options.maxConcurrent;
  const gate = new ConcurrencyGate(maxConcurrent, options.maxQueue ?? 100);
  const maxWaitMs = options.maxWaitMs ?? 0;
  if (!Number.isFinite(maxWaitMs) || maxWaitMs < 0)
    throw new ResilienceConfigError('INVALID_BULKHEAD_OPTION', `maxWaitMs must be >= 0, got ${String(options.maxWaitMs)}`);
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  const rejected: Record<GateRejectionReason, number> = { QUEUE_FULL: 0, WAIT_TIMEOUT: 0, ABANDONED: 0 };

  /** Waits in the queue; leaves it when the client disconnects. Throws the 429 when no slot comes. */
  async function waitForSlot(ctx: Context): Promise<(() => void) | undefined> {
    const gone = new AbortController();
    const onClose = (): void => {
      if (!ctx.res.writableFinished) gone.abort();
    };
    ctx.res.once('close', onClose);
    try {
      return await gate.acquire({ maxWaitMs, signal: gone.signal });
    } catch (err) {
      if (!(err instanceof GateRejectedError)) throw err;
      rejected[err.code]++;
      if (err.code === 'ABANDONED') return undefined; // nobody is listening any more
      const why = err.code === 'QUEUE_FULL' ? 'server busy' : `no capacity within ${maxWaitMs} ms`;
      throw new TooManyRequestsError(`too many requests: ${why}`, retryAfterSeconds);
    } finally {
      ctx.res.off('close', onClose);
    }
  }

  const middleware = async function bulkhead(ctx: Context, next: Next): Promise<void> {
    const release = gate.tryAcquire() ?? (await waitForSlot(ctx));
    if (!release) return;
    try {
      await next();
    } finally {
      release();
    }
  };
  return Object.assign(answersErrors(middleware, [TOO_MANY_REQUESTS_ANSWER]), {
    stats: (): BulkheadStats => ({
      executing: gate.executing,
      queued: gate.queued,
      rejectedQueueFull: rejected.QUEUE_FULL,
      rejectedTimeout: rejected.WAIT_TIMEOUT,
      abandoned: rejected.ABANDONED,
    }),
  });
}
