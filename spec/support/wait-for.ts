/**
 * Poll a condition until it holds or a deadline passes — the only way tests wait (never fixed sleeps).
 */

export interface WaitForOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** Poll period (ms). */
  intervalMs?: number;
  /** Said in the error when the deadline passes. */
  message?: string;
}

/** Thrown when a waited-for condition did not hold before its deadline. */
export class WaitTimeoutError extends Error {
  readonly code = 'WAIT_TIMEOUT';
  constructor(
    message: string,
    readonly lastError?: unknown,
  ) {
    super(message);
    this.name = 'WaitTimeoutError';
  }
}

/**
 * Resolve with the first truthy value `condition` returns. A condition that throws counts as "not yet"
 * (its last error is attached to the timeout error, which helps when an assertion is used as condition).
 */
export async function waitFor<T>(
  condition: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitForOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new WaitTimeoutError(`${options.message ?? 'condition'} not met within ${timeoutMs} ms${detail}`, lastError);
    }
    await delay(Math.min(intervalMs, Math.max(1, deadline - Date.now())));
  }
}

/** Resolves after `ms`; for polling loops only, never as a test's way to wait for an outcome. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
