/**
 * The one interface both rate limiters (memory, Redis) implement, so the middleware and the shared
 * semantics specs treat them alike (rate-limit stores that disagree with each other are a known trap; ours must not).
 */

export interface RateDecision {
  /** Whether this take() was granted (its cost was charged). */
  allowed: boolean;
  /** Bucket size: most events allowed at once (the limit's burst). */
  limit: number;
  /** Events that could still be taken right now after this decision. */
  remaining: number;
  /** Time until the bucket is full again (remaining back to limit), in ms. */
  resetMs: number;
  /** When denied, time until a take() of the same cost can be allowed, in ms; 0 when allowed. */
  retryAfterMs: number;
  /** Set when the limiter could not decide (its store is unreachable) and let the request through
   *  (fail-open); the other numbers are then not meaningful and the middleware sends no RateLimit-* headers. */
  degraded?: true;
}

export interface RateLimiter {
  /** Charges `cost` (default 1; 0 only looks) to `key`'s bucket, or denies without charging anything. */
  take(key: string, cost?: number): Promise<RateDecision>;
  /** Releases timers and connections the limiter owns. Idempotent. */
  close(): Promise<void>;
  /** The limiter answers 503 RATE_LIMITER_UNAVAILABLE when it cannot decide (so the document lists that). */
  readonly failsClosed?: boolean;
}

/**
 * Two times closer than this (ms) are equal: 1 µs, the resolution of Redis TIME. Float arithmetic on
 * "now + interval − interval" can land a few ulps off; without a tolerance a request taking exactly the
 * last token of a bucket would be denied by rounding (newer redis_rate rounds to half an interval instead,
 * which allows up to half an interval early).
 */
export const TIME_TOLERANCE_MS = 0.001;

/** GCRA state transition (the same formulas as the Lua script in gcra-script.ts, there in seconds). */
export interface GcraStep {
  allowed: boolean;
  remaining: number;
  /** The stored theoretical arrival time after this step (unchanged when denied). */
  tat: number;
  resetMs: number;
  retryAfterMs: number;
}

/**
 * Generic cell rate algorithm: `tat` (theoretical arrival time) is when the bucket would be full again.
 * A request of `cost` is allowed when `now ≥ max(tat, now) + cost·T − burst·T` (T = emission interval).
 * Equivalent to a token bucket of `burst` tokens refilled one per T, stored as one number.
 */
export function gcraStep(storedTat: number | undefined, now: number, intervalMs: number, burst: number, cost: number): GcraStep {
  const tat = Math.max(storedTat ?? now, now);
  const newTat = tat + intervalMs * cost;
  const allowAt = newTat - intervalMs * burst;
  const diff = now - allowAt;
  if (diff < -TIME_TOLERANCE_MS) {
    // What is left without this request (redis_rate says 0; for cost > 1 the true count is more useful).
    const left = Math.max(0, Math.floor((now - (tat - intervalMs * burst) + TIME_TOLERANCE_MS) / intervalMs));
    return { allowed: false, remaining: left, tat, resetMs: tat - now, retryAfterMs: -diff };
  }
  const remaining = Math.max(0, Math.floor((diff + TIME_TOLERANCE_MS) / intervalMs));
  return { allowed: true, remaining, tat: newTat, resetMs: newTat - now, retryAfterMs: 0 };
}
