/** Server-side resilience: bulkhead and rate limiting middleware, the limiters behind them. */
export { bulkhead, type BulkheadOptions, type BulkheadStats, type BulkheadMiddleware } from './bulkhead';
export {
  ConcurrencyGate,
  GateRejectedError,
  GateRejectionCodes,
  type GateRejectionReason,
  type Release,
  type AcquireOptions,
} from './concurrency-gate';
export {
  ResilienceErrorCodes,
  TooManyRequestsError,
  RateLimiterUnavailableError,
  InvalidRateLimitError,
  InvalidRateCostError,
  RedisCommandTimeoutError,
  RedisRateLimiterError,
  ResilienceConfigError,
  ResilienceConfigErrorCodes,
  type ResilienceErrorCode,
} from './errors';
export { type Limit, perSecond, perMinute, perHour, perDay, parseLimit, emissionIntervalMs } from './limit';
export { type RateLimiter, type RateDecision } from './rate-limiter';
export { MemoryRateLimiter, type MemoryRateLimiterOptions, type MemoryRateLimiterStats } from './memory-rate-limiter';
export {
  RedisRateLimiter,
  type RedisRateLimiterOptions,
  type RedisRateLimiterStats,
  type RedisClient,
  type RateLimiterLogger,
} from './redis-rate-limiter';
export { rateLimit, type RateLimitOptions } from './rate-limit';
