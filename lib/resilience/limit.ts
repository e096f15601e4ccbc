/**
 * A rate limit as go-doudou's `ratelimit.Limit` (docs/go-doudou-differences.md#rate-limiting): `rate` events per `periodMs`, with a
 * bucket of `burst` events that may happen at once. Shared by the memory and the Redis limiter so both
 * answer the same way for the same limit.
 */
import { InvalidRateCostError, InvalidRateLimitError } from './errors';

export interface Limit {
  /** Events per period; fractional rates are fine (`0.5` per second = one every 2 s). */
  readonly rate: number;
  /** Length of the period in ms (1000, 60 000, 3 600 000, 86 400 000 for S/M/H/D). */
  readonly periodMs: number;
  /** Most events allowed at once (bucket size); a full bucket after `burst × periodMs / rate` of idleness. */
  readonly burst: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const PERIODS: Readonly<Record<string, number>> = { S: SECOND, M: MINUTE, H: HOUR, D: DAY };

/** `rate` per second; burst defaults to 1 as go-doudou's `PerSecond` (its `PerSecondBurst` is the 2-arg form). */
export function perSecond(rate: number, burst = 1): Limit {
  return checkLimit({ rate, periodMs: SECOND, burst });
}

export function perMinute(rate: number, burst = 1): Limit {
  return checkLimit({ rate, periodMs: MINUTE, burst });
}

export function perHour(rate: number, burst = 1): Limit {
  return checkLimit({ rate, periodMs: HOUR, burst });
}

export function perDay(rate: number, burst = 1): Limit {
  return checkLimit({ rate, periodMs: DAY, burst });
}

/** Time between two events at the steady rate (GCRA's emission interval), in ms. */
export function emissionIntervalMs(limit: Limit): number {
  return limit.periodMs / limit.rate;
}

/** Throws InvalidRateLimitError naming the field when a limit cannot work; returns it frozen otherwise. */
export function checkLimit(limit: Limit, source = JSON.stringify(limit)): Limit {
  const { rate, periodMs, burst } = limit;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
    throw new InvalidRateLimitError(`invalid rate limit ${source}: rate must be a number > 0, got ${String(rate)}`);
  }
  if (typeof periodMs !== 'number' || !Number.isFinite(periodMs) || periodMs <= 0) {
    throw new InvalidRateLimitError(`invalid rate limit ${source}: periodMs must be a number > 0, got ${String(periodMs)}`);
  }
  if (typeof burst !== 'number' || !Number.isSafeInteger(burst) || burst < 1) {
    throw new InvalidRateLimitError(`invalid rate limit ${source}: burst must be an integer >= 1, got ${String(burst)}`);
  }
  return Object.freeze({ rate, periodMs, burst });
}

const FORMAT_HINT = "expected '<rate>-<S|M|H|D>[-<burst>]', e.g. '10-M-200' or '5.5-S'";

/**
 * go-doudou's `ratelimit.Parse`: `<rate>-<period>[-<burst>]`, period S, M, H or D (any case), rate a
 * decimal number, burst an integer that defaults to 1. Stricter than Go where Go would accept nonsense:
 * rate must be > 0 and finite (Go takes `0`, `Inf`), burst >= 1 (Go takes `-5`).
 */
export function parseLimit(value: string): Limit {
  const source = `'${value}'`;
  if (typeof value !== 'string') throw new InvalidRateLimitError(`invalid rate limit ${String(value)}: ${FORMAT_HINT}`);
  const parts = value.trim().split('-');
  if (parts.length !== 2 && parts.length !== 3) throw new InvalidRateLimitError(`invalid rate limit ${source}: ${FORMAT_HINT}`);
  const [rateText, periodText, burstText] = parts as [string, string, string | undefined];
  if (!/^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(rateText)) {
    throw new InvalidRateLimitError(`invalid rate limit ${source}: rate '${rateText}' is not a number; ${FORMAT_HINT}`);
  }
  const periodMs = PERIODS[periodText.toUpperCase()];
  if (periodMs === undefined) {
    throw new InvalidRateLimitError(`invalid rate limit ${source}: period '${periodText}' is not one of S, M, H, D; ${FORMAT_HINT}`);
  }
  let burst = 1;
  if (burstText !== undefined) {
    if (!/^\d+$/.test(burstText)) {
      throw new InvalidRateLimitError(`invalid rate limit ${source}: burst '${burstText}' is not a whole number; ${FORMAT_HINT}`);
    }
    burst = Number(burstText);
  }
  return checkLimit({ rate: Number(rateText), periodMs, burst }, source);
}

/** A limit given as a Limit or as a go-doudou string. */
export function toLimit(limit: Limit | string): Limit {
  return typeof limit === 'string' ? parseLimit(limit) : checkLimit(limit);
}

/** Cost of one take(): an integer in [0, burst]; more than burst could never be allowed. */
export function checkCost(cost: number, limit: Limit): void {
  if (!Number.isSafeInteger(cost) || cost < 0) {
    throw new InvalidRateCostError(`rate limiter cost must be a whole number >= 0, got ${String(cost)}`);
  }
  if (cost > limit.burst) {
    throw new InvalidRateCostError(`rate limiter cost ${cost} exceeds the burst ${limit.burst}: it could never be allowed`);
  }
}
