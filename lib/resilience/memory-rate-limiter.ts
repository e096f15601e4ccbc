/**
 * In-process rate limiter: one token bucket per key (go-doudou memrate, docs/go-doudou-differences.md#rate-limiting), kept as a GCRA
 * theoretical arrival time so a key costs one number and answers exactly like RedisRateLimiter.
 *
 * Keys live in an LRU capped at `maxKeys` (go-doudou: 256; default here 10 000, since every client IP is
 * a key). A key whose bucket is full again holds no information, so it is dropped: lazily when touched,
 * and by one unref'd sweep timer (no timer per key, unlike memrate's WithTimer). Evicting a key that is
 * NOT full (LRU overflow) forgets its debt: that client gets a fresh bucket. Size `maxKeys` for the number
 * of clients active within one refill time to avoid that; `stats().evicted` counts it.
 */
import { performance } from 'node:perf_hooks';
import { checkCost, emissionIntervalMs, toLimit, type Limit } from './limit';
import { gcraStep, type RateDecision, type RateLimiter } from './rate-limiter';
import { ResilienceConfigError } from './errors';

export interface MemoryRateLimiterOptions {
  /** The limit for every key: a Limit or a go-doudou string such as '10-S-30'. */
  limit: Limit | string;
  /** Most keys kept; the least recently used is dropped beyond it. Default 10 000 (go-doudou 256). */
  maxKeys?: number;
  /** How often full buckets are swept out (ms). Default 60 000. 0 turns the timer off (lazy eviction only). */
  sweepIntervalMs?: number;
  /** Clock in ms (monotonic). Default performance.now(); tests inject one to step time exactly. */
  now?: () => number;
}

export interface MemoryRateLimiterStats {
  /** Keys currently held (buckets not yet full again). */
  keys: number;
  /** Keys dropped while their bucket was not full, because of the maxKeys cap. */
  evicted: number;
  /** Keys dropped because their bucket was full again (idle). */
  expired: number;
}

export class MemoryRateLimiter implements RateLimiter {
  readonly limit: Limit;
  private readonly intervalMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  /** key → theoretical arrival time; Map order is recency order (oldest first). */
  private readonly tats = new Map<string, number>();
  private readonly sweepTimer?: NodeJS.Timeout;
  private evicted = 0;
  private expired = 0;

  constructor(options: MemoryRateLimiterOptions) {
    this.limit = toLimit(options.limit);
    this.intervalMs = emissionIntervalMs(this.limit);
    const maxKeys = options.maxKeys ?? 10_000;
    if (!Number.isSafeInteger(maxKeys) || maxKeys < 1)
      throw new ResilienceConfigError('INVALID_LIMITER_OPTION', `maxKeys must be an integer >= 1, got ${String(maxKeys)}`);
    this.maxKeys = maxKeys;
    this.now = options.now ?? (() => performance.now());
    const sweepMs = options.sweepIntervalMs ?? 60_000;
    if (!Number.isFinite(sweepMs) || sweepMs < 0)
      throw new ResilienceConfigError('INVALID_LIMITER_OPTION', `sweepIntervalMs must be >= 0, got ${String(sweepMs)}`);
    if (sweepMs > 0) {
      this.sweepTimer = setInterval(() => this.sweep(), sweepMs);
      this.sweepTimer.unref();
    }
  }

  /** Synchronous core of take(): the decision at the limiter's clock. */
  takeNow(key: string, cost = 1): RateDecision {
    checkCost(cost, this.limit);
    const now = this.now();
    let stored = this.tats.get(key);
    if (stored !== undefined) {
      this.tats.delete(key); // re-inserted below (most recent) unless full again
      if (stored <= now) {
        stored = undefined;
        this.expired++;
      }
    }
    const step = gcraStep(stored, now, this.intervalMs, this.limit.burst, cost);
    if (step.tat > now) this.remember(key, step.tat, now);
    return {
      allowed: step.allowed,
      limit: this.limit.burst,
      remaining: step.remaining,
      resetMs: step.resetMs,
      retryAfterMs: step.retryAfterMs,
    };
  }

  take(key: string, cost = 1): Promise<RateDecision> {
    try {
      return Promise.resolve(this.takeNow(key, cost));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Drops every key whose bucket is full again. Runs on the sweep timer; callable directly. */
  sweep(): number {
    const now = this.now();
    let dropped = 0;
    for (const [key, tat] of this.tats) {
      if (tat <= now) {
        this.tats.delete(key);
        dropped++;
      }
    }
    this.expired += dropped;
    return dropped;
  }

  /** Whether a key is held (its bucket is not known to be full). */
  has(key: string): boolean {
    return this.tats.has(key);
  }

  stats(): MemoryRateLimiterStats {
    return { keys: this.tats.size, evicted: this.evicted, expired: this.expired };
  }

  close(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.tats.clear();
    return Promise.resolve();
  }

  private remember(key: string, tat: number, now: number): void {
    this.tats.set(key, tat);
    if (this.tats.size <= this.maxKeys) return;
    const oldest = this.tats.entries().next();
    if (oldest.done) return;
    const [oldestKey, oldestTat] = oldest.value;
    this.tats.delete(oldestKey);
    if (oldestTat <= now) this.expired++;
    else this.evicted++;
  }
}
