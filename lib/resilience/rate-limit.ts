/**
 * Rate limiting as Koa middleware over any RateLimiter (memory or Redis). Every limited response carries
 * the IETF draft headers `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds until the
 * bucket is full); a denied request is answered 429 TOO_MANY_REQUESTS with `Retry-After` (seconds,
 * rounded up) through the error mapper, so it has the same JSON shape and request id as every error.
 * go-doudou leaves this middleware to the user (docs/go-doudou-differences.md#rate-limiting).
 */
import type { Context, Middleware, Next } from 'koa';
import { answersErrors } from '../http/route-errors';
import { RATE_LIMITER_UNAVAILABLE_ANSWER, TOO_MANY_REQUESTS_ANSWER, TooManyRequestsError } from './errors';
import { TIME_TOLERANCE_MS, type RateDecision, type RateLimiter } from './rate-limiter';

export interface RateLimitOptions {
  limiter: RateLimiter;
  /** Bucket of a request. Default `ctx.ip` (the X-Forwarded-For client when Koa's `proxy` is on). */
  key?: (ctx: Context) => string;
  /** Tokens a request costs: a number or a function of the request. Default 1. */
  cost?: number | ((ctx: Context) => number);
  /** Requests that are not limited at all (no headers either), e.g. health checks. */
  skip?: (ctx: Context) => boolean;
}

/**
 * Milliseconds → whole seconds, rounded up. Within the limiter's float tolerance of a whole second counts as
 * that second: "(now + 10 s) − now" on a performance.now() clock can be 10 000.000000002 ms, which a plain
 * ceil would announce as 11 s.
 */
function wholeSeconds(ms: number): number {
  return Math.ceil((ms - TIME_TOLERANCE_MS) / 1000);
}

function headersOf(d: RateDecision): Record<string, string> {
  return {
    'RateLimit-Limit': String(d.limit),
    'RateLimit-Remaining': String(d.remaining),
    'RateLimit-Reset': String(wholeSeconds(d.resetMs)),
  };
}

export function rateLimit(options: RateLimitOptions): Middleware {
  const { limiter, skip } = options;
  const keyOf = options.key ?? ((ctx: Context) => ctx.ip);
  const cost = options.cost ?? 1;
  const middleware = async function rateLimit(ctx: Context, next: Next): Promise<void> {
    if (skip?.(ctx)) return next();
    const decision = await limiter.take(keyOf(ctx), typeof cost === 'function' ? cost(ctx) : cost);
    if (decision.degraded) return next(); // limiter could not decide and fails open: nothing true to say
    if (!decision.allowed) {
      const seconds = Math.max(1, wholeSeconds(decision.retryAfterMs));
      throw new TooManyRequestsError(`too many requests: rate limit exceeded, retry in ${seconds} s`, seconds, headersOf(decision));
    }
    // Straight to node's setHeader: this runs on every request (see bench/resilience).
    const res = ctx.res;
    res.setHeader('RateLimit-Limit', String(decision.limit));
    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    res.setHeader('RateLimit-Reset', String(wholeSeconds(decision.resetMs)));
    return next();
  };
  // `skip` is decided per request: the document lists the 429 on every route the middleware sees
  return answersErrors(
    middleware,
    limiter.failsClosed === true ? [TOO_MANY_REQUESTS_ANSWER, RATE_LIMITER_UNAVAILABLE_ANSWER] : [TOO_MANY_REQUESTS_ANSWER],
  );
}
