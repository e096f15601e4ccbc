/**
 * The one place that turns errors into responses: `{ error: { code, message, details?, requestId } }`,
 * always JSON whatever the request's Accept says. Typed errors (HttpError, ValidationError) keep their
 * status, code and message; Koa/http-errors style errors with `status` + `expose` keep a status-derived
 * code; everything else is 500 INTERNAL with a generic message, and its stack is logged with the request id.
 */
import type Koa from 'koa';
import type { Context } from 'koa';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'winston';
import { HttpError, type HttpErrorCode } from '../errors';
import { RateLimitedLog } from '../observability/rate-limited-log';
import { briefError, isClientCaused } from './client-caused';
import { gddState } from './request-state';
import { connectionCut } from './response-outcome';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId: string };
}

export interface MappedError {
  status: number;
  body: ErrorBody;
  /** Headers the error asks for (e.g. `Allow`, `WWW-Authenticate`). */
  headers: Record<string, string>;
  /** Unexpected (5xx from an unknown error): logged with its stack. */
  unexpected: boolean;
}

interface StatusLike {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  headers?: unknown;
  message?: unknown;
}

function codeForStatus(status: number): string {
  const text = STATUS_CODES[status] ?? `HTTP ${status}`;
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function headersOf(err: StatusLike): Record<string, string> {
  const out: Record<string, string> = {};
  if (err.headers && typeof err.headers === 'object') {
    for (const [k, v] of Object.entries(err.headers as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v;
    }
  }
  return out;
}

/** Maps any thrown value to status + JSON body. Pure: no logging, no ctx. */
export function mapError(err: unknown, requestId: string): MappedError {
  if (err instanceof HttpError) {
    const error: ErrorBody['error'] = { code: err.code, message: err.message, requestId };
    if (err.details !== undefined) error.details = err.details;
    return { status: err.status, body: { error }, headers: headersOf(err as StatusLike), unexpected: false };
  }
  const like = (typeof err === 'object' && err !== null ? err : {}) as StatusLike;
  const raw = typeof like.status === 'number' ? like.status : typeof like.statusCode === 'number' ? like.statusCode : undefined;
  if (raw !== undefined && raw >= 400 && raw < 500 && STATUS_CODES[raw]) {
    // Koa's ctx.throw(4xx) and http-errors: client errors whose message is meant to be shown.
    const message = like.expose !== false && typeof like.message === 'string' && like.message ? like.message : STATUS_CODES[raw]!;
    return { status: raw, body: { error: { code: codeForStatus(raw), message, requestId } }, headers: headersOf(like), unexpected: false };
  }
  return {
    status: 500,
    body: { error: { code: 'INTERNAL' satisfies HttpErrorCode, message: 'internal server error', requestId } },
    headers: {},
    unexpected: true,
  };
}

/** The client went away (or was cut by the server) and the error is only the echo of that: not a server fault. */
function endedByConnection(ctx: Context, err: unknown): boolean {
  return isClientCaused(err) || connectionCut(ctx.req.socket) !== undefined;
}

function logUnexpected(logger: Logger, err: unknown, ctx: Context, requestId: string): void {
  if (!ctx.writable && endedByConnection(ctx, err)) {
    logger.debug(`${ctx.method} ${ctx.path} ended with the connection: ${briefError(err)}`, { requestId });
    return;
  }
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  logger.error(`unhandled error in ${ctx.method} ${ctx.path}: ${stack}`, { requestId, stack });
}

/** Writes a mapped error on ctx (status, headers, JSON body). */
function writeError(ctx: Context, mapped: MappedError): void {
  for (const [k, v] of Object.entries(mapped.headers)) ctx.set(k, v);
  ctx.status = mapped.status;
  ctx.body = mapped.body;
}

/** Answers a thrown error as JSON (logging unexpected ones with their stack), unless a streamed answer already started. */
export function answerError(ctx: Context, err: unknown, requestId: string, logger: Logger): void {
  const mapped = mapError(err, requestId);
  if (mapped.unexpected) logUnexpected(logger, err, ctx, requestId);
  if (ctx.headerSent || !ctx.writable) return; // a streamed response already started: nothing to send
  writeError(ctx, mapped);
}

/** Gives 404/405 answers the router left without a body the JSON error shape. */
export function answerUnrouted(ctx: Context, requestId: string): void {
  if (ctx.body != null || (ctx.status !== 404 && ctx.status !== 405)) return;
  const err =
    ctx.status === 404
      ? HttpError.of('NOT_FOUND', `no route for ${ctx.method} ${ctx.path}`)
      : HttpError.of('METHOD_NOT_ALLOWED', `${ctx.method} is not allowed on ${ctx.path}`);
  writeError(ctx, mapError(err, requestId));
}

/**
 * Koa calls `ctx.onerror` for errors after the middleware chain finished, e.g. a download stream that fails
 * before its first byte. Koa's own answer is text/plain; this keeps the JSON shape and the request id.
 * Koa also calls it when the connection fails under the response (client reset, read timeout, parse
 * error): those are the client's doing and go to debug without a stack (client-caused.ts); real late
 * errors are logged with their stack, the same one at most once a minute.
 */
export function installLateErrorHandler(app: Koa, logger: Logger): void {
  // the same failure of a broken download can hit every request for it: one line (and a count) a minute
  const repeated = new RateLimitedLog(logger);
  app.on('error', (err: unknown, ctx?: Context) => {
    const requestId = ctx ? (gddState(ctx).requestId ?? '') : '';
    if (ctx ? endedByConnection(ctx, err) : isClientCaused(err)) {
      logger.debug(`connection ended during the response: ${briefError(err)}`, { requestId });
      return;
    }
    const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
    repeated.log('error', `late:${briefError(err)}`, `error after response started: ${stack}`, { requestId });
  });
  app.context.onerror = function onerror(this: Context, err: unknown): void {
    if (err == null) return;
    const requestId = gddState(this).requestId ?? '';
    if (this.headerSent || !this.writable) {
      this.app.emit('error', err, this);
      return;
    }
    const mapped = mapError(err, requestId);
    if (mapped.unexpected) logUnexpected(logger, err, this, requestId);
    const res = this.res;
    for (const name of res.getHeaderNames()) {
      if (name !== 'x-request-id' && !name.startsWith('access-control-')) res.removeHeader(name);
    }
    for (const [k, v] of Object.entries(mapped.headers)) res.setHeader(k, v);
    const payload = JSON.stringify(mapped.body);
    res.statusCode = mapped.status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(payload));
    res.end(payload);
  };
}
