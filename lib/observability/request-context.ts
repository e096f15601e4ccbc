/**
 * The one async context of a request: its X-Request-Id and its server span travel with the handler's
 * async code (AsyncLocalStorage), so typed clients propagate both downstream and every log line written
 * meanwhile carries both — without the user passing anything. The HTTP request lifecycle opens it for
 * every request; `runWithRequestContext()` opens one anywhere else (jobs, scripts, tests).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from 'opentracing';

export interface RequestContext {
  /** Sent downstream as X-Request-Id and written on log lines as `requestId`. */
  readonly requestId?: string;
  /** The active span: parent of client spans, its trace id on log lines as `traceId`. */
  readonly span?: Span;
  /** Extra headers for client calls made inside (e.g. authorization). */
  readonly headers?: Readonly<Record<string, string>>;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and everything it awaits or schedules) inside `context`. */
export function runWithRequestContext<R>(context: RequestContext, fn: () => R): R {
  return storage.run(context, fn);
}

/** The context of the current async flow, if any. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * The span of the request being handled (undefined outside a request or when tracing is off), for
 * handler code that adds tags or logs: `activeSpan()?.setTag('user.id', id)`.
 */
export function activeSpan(): Span | undefined {
  return storage.getStore()?.span;
}
