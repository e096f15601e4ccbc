/**
 * Prometheus metrics of the HTTP server, named as go-doudou v1.3+ names them (docs/go-doudou-differences.md#metrics)
 * so existing dashboards keep working — with one deliberate difference: `path` is the ROUTE TEMPLATE
 * (`/users/:id`), never the raw URL, so label cardinality stays bounded (go-doudou used the raw path).
 * Unmatched requests are labelled `unmatched`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import { CounterSeries, HistogramSeries } from './metric-series';

export interface HttpMetricsOptions {
  /** Registry to register on; default: a new Registry owned by this object. */
  registry?: Registry;
  /** GDD_SERVICE_NAME, a label of go_doudou_app_info. */
  serviceName?: string;
  /** Collect prom-client's process/Node.js default metrics on the registry (default true; skipped if already there). */
  defaultMetrics?: boolean;
}

export const HTTP_REQUEST_COUNT = 'go_doudou_http_request_count';
export const HTTP_RESPONSE_TIME = 'go_doudou_http_response_time_seconds';
export const APP_INFO = 'go_doudou_app_info';

/** Version of the installed ts-doudou package (the `gddVer` label), found by walking up from this file. */
export function frameworkVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ts-doudou' && pkg.version) return pkg.version;
    } catch {
      // not here; keep walking up
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

/** The metric already registered under `name` (several servers or pools may share one registry). */
export function existing<T extends Metric>(registry: Registry, name: string): T | undefined {
  return registry.getSingleMetric(name) as T | undefined;
}

/** The series one (route, method, status) records into (metric-series.ts: no per-call label hashing). */
interface RouteSeries {
  count: CounterSeries;
  time: HistogramSeries;
}

/** Bound of the series cache: route templates × methods × statuses is small; this only caps misuse. */
const MAX_CACHED_SERIES = 2048;

export class HttpMetrics {
  readonly registry: Registry;
  private readonly requests: Counter<'path' | 'method' | 'status'>;
  private readonly responseTime: Histogram<'path' | 'method'>;
  /**
   * route → method → status → its series, built once, not per request. Nested maps of strings the server
   * already holds (route templates, node:http's method names) hash once; a `${method} ${status} ${route}`
   * key would be built and hashed on every request.
   */
  private readonly series = new Map<string, Map<string, Map<number | string, RouteSeries>>>();
  private cachedSeries = 0;

  constructor(options: HttpMetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    const registers = [this.registry];
    if ((options.defaultMetrics ?? true) && !this.registry.getSingleMetric('process_cpu_user_seconds_total')) {
      collectDefaultMetrics({ register: this.registry });
    }
    // Several servers may share one registry: reuse what is already registered instead of throwing.
    this.requests =
      existing<Counter<'path' | 'method' | 'status'>>(this.registry, HTTP_REQUEST_COUNT) ??
      new Counter({ name: HTTP_REQUEST_COUNT, help: 'Number of HTTP requests.', labelNames: ['path', 'method', 'status'], registers });
    this.responseTime =
      existing<Histogram<'path' | 'method'>>(this.registry, HTTP_RESPONSE_TIME) ??
      // prom-client's default buckets equal the Go client's (.005 … 10 s), as go-doudou used.
      new Histogram({ name: HTTP_RESPONSE_TIME, help: 'Duration of HTTP requests in seconds.', labelNames: ['path', 'method'], registers });
    const info =
      existing<Gauge<'nodeVer' | 'gddVer' | 'serviceName'>>(this.registry, APP_INFO) ??
      new Gauge({
        name: APP_INFO,
        help: 'Information about the ts-doudou application.',
        labelNames: ['nodeVer', 'gddVer', 'serviceName'],
        registers,
      });
    info.set({ nodeVer: process.version, gddVer: frameworkVersion(), serviceName: options.serviceName ?? '' }, 1);
  }

  /**
   * Records one finished request; `routeTemplate` must be a template or 'unmatched', never a raw URL.
   * `status` is the status sent, or how the request ended without one (`aborted`, `write-timeout`, `shutdown`).
   */
  observe(routeTemplate: string, method: string, status: number | string, seconds: number): void {
    const series = this.series.get(routeTemplate)?.get(method)?.get(status) ?? this.addSeries(routeTemplate, method, status);
    series.count.inc();
    series.time.observe(seconds);
  }

  private addSeries(routeTemplate: string, method: string, status: number | string): RouteSeries {
    if (this.cachedSeries >= MAX_CACHED_SERIES) {
      this.series.clear();
      this.cachedSeries = 0;
    }
    let ofRoute = this.series.get(routeTemplate);
    if (ofRoute === undefined) this.series.set(routeTemplate, (ofRoute = new Map()));
    let ofMethod = ofRoute.get(method);
    if (ofMethod === undefined) ofRoute.set(method, (ofMethod = new Map()));
    const series: RouteSeries = {
      count: new CounterSeries(this.requests, { path: routeTemplate, method, status: String(status) }),
      time: new HistogramSeries(this.responseTime, { path: routeTemplate, method }),
    };
    ofMethod.set(status, series);
    this.cachedSeries++;
    return series;
  }

  /** Prometheus text exposition of the whole registry. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
