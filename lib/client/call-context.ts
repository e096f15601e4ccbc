/**
 * Per-call extras that typed method signatures have no room for: the X-Request-Id to propagate, the
 * parent span and extra headers. Two ways to give them:
 *  - explicitly: `withContext(client, { requestId })` returns a view of the client (same instances,
 *    balancer, breaker and connections) whose calls carry them;
 *  - implicitly: the request's async context (observability/request-context.ts), which the HTTP server
 *    opens for every request it handles and `runWithCallContext(ctx, fn)` opens anywhere else.
 * Explicit values win over implicit ones; headers declared by the contract (`@Header`) win over both.
 */
import type { Middleware } from 'koa';
import type { Span } from 'opentracing';
import { currentRequestContext, runWithRequestContext, type RequestContext } from '../observability/request-context';

export type CallContext = RequestContext;

/** Runs `fn` with `context` applied to every client call made inside it (across awaits), on top of the current one. */
export function runWithCallContext<R>(context: CallContext, fn: () => R): R {
  const current = currentRequestContext();
  return runWithRequestContext(current === undefined ? context : { ...current, ...context }, fn);
}

/** The implicit context of the current async flow, if any. */
export function currentCallContext(): CallContext | undefined {
  return currentRequestContext();
}

/**
 * Koa middleware for a server that is not an HttpServer: client calls made while handling a request carry
 * its X-Request-Id. HttpServer (and so App) opens the request context itself; there this changes nothing.
 */
export function propagateRequestContext(): Middleware {
  return function propagateRequestContext(ctx, next) {
    const requestId = ctx.response.get('X-Request-Id') || ctx.get('X-Request-Id') || undefined;
    return runWithCallContext({ requestId }, next);
  };
}

/** What one call sends: headers (implicit context, then explicit, explicit winning) and the parent span. */
export function resolveCallContext(explicit: CallContext | undefined): { headers: Record<string, string>; parent: Span | undefined } {
  const implicit = currentRequestContext();
  const headers: Record<string, string> = {};
  for (const c of [implicit, explicit]) {
    if (!c) continue;
    if (c.headers) for (const [k, v] of Object.entries(c.headers)) headers[k.toLowerCase()] = v;
    if (c.requestId) headers['x-request-id'] = c.requestId;
  }
  return { headers, parent: explicit?.span ?? implicit?.span };
}
