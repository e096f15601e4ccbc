/**
 * The one place the HTTP server touches tracing: the request lifecycle starts a server span when a
 * request arrives and finishes it when the response is over (request-lifecycle.ts calls these three
 * functions and nothing else of tracing). Named by route template — `HTTP GET: /users/:id`, go-doudou's
 * "HTTP <METHOD>: <path>" with the template, never the raw URL — and tagged per the OpenTracing
 * semantic conventions plus the request id.
 */
import type { Context } from 'koa';
import { Tags, type Span } from 'opentracing';
import type { Tracing } from '../observability/tracing';
import type { RecordedResponse } from './response-outcome';

export const REQUEST_ID_TAG = 'request.id';

/** Undefined when tracing is off (the only cost then). The name is fixed once the route is known. */
export function startServerSpan(tracing: Tracing | undefined, ctx: Context, requestId: string): Span | undefined {
  if (tracing === undefined || !tracing.enabled) return undefined;
  return tracing.startServerSpan(`HTTP ${ctx.method}`, ctx.req.headers, {
    [Tags.COMPONENT]: 'ts-doudou',
    [Tags.HTTP_METHOD]: ctx.method,
    [Tags.HTTP_URL]: ctx.originalUrl,
    [REQUEST_ID_TAG]: requestId,
  });
}

/** An error that escaped the handler: logged on the span (the answer's status decides the error tag). */
export function recordServerSpanError(span: Span, err: unknown): void {
  const e = err instanceof Error ? err : undefined;
  span.log({ event: 'error', 'error.kind': e?.name ?? typeof err, message: e?.message ?? String(err) });
}

/** Ends the span once the response is over: the status actually sent, and how the response ended. */
export function finishServerSpan(span: Span, route: string, method: string, r: RecordedResponse): void {
  span.setOperationName(`HTTP ${method}: ${route}`);
  if (r.status !== undefined) span.setTag(Tags.HTTP_STATUS_CODE, r.status);
  // a cut by the server (timeout, shutdown) failed the request; a client that hung up did not
  if ((r.status !== undefined && r.status >= 500) || (r.outcome !== 'completed' && r.outcome !== 'aborted')) span.setTag(Tags.ERROR, true);
  if (r.outcome !== 'completed') span.log({ event: r.outcome, message: 'the response did not complete' });
  span.finish();
}
