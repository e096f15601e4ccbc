/**
 * Trace context on the wire. Jaeger's own header `uber-trace-id: {trace}:{span}:{parent}:{flags}` is what
 * go-doudou's Go services read and write, so it is always injected and preferred on extraction. W3C
 * `traceparent` (`00-{32 hex trace}-{16 hex span}-{2 hex flags}`) is accepted when no uber-trace-id came
 * and injected alongside, so W3C-speaking proxies and services continue the same trace.
 */
import type { SpanContext } from 'opentracing';

export const UBER_TRACE_ID = 'uber-trace-id';
export const TRACEPARENT = 'traceparent';

const TRACEPARENT_FORMAT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;

/** A W3C traceparent as the equivalent uber-trace-id value, or undefined when it is malformed or all-zero. */
export function uberTraceIdFromTraceparent(traceparent: string): string | undefined {
  const m = TRACEPARENT_FORMAT.exec(traceparent.trim().toLowerCase());
  if (!m || m[1] === 'ff') return undefined;
  const [, , trace, span, flags] = m;
  if (/^0+$/.test(trace!) || /^0+$/.test(span!)) return undefined;
  // Jaeger's 64-bit ids are the low half of a 128-bit W3C id with a zero high half.
  const traceId = trace!.startsWith('0000000000000000') ? trace!.slice(16) : trace!;
  return `${traceId}:${span}:0:${(parseInt(flags!, 16) & 1).toString(16)}`;
}

/** The traceparent for a span context (ids left-padded to 32 and 16 hex digits). */
export function traceparentOf(context: SpanContext, sampled: boolean): string | undefined {
  const trace = context.toTraceId();
  const span = context.toSpanId();
  if (!trace || !span) return undefined;
  return `00-${trace.padStart(32, '0')}-${span.padStart(16, '0')}-${sampled ? '01' : '00'}`;
}

/** A header value as one string: node:http joins repeated ones into an array for some names. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
