/**
 * Hooks the App calls on objects its container built (services, repositories, a Database): onStart() is
 * awaited before the server listens (in creation order; a failure stops the start), a HealthIndicator is
 * asked on every GET /go-doudou/health, onShutdown() is told when the App stops, after the HTTP server has
 * drained — in reverse creation order, so a service goes before the pool it uses. Duck-typed on purpose: a
 * class implements the interface, nothing registers it.
 */

export interface HealthCheck {
  status: 'up' | 'down';
  /** Anything that helps an operator: latency, pool use, the error. */
  [detail: string]: unknown;
}

export interface HealthIndicator {
  /** The key of this check in the health answer (`database`). */
  readonly healthName: string;
  checkHealth(): Promise<HealthCheck>;
}

export interface OnStart {
  onStart(): Promise<void> | void;
}

export interface OnShutdown {
  onShutdown(): Promise<void> | void;
}

/** GET /go-doudou/health: `up` only when every check is up (the answer is then 200, else 503). */
export interface HealthReport {
  status: 'up' | 'down';
  checks?: Record<string, HealthCheck>;
}

export function isHealthIndicator(value: unknown): value is HealthIndicator {
  const v = value as Partial<HealthIndicator> | null;
  return typeof v === 'object' && v !== null && typeof v.healthName === 'string' && typeof v.checkHealth === 'function';
}

export function hasOnStart(value: unknown): value is OnStart {
  return typeof value === 'object' && value !== null && typeof (value as Partial<OnStart>).onStart === 'function';
}

export function hasOnShutdown(value: unknown): value is OnShutdown {
  return typeof value === 'object' && value !== null && typeof (value as Partial<OnShutdown>).onShutdown === 'function';
}

/** Runs every indicator's check (a throwing check counts as down) and folds them into one report. */
export async function healthReport(indicators: readonly HealthIndicator[]): Promise<HealthReport> {
  if (indicators.length === 0) return { status: 'up' };
  const checks: Record<string, HealthCheck> = {};
  await Promise.all(
    indicators.map(async (indicator) => {
      try {
        checks[indicator.healthName] = await indicator.checkHealth();
      } catch (err) {
        checks[indicator.healthName] = { status: 'down', error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
  return { status: Object.values(checks).every((c) => c.status === 'up') ? 'up' : 'down', checks };
}
