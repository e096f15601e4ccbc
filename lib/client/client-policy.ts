/**
 * The default resilience policy of a client, outermost first (go-doudou's proxy runner, docs/go-doudou-differences.md#clients-and-resilience):
 *
 *   circuit breaker → overall timeout → retry (each attempt picks an instance again)
 *
 * - Breaker: WindowBreaker, opens at ≥ 50 % failures over ≥ 6 calls in 10 s (the rule go-doudou intended),
 *   half-open after 5 s, one success closes it. Failures: unreachable, timed out, 5xx; never 4xx.
 * - Timeout: 60 s for the whole call, all attempts and back-off included (go-doudou: 3 min, with a 1 min
 *   resty timeout per attempt inside — a caller waiting 3 minutes is waiting too long).
 * - Retry: 3 retries (4 attempts), exponential back-off with full jitter from 20 ms (goresilience's
 *   defaults), capped at 1 s; only what `isRetryableFailure` allows.
 * Any cockatiel IPolicy can replace the whole thing (`createClient(…, { policy })`).
 */
import {
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  fullJitterGenerator,
  handleWhen,
  noop,
  retry,
  timeout,
  wrap,
  type IDefaultPolicyContext,
  type IPolicy,
} from 'cockatiel';
import { isBreakerFailure, isRetryableFailure } from './errors';
import { WindowBreaker, type WindowBreakerOptions } from './window-breaker';
import { ClientConfigError } from './client-config-errors';

export interface BreakerOptions extends WindowBreakerOptions {
  /** How long the circuit stays open before one trial call is let through. Default 5000 ms. */
  halfOpenAfterMs?: number;
}

export interface ClientPolicyOptions {
  /** Retries after the first attempt (GDD_RETRY_COUNT semantics). Default 3; 0 switches retry off. */
  retryCount?: number;
  /** First back-off ceiling; attempt n waits uniform(0, base × 2^n). Default 20 ms. */
  retryBaseDelayMs?: number;
  /** Largest back-off. Default 1000 ms. */
  retryMaxDelayMs?: number;
  /** Whole-call deadline, all attempts included. Default 60 000 ms; 0 switches it off. */
  timeoutMs?: number;
  /** Circuit breaker settings, or false for none. */
  breaker?: BreakerOptions | false;
}

export const CLIENT_POLICY_DEFAULTS = Object.freeze({
  retryCount: 3,
  retryBaseDelayMs: 20,
  retryMaxDelayMs: 1000,
  timeoutMs: 60_000,
  breaker: Object.freeze({ failureRatio: 0.5, minimumCalls: 6, windowMs: 10_000, buckets: 10, halfOpenAfterMs: 5000 }),
});

export type ClientPolicy = IPolicy<IDefaultPolicyContext, unknown>;

function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw new ClientConfigError('INVALID_POLICY_OPTION', `${name}: ${value} is not an integer ≥ 0`);
  return value;
}

/** Builds the default policy (each call makes new, independent breaker state). */
export function defaultClientPolicy(options: ClientPolicyOptions = {}): ClientPolicy {
  const d = CLIENT_POLICY_DEFAULTS;
  const retryCount = nonNegativeInteger(options.retryCount ?? d.retryCount, 'retryCount');
  const timeoutMs = nonNegativeInteger(options.timeoutMs ?? d.timeoutMs, 'timeoutMs');
  const policies: ClientPolicy[] = [];

  if (options.breaker !== false) {
    const b = { ...d.breaker, ...(options.breaker ?? {}) };
    // The call-level timeout (TaskCancelledError) is thrown inside the breaker and counts as a failure.
    const failure = handleWhen((err) => isBreakerFailure(err) || err instanceof TaskCancelledError);
    policies.push(
      circuitBreaker(failure, { halfOpenAfter: nonNegativeInteger(b.halfOpenAfterMs, 'halfOpenAfterMs'), breaker: new WindowBreaker(b) }),
    );
  }
  if (timeoutMs > 0) {
    // Aggressive: the caller gets TIMEOUT at the deadline; the in-flight request is cancelled through the signal.
    policies.push(timeout(timeoutMs, TimeoutStrategy.Aggressive));
  }
  if (retryCount > 0) {
    const backoff = new ExponentialBackoff({
      generator: fullJitterGenerator,
      initialDelay: options.retryBaseDelayMs ?? d.retryBaseDelayMs,
      maxDelay: options.retryMaxDelayMs ?? d.retryMaxDelayMs,
    });
    policies.push(retry(handleWhen(isRetryableFailure), { maxAttempts: retryCount, backoff }));
  }
  return policies.length === 0 ? noPolicy() : wrap(...policies);
}

/** A policy that just runs the call once (what `policy: noPolicy()` gives: no breaker, timeout or retry). */
export function noPolicy(): ClientPolicy {
  return noop;
}
