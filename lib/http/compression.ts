/**
 * Response compression: koa-compress (gzip/deflate/br above 1 KiB for compressible types), called only
 * where it can change something. koa-compress reads `ctx.response.length` for every response, which for
 * an object body is a JSON.stringify just to measure it — and Koa stringifies again to send it. Here:
 *  - `Vary: Accept-Encoding` goes on every response, as koa-compress sets it;
 *  - a request without Accept-Encoding is left alone (koa-compress would negotiate identity: no change);
 *  - a JSON body is measured by stringifying it once, after all user middleware ran; below the threshold
 *    it is left alone (koa-compress returns on `size < threshold` too), above it the text becomes the
 *    body (Koa sends a string as is: same bytes, same Content-Type, same Content-Length) and goes to
 *    koa-compress, which would otherwise stringify it twice more;
 *  - a string/Buffer body below the threshold is left alone;
 *  - everything else, and any request with a per-request `ctx.compress`, goes through koa-compress itself.
 */
import compress from 'koa-compress';
import type { Context, Middleware } from 'koa';
import { addVary } from './vary';

/** koa-compress's default threshold, which compress() without options keeps. */
export const COMPRESSION_THRESHOLD = 1024;

const nothingMore = (): Promise<void> => Promise.resolve();

/** A body Koa would send as JSON.stringify(body). */
function isJsonBody(body: unknown): body is object {
  if (typeof body !== 'object' || body === null) return false;
  if (body instanceof Uint8Array || typeof (body as { pipe?: unknown }).pipe === 'function') return false;
  return !(body instanceof ReadableStream || body instanceof Blob || body instanceof Response);
}

/**
 * Measures the JSON text Koa would send for an object body. 'large' (at least `threshold` bytes): the text
 * became the body, so it is not stringified twice more. 'small': the body stays an object (a second
 * stringify of under 1 KiB costs less than re-setting ctx.body). 'unserializable': left to Koa.
 */
function jsonTextAtLeast(ctx: Context, threshold: number): 'small' | 'large' | 'unserializable' {
  let text: string | undefined;
  try {
    text = JSON.stringify(ctx.body);
  } catch {
    return 'unserializable'; // BigInt, cycles: Koa's own respond() fails the same way and reports it
  }
  if (typeof text !== 'string') return 'unserializable';
  if (text.length < threshold / 3 || Buffer.byteLength(text) < threshold) return 'small';
  ctx.body = text; // Content-Type json is already set, so Koa keeps it and sets Content-Length
  return 'large';
}

/** Run by the request lifecycle: `prepare` before the rest of the chain, `finish` after it succeeded. */
export class ResponseCompression {
  private readonly koaCompress = compress();

  /** koa-compress sets Vary: Accept-Encoding on every response before calling on. */
  prepare(ctx: Context): void {
    addVary(ctx, 'Accept-Encoding');
  }

  /** Compresses the final body when koa-compress would; returns a promise only when koa-compress runs. */
  finish(ctx: Context): Promise<void> | undefined {
    if (ctx.req.headers['accept-encoding'] === undefined || ctx.res.headersSent) return undefined;
    if ((ctx as Context & { compress?: unknown }).compress === undefined) {
      const body: unknown = ctx.body;
      if (isJsonBody(body) && jsonTextAtLeast(ctx, COMPRESSION_THRESHOLD) !== 'large') return undefined;
      const after: unknown = ctx.body;
      if (typeof after === 'string' || Buffer.isBuffer(after)) {
        const size = ctx.response.length;
        if (size !== undefined && size < COMPRESSION_THRESHOLD) return undefined;
      }
    }
    return this.koaCompress(ctx, nothingMore) as Promise<void>;
  }

  /** As a standalone Koa middleware. */
  asMiddleware(): Middleware {
    return async (ctx, next) => {
      this.prepare(ctx);
      await next();
      await this.finish(ctx);
    };
  }
}
