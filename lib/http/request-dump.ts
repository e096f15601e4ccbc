/**
 * go-doudou's `ddhttp.Logger` request/response dump (reference c.3), at GDD_LOG_LEVEL=debug with
 * GDD_LOG_REQ_ENABLE=true: one debug line per request with the request and response headers
 * (credentials redacted), both bodies (at most 1000 characters each, as go-doudou truncated them),
 * status and duration. Unlike go-doudou nothing is buffered for it: the request body is the one the route
 * already parsed, the response body the value the handler returned (a stream or a file is described,
 * never read), so streaming downloads still stream — and the duration is measured, not ~0 (its v1 bug).
 */
import type { Context } from 'koa';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';

/** The value the handler's result was written as (before compression), left by the route builder. */
export const LOGGED_RESPONSE = Symbol('gdd.loggedResponse');

export const MAX_LOGGED_BODY_CHARS = 1000;
export const REDACTED = '[redacted]';

/** Headers whose values are credentials. */
const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

export function redactHeaders(headers: IncomingHttpHeaders | OutgoingHttpHeaders): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}

function truncate(text: string): string {
  return text.length <= MAX_LOGGED_BODY_CHARS ? text : `${text.slice(0, MAX_LOGGED_BODY_CHARS)}… (${text.length} characters)`;
}

/** A body as log text: JSON and text as they are (truncated), bytes and streams described. */
export function describeBody(body: unknown, contentType: string): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return truncate(body);
  if (body instanceof Readable) return '[stream]';
  if (Buffer.isBuffer(body)) {
    return /^(text\/|application\/(json|xml|x-www-form-urlencoded)|[^;]*\+json)/i.test(contentType)
      ? truncate(body.toString('utf8'))
      : `[${body.length} bytes]`;
  }
  try {
    return truncate(JSON.stringify(body));
  } catch {
    return '[unserialisable]';
  }
}

/** The debug line's fields for a finished request. */
export function requestDump(ctx: Context, loggedRequestBody: unknown): Record<string, unknown> {
  const state = ctx.state as Record<symbol, unknown>;
  const res = ctx.res;
  // ctx.body is the compressor's stream once compressed: then the handler's value shows what was sent
  const sent = ctx.body instanceof Readable && state[LOGGED_RESPONSE] !== undefined ? state[LOGGED_RESPONSE] : ctx.body;
  const responseType = String(res.getHeader('content-type') ?? '');
  return {
    proto: `HTTP/${ctx.req.httpVersion}`,
    host: ctx.host,
    query: ctx.querystring === '' ? undefined : ctx.querystring,
    reqHeaders: redactHeaders(ctx.req.headers),
    reqBody: describeBody(loggedRequestBody, ctx.get('content-type')),
    respHeaders: redactHeaders(res.getHeaders()),
    respBody: describeBody(sent, responseType),
  };
}
