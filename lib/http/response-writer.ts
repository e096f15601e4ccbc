/**
 * Handler result → response, by the route's descriptor — one rule, the one the document states:
 *  - `returns` → 200 application/json, the result serialized by the response schema (response-serializer.ts:
 *    undeclared properties are dropped, a result that does not fit is a 500);
 *  - no `returns` → 204 No Content, whatever the handler returned (a value is a contract breach, reported
 *    in development);
 *  - `{ file: true }` → the FileResult as a download: Content-Disposition attachment (RFC 6266 / RFC 5987
 *    `filename*` for non-ASCII), its Content-Type, Content-Length when known, streams piped; a route
 *    declaring `{ file: { mediaTypes } }` answers only those types (another is a 500, as the document lists them);
 *  - a RawAnswer, from any route, as it is (mocks and proxies replaying a document's answers).
 */
import type { Context } from 'koa';
import { Readable } from 'node:stream';
import type { RouteDescriptor, ServiceDescriptor } from '../decorators/descriptors';
import { FileResult } from '../decorators/file-result';
import { RawAnswer } from '../decorators/raw-answer';
import { compileKeyRenamer, isIdentityRenamer } from '../decorators/wire-keys';
import { HttpError } from '../errors';
import { deferred, type CompileQueue } from './compile-queue';
import type { ContractBreaches } from './contract-breaches';
import { compileSerializer, type Serializer } from './response-serializer';
import { ServingError } from './serving-errors';

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

function isFileLike(value: unknown): boolean {
  return value instanceof FileResult || Buffer.isBuffer(value) || isReadable(value);
}

/** Is `contentType` (parameters ignored) one of `declared` (`type/subtype` or a `type/*` range)? */
export function isDeclaredMediaType(contentType: string, declared: readonly string[]): boolean {
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const range = `${essence.split('/')[0] ?? ''}/*`;
  return declared.includes(essence) || declared.includes(range);
}

function writeRaw(ctx: Context, answer: RawAnswer): undefined {
  ctx.status = answer.status;
  if (answer.body !== undefined) ctx.type = answer.contentType;
  // an empty body keeps the status (Koa would otherwise write the status text)
  ctx.body = answer.body ?? Buffer.alloc(0);
  return undefined;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** The response side of one route, built once at mount. */
export class ResponseWriter {
  /** The route's serializer, compiled when first asked for (compile-queue.ts); undefined: no JSON answer. */
  private readonly serializer: (() => Serializer) | undefined;

  /** With a queue the serializer is compiled later (compile-queue.ts), without one now. */
  constructor(
    private readonly route: RouteDescriptor,
    service: Pick<ServiceDescriptor, 'schemas' | 'propertyNames'>,
    private readonly breaches: ContractBreaches,
    queue?: CompileQueue,
  ) {
    const schema = route.response.schema;
    if (schema === undefined || route.response.file === true) return;
    this.serializer = deferred(queue, `the response serializer of ${route.operationId}`, (): Serializer => {
      const serialize = compileSerializer(schema, service.schemas, route.operationId);
      // snake_case services: the result's property names → wire names, then serialized by the wire schema
      const toWire = compileKeyRenamer(schema, service, 'toWire');
      return isIdentityRenamer(toWire) ? serialize : (value) => serialize(toWire(value));
    });
  }

  /** Puts a handler result on ctx; returns a promise only when it has to wait (a stream's first byte). */
  write(ctx: Context, result: unknown): Promise<void> | undefined {
    if (result instanceof RawAnswer) return writeRaw(ctx, result);
    if (this.route.response.file === true) return this.download(ctx, result);
    if (this.serializer === undefined) {
      if (result !== undefined)
        this.breaches.report(this.route.operationId, 'returned a value but declares no `returns`: answered 204 without it');
      ctx.status = 204;
      return undefined;
    }
    if (result === undefined || isFileLike(result)) {
      const what = result === undefined ? 'returned nothing' : 'returned a file or stream';
      throw new ServingError('RESULT_NOT_JSON', `${this.route.operationId} ${what} but declares a JSON response (returns)`);
    }
    // what `ctx.type = 'application/json; charset=utf-8'` sets, without its MIME lookup
    if (!ctx.res.headersSent) ctx.res.setHeader('Content-Type', JSON_TYPE);
    ctx.body = this.serializer()(result);
    return undefined;
  }

  private async download(ctx: Context, result: unknown): Promise<void> {
    // go-doudou answers a nil *os.File with 500 "No file returned"
    if (!(result instanceof FileResult)) throw HttpError.of('INTERNAL', `${this.route.operationId} returned no file`);
    const declared = this.route.response.mediaTypes;
    if (declared !== undefined && !isDeclaredMediaType(result.contentType, declared)) {
      throw new ServingError(
        'FILE_TYPE_UNDECLARED',
        `${this.route.operationId} returned a ${result.contentType} file but declares only ${declared.join(', ')}`,
      );
    }
    if (!Buffer.isBuffer(result.data)) await firstByte(result.data);
    ctx.set('Content-Disposition', contentDisposition(result.fileName));
    ctx.type = result.contentType;
    ctx.body = result.data;
    if (result.size !== undefined) ctx.length = result.size;
  }
}
