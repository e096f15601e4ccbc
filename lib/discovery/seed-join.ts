/**
 * Joining GDD_MEM_SEED, and saying so while it does not work. The first attempt's result is logged; if no
 * seed answered, the join is retried every retry period until one does, with every failed retry at
 * debug, a warning at most every `warnEveryMs` while still no seed answers, and one info line when
 * one finally does — so a node that never found its cluster is neither silent nor flooding the log.
 */
import type { Logger } from 'winston';
import { RateLimitedLog } from '../observability/rate-limited-log';
import type { GossipNode } from './node';

export interface SeedJoinOptions {
  seeds: readonly string[];
  /** Pause between attempts (GDD_MEM_REJOIN_INTERVAL); 0 = no retries. */
  retryEveryMs: number;
  /** At most one "still no seed" warning per this many ms. Default 5 minutes. */
  warnEveryMs?: number;
  logger: Logger;
  /** Clock of the warning interval (ms). Default Date.now. */
  now?: () => number;
}

export const SEED_WARNING_INTERVAL_MS = 5 * 60_000;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class SeedJoin {
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private failedRetries = 0;
  private firstFailureAt = 0;
  private readonly warnings: RateLimitedLog;
  private readonly now: () => number;

  constructor(
    private readonly node: GossipNode,
    private readonly options: SeedJoinOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.warnings = new RateLimitedLog(options.logger, { intervalMs: options.warnEveryMs ?? SEED_WARNING_INTERVAL_MS, now: this.now });
  }

  /** The first attempt; when it fails, retries go on in the background until a seed answers or close(). True when joined now. */
  async start(): Promise<boolean> {
    const { seeds, retryEveryMs, logger } = this.options;
    try {
      const contacted = await this.node.join(seeds);
      logger.info(`joined the gossip cluster through ${contacted} of ${seeds.length} seed(s)`);
      return true;
    } catch (err) {
      if (this.closed) return false;
      this.firstFailureAt = this.now();
      const retry = retryEveryMs > 0 ? `retrying every ${retryEveryMs}ms` : 'not retrying (GDD_MEM_REJOIN_INTERVAL=0)';
      this.warnings.log('warn', 'no-seed', `could not reach any seed (${seeds.join(', ')}): ${messageOf(err)}; ${retry}`);
      this.schedule();
      return false;
    }
  }

  /** Stops retrying (shutdown). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.closed || this.options.retryEveryMs <= 0) return;
    this.timer = setTimeout(() => void this.retry(), this.options.retryEveryMs);
    this.timer.unref();
  }

  private async retry(): Promise<void> {
    this.timer = undefined;
    const { seeds, logger } = this.options;
    const since = (): string => `${Math.round((this.now() - this.firstFailureAt) / 1000)}s`;
    try {
      const contacted = await this.node.join(seeds);
      if (this.closed) return;
      logger.info(
        `a seed answered after ${this.failedRetries + 1} retries (${since()}): joined the gossip cluster through ${contacted} of ${seeds.length} seed(s)`,
      );
    } catch (err) {
      if (this.closed) return;
      this.failedRetries++;
      logger.debug(`seed retry ${this.failedRetries} failed: ${messageOf(err)}`);
      this.warnings.log(
        'warn',
        'no-seed',
        `still no seed answers (${seeds.join(', ')}) after ${this.failedRetries} retries over ${since()}: ${messageOf(err)}`,
      );
      this.schedule();
    }
  }
}
