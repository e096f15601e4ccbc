/**
 * Distributed rate limiter on Redis: GCRA in one atomic Lua script (gcra-script.ts), the port of
 * go-doudou's redisrate / go-redis/redis_rate. Every app node sharing a Redis shares each key's budget,
 * and time is Redis's own clock, so skewed app clocks don't matter.
 *
 * Redis down (decided here, documented in the README): by default the limiter FAILS OPEN — the request is
 * allowed with `degraded: true`, the failure is counted (`stats()`), and a warning is logged at most once
 * per `warnIntervalMs`. A rate limiter protects capacity; turning a Redis outage into a full API outage is
 * usually worse than briefly not limiting. `onRedisError: 'deny'` fails closed instead (503
 * RATE_LIMITER_UNAVAILABLE), which is go-doudou's choice (its `Allow()` returns false on error). Either
 * way a command waits at most `commandTimeoutMs`, so a dead or hung Redis never stalls requests.
 */
import { redactUrlCredentials } from '../config/secrets';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { RateLimiterUnavailableError, RedisCommandTimeoutError, RedisRateLimiterError, ResilienceConfigError } from './errors';
import { GCRA_SCRIPT, GCRA_SCRIPT_SHA1 } from './gcra-script';
import { checkCost, toLimit, type Limit } from './limit';
import type { RateDecision, RateLimiter } from './rate-limiter';

/** Where warnings go: a winston Logger and `console` both fit. */
export interface RateLimiterLogger {
  warn(message: string): unknown;
}

export type RedisClient = Redis | Cluster;

export interface RedisRateLimiterOptions {
  /** The limit take() applies to every key: a Limit or a go-doudou string such as '10-M-200'. */
  limit: Limit | string;
  /** An ioredis client (Redis or Cluster; left open by close()), or connection options for a client the
   *  limiter owns and closes. Default: a client for 127.0.0.1:6379. Owned clients get
   *  `enableOfflineQueue: false`, `maxRetriesPerRequest: 0`, `commandTimeout: commandTimeoutMs` unless
   *  the options say otherwise; give a shared client the same settings. */
  redis?: RedisClient | RedisOptions;
  /** Prefix of every key in Redis. Default 'go-doudou:rate:' (go-doudou's, so both can share buckets). */
  prefix?: string;
  /** Longest wait for Redis per take(), enforced by the limiter whatever the client does. Default 150 ms. */
  commandTimeoutMs?: number;
  /** What take() does when Redis fails or times out: 'allow' (default; fail-open, `degraded: true`) or
   *  'deny' (throws RateLimiterUnavailableError, answered 503). */
  onRedisError?: 'allow' | 'deny';
  /** Receives the rate-limited warning about Redis failures. Default: process.emitWarning. */
  logger?: RateLimiterLogger;
  /** At most one warning per this many ms. Default 60 000. */
  warnIntervalMs?: number;
}

export interface RedisRateLimiterStats {
  /** Commands that failed or timed out. */
  redisErrors: number;
  /** Of those, takes that were allowed anyway ('allow'). */
  failedOpen: number;
  /** Of those, takes that were refused with 503 ('deny'). */
  failedClosed: number;
  /** Message of the most recent Redis failure. */
  lastError?: string;
}

function isClient(value: RedisClient | RedisOptions | undefined): value is RedisClient {
  return value instanceof Redis || value instanceof Cluster;
}

/** An error's text for warnings and stats; a Redis URL in it keeps its host but not its password. */
function messageOf(err: unknown): string {
  return redactUrlCredentials(err instanceof Error ? err.message : String(err));
}

export class RedisRateLimiter implements RateLimiter {
  readonly limit: Limit;
  readonly prefix: string;
  readonly client: RedisClient;
  private readonly ownsClient: boolean;
  private readonly commandTimeoutMs: number;
  private readonly onRedisError: 'allow' | 'deny';
  private readonly logger: RateLimiterLogger;
  private readonly warnIntervalMs: number;
  private readonly counters: RedisRateLimiterStats = { redisErrors: 0, failedOpen: 0, failedClosed: 0 };

  /** `onRedisError: 'deny'`: without Redis, requests are answered 503. */
  get failsClosed(): boolean {
    return this.onRedisError === 'deny';
  }
  private lastWarnAt = -Infinity;
  private errorsSinceWarning = 0;
  private closing?: Promise<void>;

  constructor(options: RedisRateLimiterOptions) {
    this.limit = toLimit(options.limit);
    this.prefix = options.prefix ?? 'go-doudou:rate:';
    this.commandTimeoutMs = options.commandTimeoutMs ?? 150;
    if (!Number.isFinite(this.commandTimeoutMs) || this.commandTimeoutMs <= 0) {
      throw new ResilienceConfigError('INVALID_LIMITER_OPTION', `commandTimeoutMs must be > 0, got ${String(options.commandTimeoutMs)}`);
    }
    this.onRedisError = options.onRedisError ?? 'allow';
    if (this.onRedisError !== 'allow' && this.onRedisError !== 'deny') {
      throw new ResilienceConfigError(
        'INVALID_LIMITER_OPTION',
        `onRedisError must be 'allow' or 'deny', got ${String(options.onRedisError)}`,
      );
    }
    this.logger = options.logger ?? { warn: (m: string) => process.emitWarning(m, 'RateLimiterWarning') };
    this.warnIntervalMs = options.warnIntervalMs ?? 60_000;
    if (isClient(options.redis)) {
      this.client = options.redis;
      this.ownsClient = false;
    } else {
      this.client = new Redis({
        host: '127.0.0.1',
        port: 6379,
        // Fail fast instead of queueing while disconnected; the limiter decides what a failure means.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: this.commandTimeoutMs,
        ...options.redis,
      });
      this.ownsClient = true;
      // Connection errors repeat while Redis is down; they are reported through the rate-limited warning.
      this.client.on('error', (err: unknown) => this.noteFailure(err, 'connection'));
    }
  }

