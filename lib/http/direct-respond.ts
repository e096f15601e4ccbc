/**
 * How a directly dispatched request (route-dispatch.ts) is answered once its route has run: what Koa's
 * handleRequest and respond() do, without their per-request costs where the answer is a plain body.
 *
 * Koa's handleRequest attaches on-finished listeners to the response and the socket (four listeners and
 * an async resource per request, removed again at the end) and chains two promises; respond() then ends
 * the response. bench/http's profile put those at about 6 % of a GET /hello. Here:
 *  - a string or Buffer body, on a status that has one and a request that is not HEAD — what every JSON
 *    answer and every error answer of a route is — is written with `res.end(body)`, as respond() does;
 *    Koa's body setter has already set Content-Type and Content-Length;
 *  - everything else (streams, HEAD, 204/205/304, no body, `ctx.respond = false`) goes to Koa's own
 *    handleRequest and respond(), with the status the route set;
 *  - a throw or rejection goes to ctx.onerror, as Koa's `.catch(onerror)` sends it.
 * What the on-finished listener would report for a plain body — the connection failing under it — the
 * request lifecycle records anyway, as the access line's outcome.
 */
import type { Context } from 'koa';

/** Koa's handleRequest(ctx, fnMiddleware): sets 404, runs fnMiddleware, then respond(ctx), errors to ctx.onerror. */
export type KoaHandleRequest = (ctx: Context, fn: (ctx: Context) => Promise<void>) => Promise<void>;

const DONE: Promise<void> = Promise.resolve();

/** Statuses whose answers have no body (the `statuses` package's `empty`, which respond() checks). */
function isEmptyStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304;
}

/** Ends the response as respond() would, for the bodies it writes with one res.end(). */
function respond(ctx: Context, koaHandleRequest: KoaHandleRequest): Promise<void> | undefined {
  const res = ctx.res;
  const body: unknown = ctx.body;
  if (ctx.respond !== false && ctx.writable && (typeof body === 'string' || Buffer.isBuffer(body))) {
    if (!isEmptyStatus(res.statusCode) && ctx.method !== 'HEAD') {
      res.end(body);
      return undefined;
    }
  }
  // handleRequest sets 404 before it runs its middleware: the status the route set is put back first
  const status = res.statusCode;
  return koaHandleRequest(ctx, () => {
    res.statusCode = status;
    return DONE;
  });
}

/**
 * Runs `handle` (the request lifecycle around a route) and answers: synchronously when the route was,
 * otherwise once its promise settles.
 */
export function answerDirectly(
  ctx: Context,
  handle: (ctx: Context) => Promise<void> | undefined,
  koaHandleRequest: KoaHandleRequest,
): Promise<void> | undefined {
  ctx.res.statusCode = 404; // what handleRequest starts every response with
  let pending: Promise<void> | undefined;
  try {
    pending = handle(ctx);
    if (pending === undefined) return respond(ctx, koaHandleRequest);
  } catch (err) {
    ctx.onerror(err as Error);
    return undefined;
  }
  return pending.then(() => respond(ctx, koaHandleRequest)).catch((err: unknown) => ctx.onerror(err as Error));
}
