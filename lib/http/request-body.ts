/**
 * Reads request bodies for routes that declare one: JSON and urlencoded bodies are read here (limits apply
 * to the DECOMPRESSED size, so a small gzip bomb is still a 413), `Content-Encoding: gzip|deflate` is
 * undone on the way (go-doudou v2's gzipBody; an invalid stream is 400), multipart goes through koa-body's
 * formidable (see multipart-body.ts).
 */
import type { Context } from 'koa';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { HttpError, HttpErrorCodes } from '../errors';
import { discardBody } from './body-discard';
import { forbiddenFlatKeyIn, forbiddenKeyError, forbiddenKeyIn, mayHoldForbiddenKeys } from './forbidden-keys';
import { parseUrlencoded, type FormFields } from './urlencoded';
import { decodeUtf8 } from './utf8';

export type { FormFields } from './urlencoded';

/** True when the request carries a body (Transfer-Encoding, or a non-zero Content-Length). */
export function hasBody(ctx: Context): boolean {
  const headers = ctx.req.headers;
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = Number(headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

/** Stops reading: the rest of the body is read and dropped (body-discard.ts), the connection closed after the answer. */
async function refuseBody(ctx: Context, err: HttpError): Promise<never> {
  ctx.set('Connection', 'close');
  await discardBody(ctx.req);
  throw err;
}

function tooLarge(limit: number): HttpError {
  return HttpError.of('PAYLOAD_TOO_LARGE', `request body is larger than ${limit} bytes`);
}

/** The body stream with its Content-Encoding undone; unsupported encodings are 415. */
export function decodedBodyStream(ctx: Context): Readable {
  const encoding = (ctx.get('Content-Encoding') || 'identity').trim().toLowerCase();
  switch (encoding) {
    case 'identity':
      return ctx.req;
    case 'gzip':
    case 'x-gzip':
      return ctx.req.pipe(zlib.createGunzip());
    case 'deflate':
      return ctx.req.pipe(zlib.createInflate());
    default:
      throw HttpError.of('UNSUPPORTED_MEDIA_TYPE', `unsupported Content-Encoding '${encoding}'`);
  }
}

/**
 * Reads the whole (decoded) body into a Buffer, failing with 413 beyond `limit` bytes. One promise per
 * body and none around it: with the request's async context on (AsyncLocalStorage), every promise and
 * every `await` costs a hook call, and bench/http counted 13 promises per JSON request before.
 */
export function readBody(ctx: Context, limit: number): Promise<Buffer> {
  const headers = ctx.req.headers;
  const declared = Number(headers['content-length'] ?? '');
  const encoding = headers['content-encoding'];
  const identity = !encoding || encoding.toLowerCase() === 'identity';
  if (identity && Number.isFinite(declared) && declared > limit) return refuseBody(ctx, tooLarge(limit));
  // Listeners rather than for-await: leaving a for-await loop destroys the stream, and destroying the
  // IncomingMessage destroys the socket before the 413 can be sent.
  return new Promise<Buffer>((resolve, reject) => {
    // an unsupported Content-Encoding throws here: the promise rejects with its 415
    const stream = decodedBodyStream(ctx);
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      ctx.req.off('aborted', onAborted);
      if (stream !== ctx.req) stream.destroy();
    };
    const fail = (err: HttpError): void => {
      cleanup();
      // an aborted request has no one left to answer; anything else is answered once the rest is drained
      if (err.code === HttpErrorCodes.REQUEST_ABORTED) reject(err);
      else refuseBody(ctx, err).catch(reject);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > limit) fail(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    };
    const onError = (err: Error & { code?: unknown }): void => {
      if (typeof err.code === 'string' && err.code.startsWith('Z_')) {
        fail(HttpError.of('MALFORMED_ENCODING', `request body is not valid ${ctx.get('Content-Encoding')}: ${err.message}`));
      } else {
        fail(HttpError.of('REQUEST_ABORTED', 'request body could not be read'));
      }
    };
    const onAborted = (): void => fail(HttpError.of('REQUEST_ABORTED', 'client aborted the request'));
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    ctx.req.once('aborted', onAborted);
  });
}

/** A JSON body's bytes → its value; empty → undefined; not UTF-8 → 400 MALFORMED_ENCODING, invalid JSON → 400 MALFORMED_JSON, naming `body`. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = decodeUtf8(raw, 'body');
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw HttpError.of('MALFORMED_JSON', `body is not valid JSON: ${reason}`, [{ field: 'body', message: `is not valid JSON: ${reason}` }]);
  }
  const forbidden = mayHoldForbiddenKeys(text) ? forbiddenKeyIn(parsed, 'body') : undefined;
  if (forbidden !== undefined) throw forbiddenKeyError(forbidden);
  return parsed;
}

/** urlencoded body as field → value(s), the same shape as ctx.query (repeated keys become arrays), decoded strictly. */
export async function readFormBody(ctx: Context, limit: number): Promise<FormFields> {
  const raw = await readBody(ctx, limit);
  const fields = parseUrlencoded(decodeUtf8(raw, 'body'), 'form');
  const forbidden = forbiddenFlatKeyIn(fields, 'form');
  if (forbidden !== undefined) throw forbiddenKeyError(forbidden);
  return fields;
}
