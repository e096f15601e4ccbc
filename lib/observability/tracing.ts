/**
 * Jaeger tracing through jaeger-client — the OpenTracing tracer that speaks what go-doudou's Go services
 * speak (`uber-trace-id`, spans to a Jaeger agent), so a mixed Go/Node cluster shares one trace.
 * Configured from JAEGER_* (config.tracing). When off (`Tracing.off`, or JAEGER_DISABLED), no tracer
 * exists and the request path only tests `enabled`: tracing costs nothing then.
 */
import { FORMAT_HTTP_HEADERS, Tags, type Span, type SpanContext, type Tracer } from 'opentracing';
import { initTracer, type TracingConfig as JaegerConfig } from 'jaeger-client';
import type { IncomingHttpHeaders } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from 'winston';
import type { Config, TracingConfig } from '../config/types';
import { JaegerMetricsFactory } from './jaeger-metrics';
import { TRACEPARENT, UBER_TRACE_ID, headerValue, traceparentOf, uberTraceIdFromTraceparent } from './trace-headers';

export interface TracingOptions {
  /** Prometheus registry for the tracer's own metrics (the HTTP server's, so they are on /go-doudou/prometheus). */
  registry?: Registry;
  /** Where jaeger-client reports its problems (failed sends). */
  logger?: Logger;
}

/**
 * What Tracing needs of a jaeger-client tracer. Declared here so the published declarations name only
 * opentracing's types (jaeger-client ships none; @types/jaeger-client is a dev dependency).
 */
export interface ClosableTracer extends Tracer {
  /** Flushes buffered spans and releases the reporter's socket. */
  close(callback?: () => void): void;
}

/** JAEGER_DISABLED=auto: on when the environment says where spans go (as a go-doudou .env does). */
export function tracingEnabled(t: TracingConfig): boolean {
  if (t.disabled === 'auto') return t.agentHost !== '' || t.agentPort !== 0 || t.endpoint !== '';
  return !t.disabled;
}

function jaegerConfig(t: TracingConfig, serviceName: string): JaegerConfig {
  return {
    serviceName,
    sampler: {
      type: t.samplerType,
      param: t.samplerParam,
      // remote: the sampling strategies the agent serves on 5778
      ...(t.samplerType === 'remote' ? { host: t.agentHost || 'localhost', port: 5778 } : {}),
    },
    reporter: {
      logSpans: false,
      flushIntervalMs: t.flushIntervalMs,
      ...(t.endpoint !== ''
        ? { collectorEndpoint: t.endpoint, username: t.user || undefined, password: t.password || undefined }
        : { agentHost: t.agentHost || undefined, agentPort: t.agentPort || undefined }),
    },
  };
}

/** jaeger span contexts know whether they are sampled; the OpenTracing interface does not say. */
function isSampled(context: SpanContext): boolean {
  const c = context as SpanContext & { isSampled?: () => boolean };
  return typeof c.isSampled === 'function' ? c.isSampled() : true;
}

/** Writes the trace headers of `span` into `headers` (uber-trace-id, Jaeger baggage, traceparent). */
export function injectTraceHeaders(span: Span, headers: Record<string, string>): void {
  const context = span.context();
  span.tracer().inject(context, FORMAT_HTTP_HEADERS, headers);
  const traceparent = traceparentOf(context, isSampled(context));
  if (traceparent !== undefined) headers[TRACEPARENT] = traceparent;
}

/** The trace id of a span as Jaeger shows it (hex), '' for a no-op span. */
export function traceIdOf(span: Span): string {
  return span.context().toTraceId();
}

export class Tracing {
  /** No tracer at all: every start returns undefined. */
  static readonly off = new Tracing(undefined);

  /** The tracer for an App's config: off unless JAEGER_* ask for it (see tracingEnabled). */
  static fromConfig(config: Config, options: TracingOptions = {}): Tracing {
    const t = config.tracing;
    if (!tracingEnabled(t)) return Tracing.off;
    const serviceName = t.serviceName || config.service.name || 'ts-doudou';
    const log = options.logger?.child({ module: 'tracing' });
    const tracer = initTracer(jaegerConfig(t, serviceName), {
      tags: { ...t.tags },
      ...(options.registry
        ? {
            metrics: new JaegerMetricsFactory(options.registry, t.metricsRoot) as unknown as NonNullable<
              Parameters<typeof initTracer>[1]['metrics']
            >,
          }
        : {}),
      logger: log ? { info: (m: string) => log.debug(m), error: (m: string) => log.warn(m) } : undefined,
    });
    return new Tracing(tracer);
  }

  private closing: Promise<void> | undefined;

  // private: the declaration then names no jaeger-client type (jaeger-client ships none; @types/jaeger-client is dev-only)
  private constructor(private readonly jaeger: ClosableTracer | undefined) {}

  get enabled(): boolean {
    return this.jaeger !== undefined;
  }

  /** The OpenTracing tracer (undefined when off), e.g. to start spans for background jobs. */
  get tracer(): Tracer | undefined {
    return this.jaeger;
  }

  /**
   * The server span of an incoming request: a child of the caller's span when the request carries
   * uber-trace-id (or traceparent), else a new trace. Undefined when tracing is off.
   */
  startServerSpan(operationName: string, headers: IncomingHttpHeaders, tags: Record<string, string | number>): Span | undefined {
    const tracer = this.jaeger;
    if (tracer === undefined) return undefined;
    let carrier: Record<string, string | string[] | undefined> = headers;
    if (headers[UBER_TRACE_ID] === undefined) {
      const traceparent = headerValue(headers[TRACEPARENT]);
      const converted = traceparent === undefined ? undefined : uberTraceIdFromTraceparent(traceparent);
      if (converted !== undefined) carrier = { ...headers, [UBER_TRACE_ID]: converted };
    }
    const parent = tracer.extract(FORMAT_HTTP_HEADERS, carrier) ?? undefined;
    return tracer.startSpan(operationName, { childOf: parent, tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_SERVER, ...tags } });
  }

  /** Sends what is buffered and releases the UDP socket (graceful shutdown). Idempotent. */
  close(): Promise<void> {
    const tracer = this.jaeger;
    if (tracer === undefined) return Promise.resolve();
    this.closing ??= new Promise<void>((resolve) => tracer.close(() => resolve()));
    return this.closing;
  }
}