  /** Resolves once the client is connected (call at start-up so the first requests are really limited). */
  ready(timeoutMs = 5000): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onReady = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        reject(
          new RedisRateLimiterError(
            'REDIS_NOT_READY',
            `redis rate limiter: not connected within ${timeoutMs} ms (status ${this.client.status})`,
          ),
        );
      }, timeoutMs);
      this.client.once('ready', onReady);
    });
  }

  /** take() with the configured limit, applying the Redis-failure policy. */
  async take(key: string, cost = 1): Promise<RateDecision> {
    checkCost(cost, this.limit);
    try {
      return await this.allowN(key, this.limit, cost);
    } catch (err) {
      this.noteFailure(err, 'command');
      if (this.onRedisError === 'deny') {
        this.counters.failedClosed++;
        throw new RateLimiterUnavailableError('rate limiter unavailable', { cause: err });
      }
      this.counters.failedOpen++;
      return { allowed: true, limit: this.limit.burst, remaining: this.limit.burst, resetMs: 0, retryAfterMs: 0, degraded: true };
    }
  }

  /** redis_rate's AllowN: `n` events for `key` under `limit`. Rejects on any Redis failure (no policy). */
  async allowN(key: string, limit: Limit, n: number): Promise<RateDecision> {
    const checked = toLimit(limit);
    checkCost(n, checked);
    const args = [this.prefix + key, checked.burst, checked.rate, checked.periodMs / 1000, n] as const;
    const reply = await this.withTimeout(this.evalGcra(args));
    return this.decision(reply, checked);
  }

  /** Forgets `key` (its bucket is full again). */
  async reset(key: string): Promise<void> {
    await this.withTimeout(this.client.del(this.prefix + key));
  }

  stats(): RedisRateLimiterStats {
    return { ...this.counters };
  }

  /** Closes the client if the limiter created it; a client passed in stays open. Idempotent. */
  close(): Promise<void> {
    if (!this.closing) this.closing = this.ownsClient ? this.quit() : Promise.resolve();
    return this.closing;
  }

  private async quit(): Promise<void> {
    if (this.client.status === 'ready') {
      try {
        await this.withTimeout(this.client.quit());
        return;
      } catch {
        // fall through: drop the connection
      }
    }
    this.client.disconnect();
  }

  /** EVALSHA; on NOSCRIPT (fresh or flushed server) EVAL, which also caches the script for next time. */
  private async evalGcra(args: readonly [string, number, number, number, number]): Promise<unknown> {
    const [key, ...argv] = args;
    try {
      return await this.client.evalsha(GCRA_SCRIPT_SHA1, 1, key, ...argv);
    } catch (err) {
      if (!messageOf(err).startsWith('NOSCRIPT')) throw err;
      return this.client.eval(GCRA_SCRIPT, 1, key, ...argv);
    }
  }

  private decision(reply: unknown, limit: Limit): RateDecision {
    if (!Array.isArray(reply) || reply.length !== 4)
      throw new RedisRateLimiterError('REDIS_BAD_REPLY', `unexpected reply from the rate limit script: ${JSON.stringify(reply)}`);
    const [allowed, remaining, retryAfter, resetAfter] = reply as [unknown, unknown, unknown, unknown];
    const retryAfterS = Number(retryAfter);
    const resetAfterS = Number(resetAfter);
    if (typeof remaining !== 'number' || !Number.isFinite(retryAfterS) || !Number.isFinite(resetAfterS)) {
      throw new RedisRateLimiterError('REDIS_BAD_REPLY', `unexpected reply from the rate limit script: ${JSON.stringify(reply)}`);
    }
    return {
      allowed: allowed === 1,
      limit: limit.burst,
      remaining,
      resetMs: Math.max(0, resetAfterS * 1000),
      retryAfterMs: allowed === 1 ? 0 : Math.max(0, retryAfterS * 1000),
    };
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    const ms = this.commandTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new RedisCommandTimeoutError(ms)), ms);
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
  }

  private noteFailure(err: unknown, what: 'command' | 'connection'): void {
    if (what === 'command') this.counters.redisErrors++;
    this.counters.lastError = messageOf(err);
    this.errorsSinceWarning++;
    const now = Date.now();
    if (now - this.lastWarnAt < this.warnIntervalMs) return;
    this.lastWarnAt = now;
    const policy = this.onRedisError === 'allow' ? 'allowing requests unlimited (fail-open)' : 'answering 503 (fail-closed)';
    this.logger.warn(
      `redis rate limiter: ${what} failed (${this.counters.lastError}); ${policy}; ${this.errorsSinceWarning} failure(s) since the last warning`,
    );
    this.errorsSinceWarning = 0;
  }
}
