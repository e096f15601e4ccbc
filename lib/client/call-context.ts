/**
 * Per-call extras that typed method signatures have no room for: the X-Request-Id to propagate and extra
 * headers. Two ways to give them:
 *  - explicitly: `withContext(client, { requestId })` returns a view of the client (same instances,
 *    balancer, breaker and connections) whose calls carry them;
 *  - implicitly: inside `runWithCallContext(ctx, fn)` — or a server request wrapped by the
 *    `propagateRequestContext()` middleware — every client call picks them up from AsyncLocalStorage.
 * Explicit values win over implicit ones; headers declared by the contract (`@Header`) win over both.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Middleware } from 'koa';

export interface CallContext {
  /** Sent as X-Request-Id. */
  requestId?: string;
  /** Extra request headers (e.g. authorization, tracing). */
  headers?: Readonly<Record<string, string>>;
}

const storage = new AsyncLocalStorage<CallContext>();

/** Runs `fn` with `context` applied to every client call made inside it (across awaits). */
export function runWithCallContext<R>(context: CallContext, fn: () => R): R {
  return storage.run(context, fn);
}

/** The implicit context of the current async flow, if any. */
export function currentCallContext(): CallContext | undefined {
  return storage.getStore();
}

/**
 * Koa middleware for HttpServer.use(): client calls made while handling a request carry that request's
 * X-Request-Id (the id the request-id middleware chose, read from the response header it set).
 */
export function propagateRequestContext(): Middleware {
  return function propagateRequestContext(ctx, next) {
    const requestId = ctx.response.get('X-Request-Id') || ctx.get('X-Request-Id') || undefined;
    return storage.run({ requestId }, next);
  };
}

/** Headers for one call: implicit context, then explicit context (explicit wins). */
export function contextHeaders(explicit: CallContext | undefined): Record<string, string> {
  const implicit = storage.getStore();
  const out: Record<string, string> = {};
  for (const c of [implicit, explicit]) {
    if (!c) continue;
    if (c.headers) for (const [k, v] of Object.entries(c.headers)) out[k.toLowerCase()] = v;
    if (c.requestId) out['x-request-id'] = c.requestId;
  }
  return out;
}
