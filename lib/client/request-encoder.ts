/**
 * Arguments → the request the server's ParamBinder expects (lib/http/param-binder.ts), compiled once per
 * route: path variables URL-encoded into the route template, query arrays as repeated keys, array headers
 * comma-joined (the binder splits on commas), a JSON body (the whole body, or named properties of one
 * object), an urlencoded form, or multipart when the route takes files. Dates travel as ISO 8601 strings,
 * which is what the server's `date` coercion reads. `@Ctx()` parameters are server-only and skipped.
 */
import * as querystring from 'node:querystring';
import { bodyKindOf, type BodyKind } from '../decorators/body-kind';
import type { ParamDescriptor, RouteDescriptor, ServiceDescriptor } from '../decorators/descriptors';
import { joinRoutePath } from '../decorators/route-path';
import { compileKeyRenamer, type KeyRenamer } from '../decorators/wire-keys';
import { InvalidArgumentError } from './errors';
import { prepareFile } from './file-argument';
import { MultipartBody, type MultipartPart } from './multipart-encoder';

export interface EncodedRequest {
  /** Path after the instance's base URL, with the query string: `/users/7?tag=a&tag=b`. */
  pathAndQuery: string;
  headers: Record<string, string>;
  /** JSON or urlencoded bytes, or a multipart body that streams afresh per attempt. */
  body?: Buffer | MultipartBody;
}

/** The text form of a scalar: Dates as ISO strings, objects as JSON, the rest via String(). */
function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function values(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.filter((v) => v !== undefined && v !== null).map(text) : [text(value)];
}

/** Header values may not carry control characters; Node would throw deep inside the request otherwise. */
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

export class RequestEncoder {
  private readonly template: (string | ParamDescriptor)[];
  private readonly query: readonly ParamDescriptor[];
  private readonly headerParams: readonly ParamDescriptor[];
  private readonly bodyParams: readonly ParamDescriptor[];
  private readonly formParams: readonly ParamDescriptor[];
  private readonly fileParams: readonly ParamDescriptor[];
  private readonly kind: BodyKind;
  /** A DTO argument's property names → the service's wire names (identity for lowerCamel services). */
  private readonly bodyToWire: KeyRenamer;

  constructor(
    private readonly service: ServiceDescriptor,
    private readonly route: RouteDescriptor,
  ) {
    const full = joinRoutePath(service.rootPath, route.path);
    const byName = new Map(route.params.filter((p) => p.in === 'path').map((p) => [p.name, p]));
    this.template = full
      .split(/(:[A-Za-z_$][\w$]*)/)
      .map((piece) => (piece.startsWith(':') ? (byName.get(piece.slice(1)) ?? piece) : piece));
    this.query = route.params.filter((p) => p.in === 'query');
    this.headerParams = route.params.filter((p) => p.in === 'header');
    this.bodyParams = route.params.filter((p) => p.in === 'body');
    this.formParams = route.params.filter((p) => p.in === 'form');
    this.fileParams = route.params.filter((p) => p.in === 'file');
    this.kind = bodyKindOf(route);
    this.bodyToWire = compileKeyRenamer(this.bodyParams.find((p) => p.name === '')?.schema, service, 'toWire');
  }

  /** True when encoding needs no I/O (no file arguments), so `encodeSync` may be used. */
  get synchronous(): boolean {
    return this.fileParams.length === 0;
  }

  private invalid(message: string, options?: ErrorOptions): InvalidArgumentError {
    return new InvalidArgumentError(this.service.name, this.route.operationId, message, options);
  }

  private path(args: readonly unknown[]): string {
    let out = '';
    for (const piece of this.template) {
      if (typeof piece === 'string') {
        out += piece;
        continue;
      }
      const v = args[piece.index];
      if (v === undefined || v === null || text(v) === '')
        throw this.invalid(`path variable '${piece.name}' (argument #${piece.index}) is missing`);
      out += encodeURIComponent(text(v));
    }
    return out;
  }

  private queryString(args: readonly unknown[]): string {
    let q = '';
    for (const p of this.query) {
      for (const v of values(args[p.index])) q += `${q === '' ? '?' : '&'}${encodeURIComponent(p.name)}=${encodeURIComponent(v)}`;
    }
    return q;
  }

  private headers(args: readonly unknown[]): Record<string, string> {
    const h: Record<string, string> = {};
    for (const p of this.headerParams) {
      const list = values(args[p.index]);
      if (list.length === 0) continue;
      const value = list.join(', ');
      if (BAD_HEADER_VALUE.test(value)) throw this.invalid(`header '${p.name}' contains characters a header cannot carry`);
      h[p.name.toLowerCase()] = value;
    }
    return h;
  }

  private json(args: readonly unknown[]): Buffer | undefined {
    const whole = this.bodyParams.find((p) => p.name === '');
    let value: unknown;
    if (whole) value = this.bodyToWire(args[whole.index]);
    else {
      const o: Record<string, unknown> = {};
      for (const p of this.bodyParams) if (args[p.index] !== undefined) o[p.name] = args[p.index];
      value = o;
    }
    return value === undefined ? undefined : Buffer.from(JSON.stringify(value), 'utf8');
  }

  private form(args: readonly unknown[]): Buffer {
    const fields: Record<string, string[]> = {};
    for (const p of this.formParams) {
      const list = values(args[p.index]);
      if (list.length > 0) fields[p.name] = list;
    }
    return Buffer.from(querystring.stringify(fields), 'utf8');
  }

  private async multipart(args: readonly unknown[]): Promise<MultipartBody> {
    const parts: MultipartPart[] = [];
    for (const p of this.formParams) for (const v of values(args[p.index])) parts.push({ name: p.name, value: v });
    for (const p of this.fileParams) {
      const arg = args[p.index];
      if (arg === undefined || arg === null) continue;
      const list = p.multiple && Array.isArray(arg) ? (arg as unknown[]) : [arg];
      for (const item of list) {
        try {
          parts.push({ name: p.name, file: await prepareFile(item, p.name, (message, options) => this.invalid(message, options)) });
        } catch (err) {
          // a stream or file that fails while it is read is still this argument's fault
          throw err instanceof InvalidArgumentError ? err : this.invalid(err instanceof Error ? err.message : String(err), { cause: err });
        }
      }
    }
    return new MultipartBody(parts);
  }

  /** Everything but multipart, without awaiting anything. */
  encodeSync(args: readonly unknown[]): EncodedRequest {
    const pathAndQuery = this.path(args) + this.queryString(args);
    const headers = this.headers(args);
    let body: Buffer | undefined;
    if (this.kind === 'json') {
      body = this.json(args);
      if (body) headers['content-type'] = 'application/json';
    } else if (this.kind === 'form' || this.kind === 'multipart') {
      body = this.form(args);
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    return { pathAndQuery, headers, body };
  }

  async encode(args: readonly unknown[]): Promise<EncodedRequest> {
    if (this.synchronous) return this.encodeSync(args);
    const pathAndQuery = this.path(args) + this.queryString(args);
    const headers = this.headers(args);
    const body = await this.multipart(args);
    headers['content-type'] = body.contentType;
    return { pathAndQuery, headers, body };
  }
}
