/**
 * Prometheus metrics of a Database, on the App's registry next to the HTTP metrics (/go-doudou/prometheus):
 * per query kind a count, a latency histogram and errors by typed code, and the pool's connections in use
 * against its maximum. Labels are bounded: driver, database (GDD_DB_SCHEMA), kind, code.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { existing } from '../../observability/metrics';
import type { QueryKind } from './query-kind';

export const DB_QUERY_COUNT = 'go_doudou_db_query_count';
export const DB_QUERY_ERRORS = 'go_doudou_db_query_error_count';
export const DB_QUERY_DURATION = 'go_doudou_db_query_duration_seconds';
export const DB_POOL_IN_USE = 'go_doudou_db_pool_connections_in_use';
export const DB_POOL_MAX = 'go_doudou_db_pool_connections_max';

type QueryLabels = 'driver' | 'database' | 'kind';

/** Queries are faster than HTTP requests: buckets from 0.5 ms to 10 s. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class DatabaseMetrics {
  private readonly count: Counter<QueryLabels>;
  private readonly errors: Counter<QueryLabels | 'code'>;
  private readonly duration: Histogram<QueryLabels>;
  private readonly inUse: Gauge<'driver' | 'database'>;
  private readonly labels: { driver: string; database: string };

  constructor(registry: Registry, driver: string, database: string, maxConnections: number) {
    const registers = [registry];
    this.labels = { driver, database };
    const queryLabels: QueryLabels[] = ['driver', 'database', 'kind'];
    this.count =
      existing<Counter<QueryLabels>>(registry, DB_QUERY_COUNT) ??
      new Counter({ name: DB_QUERY_COUNT, help: 'Database queries by kind.', labelNames: queryLabels, registers });
    this.errors =
      existing<Counter<QueryLabels | 'code'>>(registry, DB_QUERY_ERRORS) ??
      new Counter({
        name: DB_QUERY_ERRORS,
        help: 'Failed database queries by kind and error code.',
        labelNames: [...queryLabels, 'code'],
        registers,
      });
    this.duration =
      existing<Histogram<QueryLabels>>(registry, DB_QUERY_DURATION) ??
      new Histogram({
        name: DB_QUERY_DURATION,
        help: 'Database query duration in seconds.',
        labelNames: queryLabels,
        buckets: BUCKETS,
        registers,
      });
    this.inUse =
      existing<Gauge<'driver' | 'database'>>(registry, DB_POOL_IN_USE) ??
      new Gauge({ name: DB_POOL_IN_USE, help: 'Pooled connections lent out.', labelNames: ['driver', 'database'], registers });
    const max =
      existing<Gauge<'driver' | 'database'>>(registry, DB_POOL_MAX) ??
      new Gauge({
        name: DB_POOL_MAX,
        help: 'Most connections the pool opens (GDD_DB_POOL_MAXOPENCONNS).',
        labelNames: ['driver', 'database'],
        registers,
      });
    max.set(this.labels, maxConnections);
    this.inUse.set(this.labels, 0);
  }

  observe(kind: QueryKind, seconds: number, errorCode: string | undefined): void {
    const labels = { ...this.labels, kind };
    this.count.inc(labels);
    this.duration.observe(labels, seconds);
    if (errorCode !== undefined) this.errors.inc({ ...labels, code: errorCode });
  }

  connectionAcquired(): void {
    this.inUse.inc(this.labels);
  }

  connectionReleased(): void {
    this.inUse.dec(this.labels);
  }
}
