/**
 * Handler result → response. The contract is JSON, so every JSON-able value is sent as JSON, strings
 * included (`"hello"`, application/json) — the typed client parses every answer the same way. Other cases:
 *  - undefined → 204 No Content
 *  - FileResult → download: Content-Disposition attachment (RFC 6266 / RFC 5987 `filename*` for non-ASCII),
 *    its Content-Type, Content-Length when known, streams piped
 *  - Buffer / Readable (not wrapped in a FileResult) → application/octet-stream, inline
 */
import type { Context } from 'koa';
import { Readable } from 'node:stream';
import type { RouteDescriptor } from '../decorators/descriptors';
import { FileResult } from '../decorators/file-result';
import { HttpError } from '../errors';
import { HttpErrorCodes } from './error-codes';

/** `attachment; filename="report.csv"` plus `filename*=UTF-8''…` when the name is not plain ASCII. */
export function contentDisposition(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const ascii = base.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  if (ascii === base) return `attachment; filename="${ascii}"`;
  // RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded
  const encoded = encodeURIComponent(base).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function isReadable(value: unknown): value is Readable {
  return (
    value instanceof Readable ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as Readable).pipe === 'function' &&
      typeof (value as Readable).on === 'function')
  );
}

/**
 * Waits until a stream has data, has ended, or failed. Koa pipes bodies with stream.pipeline, which
 * destroys the socket on a stream error; a stream that fails before its first byte (file gone, permission)
 * rejects here instead, so the client still gets the JSON error.
 */
function firstByte(stream: Readable): Promise<void> {
  if (stream.readableLength > 0 || stream.readableEnded) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = (err?: Error): void => {
      stream.off('readable', onReadable);
      stream.off('error', done);
      stream.off('end', onReadable);
      if (err) reject(err);
      else resolve();
    };
    const onReadable = (): void => done();
    stream.once('readable', onReadable);
    stream.once('end', onReadable);
    stream.once('error', done);
  });
}

/** Puts a handler result on ctx; returns a promise only when it has to wait (a stream's first byte). */
export function writeResult(ctx: Context, route: RouteDescriptor, result: unknown): Promise<void> | undefined {
  if (typeof result === 'object' && result !== null && !(result instanceof FileResult) && !Buffer.isBuffer(result) && !isReadable(result)) {
    if (route.response.file) throw noFile(route);
    ctx.body = result; // Koa stringifies objects and arrays as JSON
    return undefined;
  }
  return writeOtherResult(ctx, route, result);
}

function noFile(route: RouteDescriptor): HttpError {
  // go-doudou answers a nil *os.File with 500 "No file returned" (docs/go-doudou-differences.md#responses-and-errors)
  return new HttpError(500, HttpErrorCodes.INTERNAL, `${route.operationId} returned no file`);
}

async function writeOtherResult(ctx: Context, route: RouteDescriptor, result: unknown): Promise<void> {
  if (result instanceof FileResult) {
    if (!Buffer.isBuffer(result.data)) await firstByte(result.data);
    ctx.set('Content-Disposition', contentDisposition(result.fileName));
    ctx.type = result.contentType;
    ctx.body = result.data as Buffer | Readable;
    if (result.size !== undefined) ctx.length = result.size;
    return;
  }
  if (route.response.file) throw noFile(route);
  if (result === undefined) {
    ctx.status = 204;
    return;
  }
  if (Buffer.isBuffer(result) || isReadable(result)) {
    if (!Buffer.isBuffer(result)) await firstByte(result);
    ctx.type = 'application/octet-stream';
    ctx.body = result;
    return;
  }
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = JSON.stringify(result) ?? 'null';
}
