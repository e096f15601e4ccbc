/**
 * HTTP answer → what the server's handler returned (lib/http/response-writer.ts in reverse): 204 →
 * undefined; JSON → parsed, dates revived from the response schema; a download → FileResult with the
 * file name from Content-Disposition (RFC 6266, `filename*` per RFC 5987 preferred); octet-stream →
 * Buffer. Status ≥ 400 → RemoteHttpError from the JSON error body (or from the status for other bodies).
 */
import { STATUS_CODES } from 'node:http';
import type { RouteDescriptor, ServiceDescriptor } from '../decorators/descriptors';
import { FileResult } from '../decorators/file-result';
import { compileKeyRenamer, isIdentityRenamer } from '../decorators/wire-keys';
import { compileDateReviver, type Reviver } from './date-reviver';
import { BadResponseError, RemoteHttpError, type CallTarget } from './errors';

export interface RawResponse {
  statusCode: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

function header(r: RawResponse, name: string): string | undefined {
  const v = r.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

/** `attachment; filename="a.txt"; filename*=UTF-8''%C3%A4.txt` → `ä.txt`; undefined when no name. */
export function fileNameFromContentDisposition(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^';]*)'[^']*'([^;]*)/i.exec(value);
  if (extended) {
    const charset = extended[1]!.trim().toLowerCase();
    try {
      if (charset === 'utf-8' || charset === '') return decodeURIComponent(extended[2]!.trim());
      if (charset === 'iso-8859-1') return Buffer.from(unescape(extended[2]!.trim()), 'latin1').toString('latin1');
    } catch {
      // malformed percent-encoding: fall back to the plain parameter
    }
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(value);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1');
  const token = /(?:^|;)\s*filename\s*=\s*([^;\s]+)/i.exec(value);
  return token ? token[1] : undefined;
}

function codeForStatus(status: number): string {
  const text = STATUS_CODES[status] ?? `HTTP ${status}`;
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

interface ErrorBodyShape {
  error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown };
}

/** The typed error for a status ≥ 400. */
export function remoteError(r: RawResponse, target: CallTarget): RemoteHttpError {
  const headerId = header(r, 'x-request-id');
  if (isJson(header(r, 'content-type'))) {
    try {
      const e = (JSON.parse(r.body.toString('utf8')) as ErrorBodyShape).error;
      if (e && typeof e.code === 'string' && typeof e.message === 'string') {
        const requestId = typeof e.requestId === 'string' && e.requestId !== '' ? e.requestId : headerId;
        return new RemoteHttpError(r.statusCode, e.code, e.message, target, e.details, requestId);
      }
    } catch {
      // not our error shape: described from the status below
    }
  }
  const body = r.body.toString('utf8', 0, Math.min(r.body.length, 512)).trim();
  const message = body !== '' ? body : (STATUS_CODES[r.statusCode] ?? `HTTP ${r.statusCode}`);
  return new RemoteHttpError(r.statusCode, codeForStatus(r.statusCode), message, target, undefined, headerId);
}

/** Decodes the answers of one route; built once per route. */
export class ResponseDecoder {
  private readonly revive: Reviver;

  constructor(
    service: ServiceDescriptor,
    private readonly route: RouteDescriptor,
  ) {
    const revive = compileDateReviver(route.response.schema, service.schemas);
    // dates are found by the wire schema first, then snake_case keys become the contract's property names
    const fromWire = compileKeyRenamer(route.response.schema, service, 'fromWire');
    this.revive = isIdentityRenamer(fromWire) ? revive : (v) => fromWire(revive(v));
  }

  decode(r: RawResponse, target: CallTarget): unknown {
    if (r.statusCode >= 400) throw remoteError(r, target);
    const contentType = header(r, 'content-type');
    if (this.route.response.file) {
      const fileName = fileNameFromContentDisposition(header(r, 'content-disposition')) ?? '';
      return new FileResult(r.body, fileName, contentType ?? 'application/octet-stream');
    }
    if (r.statusCode === 204 || r.body.length === 0) return undefined;
    if (!isJson(contentType)) return r.body;
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.body.toString('utf8'));
    } catch (err) {
      throw new BadResponseError(target, `answer is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    return this.revive(parsed);
  }
}
