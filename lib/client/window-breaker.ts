/**
 * The breaker rule go-doudou meant (docs/go-doudou-differences.md#clients-and-resilience): open when, over a sliding window, at least
 * `minimumCalls` calls were made and at least `failureRatio` of them failed. goresilience, which go-doudou
 * uses, reads the wrong setting and opens at ≥ 6 % errors; cockatiel's SamplingBreaker asks for a strictly
 * greater ratio and a minimum *rate*. This one counts calls, in `buckets` time slices (10 × 1 s by default,
 * as goresilience), and compares with ≥.
 */
import { CircuitState, type IBreaker } from 'cockatiel';
import { ClientConfigError } from './client-config-errors';

export interface WindowBreakerOptions {
  /** Fraction of failed calls that opens the circuit, in (0, 1]. Default 0.5. */
  failureRatio?: number;
  /** Fewer calls than this in the window never open it. Default 6. */
  minimumCalls?: number;
  /** Length of the sliding window in ms. Default 10 000. */
  windowMs?: number;
  /** Number of slices of the window. Default 10. */
  buckets?: number;
}

interface Bucket {
  /** floor(time / bucketMs) of the slice this bucket holds, -1 when empty. */
  slice: number;
  failures: number;
  successes: number;
}

export class WindowBreaker implements IBreaker {
  private readonly failureRatio: number;
  private readonly minimumCalls: number;
  private readonly bucketMs: number;
  private buckets: Bucket[];

  constructor(
    options: WindowBreakerOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.failureRatio = options.failureRatio ?? 0.5;
    this.minimumCalls = options.minimumCalls ?? 6;
    const windowMs = options.windowMs ?? 10_000;
    const count = options.buckets ?? 10;
    if (!(this.failureRatio > 0 && this.failureRatio <= 1))
      throw new ClientConfigError('INVALID_BREAKER_OPTION', `failureRatio ${this.failureRatio} must be in (0, 1]`);
    if (!(Number.isInteger(this.minimumCalls) && this.minimumCalls >= 1))
      throw new ClientConfigError('INVALID_BREAKER_OPTION', `minimumCalls ${this.minimumCalls} must be an integer ≥ 1`);
    if (!(windowMs > 0) || !(Number.isInteger(count) && count >= 1))
      throw new ClientConfigError(
        'INVALID_BREAKER_OPTION',
        `windowMs must be > 0 and buckets an integer ≥ 1, got windowMs ${windowMs}, buckets ${count}`,
      );
    this.bucketMs = windowMs / count;
    this.buckets = Array.from({ length: count }, () => ({ slice: -1, failures: 0, successes: 0 }));
  }

  get state(): unknown {
    return this.buckets.map((b) => ({ ...b }));
  }

  set state(value: unknown) {
    if (Array.isArray(value) && value.length === this.buckets.length) this.buckets = (value as Bucket[]).map((b) => ({ ...b }));
  }

  success(state: CircuitState): void {
    // One good call in half-open closes the circuit (goresilience SuccessfulRequiredOnHalfOpen = 1): start afresh.
    if (state === CircuitState.HalfOpen) this.reset();
    this.current().successes++;
  }

  failure(state: CircuitState): boolean {
    this.current().failures++;
    if (state !== CircuitState.Closed) return true;
    const { calls, failures } = this.totals();
    return calls >= this.minimumCalls && failures >= this.failureRatio * calls;
  }

  /** Calls and failures inside the window now. */
  totals(): { calls: number; failures: number } {
    const slice = Math.floor(this.now() / this.bucketMs);
    let calls = 0;
    let failures = 0;
    for (const b of this.buckets) {
      if (b.slice > slice - this.buckets.length) {
        calls += b.failures + b.successes;
        failures += b.failures;
      }
    }
    return { calls, failures };
  }

  private current(): Bucket {
    const slice = Math.floor(this.now() / this.bucketMs);
    const b = this.buckets[slice % this.buckets.length]!;
    if (b.slice !== slice) {
      b.slice = slice;
      b.failures = 0;
      b.successes = 0;
    }
    return b;
  }

  private reset(): void {
    for (const b of this.buckets) {
      b.slice = -1;
      b.failures = 0;
      b.successes = 0;
    }
  }
}
