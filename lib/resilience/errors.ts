/**
 * Errors of the server-side resilience middleware. They are HttpErrors, so the one error mapper
 * (lib/http/error-mapper.ts) answers them as `{ error: { code, message, requestId } }` like every other
 * error, with the headers they carry (`Retry-After`, `RateLimit-*`).
 */
import { ConfigError, HttpError } from '../errors';

/** Stable codes (clients may switch on them; never reuse one for a different meaning). */
export const ResilienceErrorCodes = {
  /** 429: the bulkhead is full (or the wait for a slot ran out), or a rate limit is exhausted. */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  /** 503: the Redis rate limiter cannot reach Redis and was told to deny (`onRedisError: 'deny'`). */
  RATE_LIMITER_UNAVAILABLE: 'RATE_LIMITER_UNAVAILABLE',
  /** Start-up: a rate limit string or object that makes no sense (`parseLimit('10-X')`). */
  INVALID_RATE_LIMIT: 'INVALID_RATE_LIMIT',
  /** A take() with a cost that is negative, not an integer, or larger than the burst (never allowable). */
  INVALID_RATE_COST: 'INVALID_RATE_COST',
} as const;

/** 429 with `Retry-After` (whole seconds, at least 1) plus any extra headers (RateLimit-*). */
export class TooManyRequestsError extends HttpError {
  /** Read by the error mapper and set on the response. */
  readonly headers: Record<string, string>;

  constructor(message: string, retryAfterSeconds: number, headers: Record<string, string> = {}) {
    super(429, ResilienceErrorCodes.TOO_MANY_REQUESTS, message);
    this.name = 'TooManyRequestsError';
    this.headers = { ...headers, 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) };
  }
}

/** 503: the limiter's store is unreachable and the limiter fails closed. */
export class RateLimiterUnavailableError extends HttpError {
  readonly headers: Record<string, string> = { 'Retry-After': '1' };

  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(503, ResilienceErrorCodes.RATE_LIMITER_UNAVAILABLE, message);
    this.name = 'RateLimiterUnavailableError';
  }
}

/** A bad limit definition: a start-up problem, never sent to a client. */
export class InvalidRateLimitError extends ConfigError {
  constructor(message: string) {
    super(ResilienceErrorCodes.INVALID_RATE_LIMIT, message);
    this.name = 'InvalidRateLimitError';
  }
}

/** A cost no limit can ever allow (programming error: answered 500 if it reaches HTTP). */
export class InvalidRateCostError extends Error {
  readonly code = ResilienceErrorCodes.INVALID_RATE_COST;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRateCostError';
  }
}
