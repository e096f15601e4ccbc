/**
 * Lines that can repeat without bound (one per failing request, per retry, per reconnect) go through
 * here: at most one line per key and interval, and the next line says how many were held back, so a
 * flood costs a few lines and still tells how big it was.
 */
import type { Logger } from 'winston';

export interface RateLimitedLogOptions {
  /** At most one line per key in this many ms. Default 60000. */
  intervalMs?: number;
  /** Clock (ms). Default Date.now. */
  now?: () => number;
  /** Keys remembered; beyond this the oldest is forgotten (its next line is logged at once). Default 1000. */
  maxKeys?: number;
}

type Level = 'error' | 'warn' | 'info' | 'debug';

interface KeyState {
  lastAt: number;
  held: number;
}

export class RateLimitedLog {
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly logger: Pick<Logger, 'log'>,
    options: RateLimitedLogOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 1000;
  }

  /** Logs `message` unless a line with `key` was logged less than intervalMs ago. True when logged. */
  log(level: Level, key: string, message: string, meta?: Record<string, unknown>): boolean {
    const now = this.now();
    const state = this.keys.get(key);
    if (state !== undefined && now - state.lastAt < this.intervalMs) {
      state.held++;
      return false;
    }
    const held = state?.held ?? 0;
    if (state === undefined && this.keys.size >= this.maxKeys) this.keys.delete(this.keys.keys().next().value as string);
    this.keys.set(key, { lastAt: now, held: 0 });
    const suffix = held > 0 ? ` (${held} more like this in the last ${Math.round((now - (state?.lastAt ?? now)) / 1000)}s)` : '';
    const fields = held > 0 ? { ...meta, suppressed: held } : meta;
    if (fields === undefined) this.logger.log(level, `${message}${suffix}`);
    else this.logger.log(level, `${message}${suffix}`, fields);
    return true;
  }
}
