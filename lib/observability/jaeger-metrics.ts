/**
 * jaeger-client's own metrics (spans started/finished, reporter successes, drops, queue length) on OUR
 * Prometheus registry, so /go-doudou/prometheus shows them. jaeger-client's PrometheusMetricsFactory
 * registers on prom-client's global registry and keeps jaeger's `jaeger:traces` names (colons are
 * reserved for recording rules); this factory writes `<GDD_TRACING_METRICS_ROOT>_jaeger_traces_total`.
 */
import { Counter, Gauge, Registry } from 'prom-client';

export interface JaegerCounter {
  increment(delta?: number): void;
}
export interface JaegerGauge {
  update(value: number): void;
}
export interface JaegerTimer {
  record(value: number): void;
}

type Labels = Readonly<Record<string, string>> | undefined;

/** `tracing` + `jaeger:started_spans` → `tracing_jaeger_started_spans`. */
export function jaegerMetricName(root: string, name: string): string {
  const joined = root === '' ? name : `${root}_${name}`;
  const clean = joined.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[a-zA-Z_]/.test(clean) ? clean : `_${clean}`;
}

export class JaegerMetricsFactory {
  constructor(
    private readonly registry: Registry,
    private readonly root: string,
  ) {}

  createCounter(name: string, labels?: Labels): JaegerCounter {
    const metric = this.metric(
      `${jaegerMetricName(this.root, name)}_total`,
      labels,
      (n, labelNames) => new Counter({ name: n, help: `jaeger-client ${name}`, labelNames, registers: [this.registry] }),
    );
    const child = labels && Object.keys(labels).length > 0 ? metric.labels(labels) : metric;
    return { increment: (delta = 1) => child.inc(delta) };
  }

  createGauge(name: string, labels?: Labels): JaegerGauge {
    const metric = this.metric(
      jaegerMetricName(this.root, name),
      labels,
      (n, labelNames) => new Gauge({ name: n, help: `jaeger-client ${name}`, labelNames, registers: [this.registry] }),
    );
    const child = labels && Object.keys(labels).length > 0 ? metric.labels(labels) : metric;
    return { update: (value) => child.set(value) };
  }

  /** jaeger-client never asks for one; the interface has it. */
  createTimer(): JaegerTimer {
    return { record: () => undefined };
  }

  /** Several tracers (or apps) may share one registry: reuse what is registered. */
  private metric<M extends Counter<string> | Gauge<string>>(
    name: string,
    labels: Labels,
    make: (name: string, labelNames: string[]) => M,
  ): M {
    return (this.registry.getSingleMetric(name) as M | undefined) ?? make(name, Object.keys(labels ?? {}));
  }
}
