/**
 * The built-in middleware as ONE Koa layer. Each Koa layer costs a dispatch and a promise per request;
 * bench/http measured one-layer-per-concern at ~50 % of bare Koa. In order:
 *
 *  - X-Request-Id: taken from the request or generated, on ctx.state.requestId and on every response;
 *  - once the response is over (sent completely or cut): metrics and the access line, from ONE 'close'
 *    listener — Koa writes the body (and streams downloads) after the middleware chain has returned, so
 *    this cannot happen after `await next()`. They record the status actually sent and how the response
 *    ended (response-outcome.ts), never Koa's 404 placeholder of a response that was not sent;
 *  - CORS headers (cors.ts), then Vary: Accept-Encoding (compression.ts), then the rest of the chain,
 *    then compression of the final body — the order the separate middleware had;
 *  - errors thrown below → JSON error answers; 404/405 left empty by the router → JSON too;
 *  - while the server closes: `Connection: close`, so keep-alive sockets drain;
 *  - the rest of the chain runs inside the request's async context (request id + server span, see
 *    observability/request-context.ts); the server span starts and finishes here (server-span.ts).
 */
import type { Context, Middleware, Next } from 'koa';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'winston';
import type { HttpMetrics } from '../observability/metrics';
import { runWithRequestContext } from '../observability/request-context';
import type { Tracing } from '../observability/tracing';
import type { Span } from 'opentracing';
import type { AccessLog } from './access-log';
import type { ResponseCompression } from './compression';
import type { CorsPolicy } from './cors';
import { countBodyBytes } from './counting-response';
import { noteResponseEnded } from './open-connections';
import { isPromiseLike } from './promise-like';
import { recordedResponse } from './response-outcome';
import { answerError, answerUnrouted } from './error-mapper';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';
import { finishServerSpan, recordServerSpanError, startServerSpan } from './server-span';
import { UNMATCHED_ROUTE, type GddRequestState } from './request-state';

export interface RequestLifecycleOptions {
  metrics: HttpMetrics;
  accessLog: AccessLog;
  /** Where unexpected errors (and failures of the metrics/access-log bookkeeping itself) are logged. */
  logger: Logger;
  /** True once the server started closing. */
  isClosing: () => boolean;
  /** CORS headers; none when absent. */
  cors?: CorsPolicy;
  /** Response compression; none when absent. */
  compression?: ResponseCompression;
  /** Jaeger tracing; no spans when absent or off. */
  tracing?: Tracing;
}

/** The rest of a request after the lifecycle: Koa's `next`, or a matched route run directly (route-dispatch.ts). */
export type Inner = (ctx: Context) => unknown;

export interface RequestLifecycle {
  /** The lifecycle as the outermost Koa middleware. */
  readonly middleware: Middleware;
  /** The same lifecycle around `inner` called with ctx: what the middleware does with `next`. */
  run(ctx: Context, inner: Inner): Promise<void>;
  /** As run(), but undefined when the request was handled synchronously, and a throw where run() rejects. */
  start(ctx: Context, inner: Inner): Promise<void> | undefined;
}

const DONE: Promise<void> = Promise.resolve();

export function requestLifecycle(options: RequestLifecycleOptions): RequestLifecycle {
  const { metrics, accessLog, logger, isClosing, cors, compression, tracing } = options;

  function finished(ctx: Context, started: number, bytes: number, span: Span | undefined): void {
    const req = ctx.req;
    // ctx.state read now, not at the start: middleware may have replaced the object
    const state = ctx.state as GddRequestState;
    const route = state.routeTemplate ?? UNMATCHED_ROUTE;
    const at = performance.now();
    const ms = at - started;
    try {
      noteResponseEnded(req.socket, at);
      const recorded = recordedResponse(ctx.res, bytes);
      const method = req.method ?? '';
      metrics.observe(route, method, recorded.status ?? recorded.outcome, ms / 1000);
      accessLog.write(ctx, route, state.requestId, recorded, ms, span?.context().toTraceId());
      if (span !== undefined) finishServerSpan(span, route, method, recorded);
    } catch (err) {
      // runs in an event listener: a throw here would take the process down
      logger.error(`recording ${ctx.method} ${route} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  /** The rest of the chain as the separate middleware ran it: CORS around (compression's Vary, then inner). */
  function downstream(ctx: Context, inner: Inner): unknown {
    const aroundCors = cors?.apply(ctx);
    if (aroundCors === undefined) {
      compression?.prepare(ctx);
      return inner(ctx);
    }
    return aroundCors(ctx, async () => {
      compression?.prepare(ctx);
      await inner(ctx);
    });
  }

  /** Once the response is decided: keep-alive sockets drain while the server closes. */
  function decided(ctx: Context): void {
    if (!ctx.res.headersSent && isClosing()) ctx.res.setHeader('Connection', 'close');
  }

  function failed(ctx: Context, err: unknown, requestId: string, span: Span | undefined): void {
    if (span !== undefined) recordServerSpanError(span, err);
    answerError(ctx, err, requestId, logger);
    decided(ctx);
  }

  function succeeded(ctx: Context, requestId: string, span: Span | undefined): void {
    try {
      answerUnrouted(ctx, requestId);
    } catch (err) {
      failed(ctx, err, requestId, span);
      return;
    }
    decided(ctx);
  }

  /** After the chain: compression of the final body (a promise only when it compresses), then the answer. */
  function afterChain(ctx: Context, requestId: string, span: Span | undefined): Promise<void> | undefined {
    let compressing: Promise<void> | undefined;
    try {
      compressing = compression?.finish(ctx);
    } catch (err) {
      failed(ctx, err, requestId, span);
      return undefined;
    }
    if (compressing !== undefined) {
      return compressing.then(
        () => succeeded(ctx, requestId, span),
        (err: unknown) => failed(ctx, err, requestId, span),
      );
    }
    succeeded(ctx, requestId, span);
    return undefined;
  }

  /**
   * Not an async function: a request whose chain answers synchronously creates no promise here, and one
   * that waits creates one. With the request's async context on, every promise and every `await` costs
   * a hook call (bench/http).
   */
  function start(ctx: Context, inner: Inner): Promise<void> | undefined {
    const started = performance.now();
    const res = ctx.res;
    const requestId = requestIdFrom(ctx.req.headers['x-request-id']);
    (ctx.state as GddRequestState).requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const count = countBodyBytes(res);
    const span = startServerSpan(tracing, ctx, requestId);
    res.on('close', () => finished(ctx, started, count.bodyBytes, span));
    let pending: unknown;
    try {
      pending = runWithRequestContext({ requestId, span }, () => downstream(ctx, inner));
    } catch (err) {
      failed(ctx, err, requestId, span);
      return undefined;
    }
    if (!isPromiseLike(pending)) return afterChain(ctx, requestId, span);
    return Promise.resolve(pending).then(
      () => afterChain(ctx, requestId, span),
      (err: unknown) => failed(ctx, err, requestId, span),
    );
  }

  function run(ctx: Context, inner: Inner): Promise<void> {
    try {
      return start(ctx, inner) ?? DONE;
    } catch (err) {
      // what an async function would do: Koa's handleRequest expects a promise, never a throw
      return Promise.reject(err);
    }
  }

  return { middleware: (ctx: Context, next: Next) => run(ctx, next), run, start };
}
