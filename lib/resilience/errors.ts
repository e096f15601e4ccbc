/**
 * Errors of the server-side resilience middleware. They are HttpErrors, so the one error mapper
 * (lib/http/error-mapper.ts) answers them as `{ error: { code, message, requestId } }` like every other
 * error, with the headers they carry (`Retry-After`, `RateLimit-*`).
 */
import type { ErrorResponseDescriptor } from '../decorators/descriptors';
import { ConfigError, DoudouError, HttpError, defineErrorCodes, type CodeOf } from '../errors';

/** Stable codes (clients may switch on them; never reuse one for a different meaning). */
export const ResilienceErrorCodes = defineErrorCodes('resilience', 'HttpError', {
  TOO_MANY_REQUESTS: {
    status: 429,
    thrownBy: 'TooManyRequestsError',
    meaning: 'The bulkhead is full (or the wait for a slot ran out), or a rate limit is exhausted; `Retry-After` says when to retry.',
  },
  RATE_LIMITER_UNAVAILABLE: {
    status: 503,
    thrownBy: 'RateLimiterUnavailableError',
    meaning: "The Redis rate limiter cannot reach Redis and was told to deny (`onRedisError: 'deny'`).",
  },
  INVALID_RATE_LIMIT: {
    thrownBy: 'InvalidRateLimitError',
    meaning: "A rate limit string or object that makes no sense (`parseLimit('10-X')`, a rate or burst <= 0).",
  },
  INVALID_RATE_COST: {
    thrownBy: 'InvalidRateCostError',
    meaning: 'A take() with a cost that is negative, not an integer, or larger than the burst (it could never be allowed).',
  },
  REDIS_COMMAND_TIMEOUT: {
    thrownBy: 'RedisCommandTimeoutError',
    meaning: 'Redis did not answer a rate-limit command within `commandTimeoutMs` (then `onRedisError` decides).',
  },
  REDIS_NOT_READY: {
    thrownBy: 'RedisRateLimiterError',
    meaning: '`RedisRateLimiter.ready()` did not see the client connect within its timeout (the message gives the client status).',
  },
  REDIS_BAD_REPLY: {
    thrownBy: 'RedisRateLimiterError',
    meaning:
      'The rate-limit script answered something other than its four numbers (a foreign script under its SHA1?); `take()` then applies `onRedisError`.',
  },
});

export type ResilienceErrorCode = CodeOf<typeof ResilienceErrorCodes>;

/** How the middleware's answers appear on every route of the OpenAPI document (lib/http/route-errors.ts). */
export const TOO_MANY_REQUESTS_ANSWER: ErrorResponseDescriptor = {
  status: ResilienceErrorCodes.statusOf('TOO_MANY_REQUESTS'),
  codes: ['TOO_MANY_REQUESTS'],
  description: 'Too many requests: a rate limit or the bulkhead is exhausted; `Retry-After` says when to retry',
};

export const RATE_LIMITER_UNAVAILABLE_ANSWER: ErrorResponseDescriptor = {
  status: ResilienceErrorCodes.statusOf('RATE_LIMITER_UNAVAILABLE'),
  codes: ['RATE_LIMITER_UNAVAILABLE'],
  description: 'The rate limiter cannot reach its store and denies; retry shortly',
};

/** Bad options of the bulkhead and the rate limiters: start-up problems, named with the value given. */
export const ResilienceConfigErrorCodes = defineErrorCodes('resilience', 'ResilienceConfigError', {
  INVALID_BULKHEAD_OPTION: {
    meaning: 'A bulkhead option out of range: maxConcurrent an integer >= 1, maxQueue an integer >= 0 or Infinity, maxWaitMs >= 0.',
  },
  INVALID_LIMITER_OPTION: {
    meaning:
      "A rate limiter option out of range: maxKeys an integer >= 1, sweepIntervalMs >= 0, commandTimeoutMs > 0, onRedisError 'allow' or 'deny'.",
  },
});

export type ResilienceConfigErrorCode = CodeOf<typeof ResilienceConfigErrorCodes>;

export class ResilienceConfigError extends ConfigError<ResilienceConfigErrorCode> {}

/** 429 with `Retry-After` (whole seconds, at least 1) plus any extra headers (RateLimit-*). */
export class TooManyRequestsError extends HttpError<'TOO_MANY_REQUESTS'> {
  /** Read by the error mapper and set on the response. */
  readonly headers: Record<string, string>;

  constructor(message: string, retryAfterSeconds: number, headers: Record<string, string> = {}) {
    super(ResilienceErrorCodes.statusOf('TOO_MANY_REQUESTS'), 'TOO_MANY_REQUESTS', message);
    this.headers = { ...headers, 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) };
  }
}

/** 503: the limiter's store is unreachable and the limiter fails closed. */
export class RateLimiterUnavailableError extends HttpError<'RATE_LIMITER_UNAVAILABLE'> {
  readonly headers: Record<string, string> = { 'Retry-After': '1' };

  constructor(message: string, options?: ErrorOptions) {
    super(ResilienceErrorCodes.statusOf('RATE_LIMITER_UNAVAILABLE'), 'RATE_LIMITER_UNAVAILABLE', message, undefined, options);
  }
}

/** A bad limit definition: a start-up problem, never sent to a client. */
export class InvalidRateLimitError extends ConfigError<ResilienceErrorCode & 'INVALID_RATE_LIMIT'> {
  constructor(message: string) {
    super('INVALID_RATE_LIMIT', message);
  }
}

/** A cost no limit can ever allow (programming error: answered 500 if it reaches HTTP). */
export class InvalidRateCostError extends DoudouError<ResilienceErrorCode & 'INVALID_RATE_COST'> {
  constructor(message: string) {
    super('INVALID_RATE_COST', message);
  }
}

/** The Redis rate limiter's own failures: a client that does not connect, a reply that is not the script's. */
export class RedisRateLimiterError extends DoudouError<ResilienceErrorCode & ('REDIS_NOT_READY' | 'REDIS_BAD_REPLY')> {}

/** A command that Redis did not answer within commandTimeoutMs. */
export class RedisCommandTimeoutError extends DoudouError<ResilienceErrorCode & 'REDIS_COMMAND_TIMEOUT'> {
  constructor(ms: number) {
    super('REDIS_COMMAND_TIMEOUT', `redis did not answer within ${ms} ms`);
  }
}
