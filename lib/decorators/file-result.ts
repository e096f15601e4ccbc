import type { Readable } from 'node:stream';

/**
 * A download returned by a `@Get(…, { file: true })` handler. lib/http streams `data` with
 * `Content-Disposition: attachment; filename=…`, `Content-Type` and, for a Buffer, `Content-Length`
 * (go-doudou answers *os.File results the same way, docs/go-doudou-differences.md#responses-and-errors).
 */
export class FileResult {
  readonly data: Buffer | Readable;
  readonly fileName: string;
  readonly contentType: string;
  /** Byte length when known (always for a Buffer). */
  readonly size?: number;

  constructor(data: Buffer | Readable, fileName: string, contentType = 'application/octet-stream', size?: number) {
    this.data = data;
    this.fileName = fileName;
    this.contentType = contentType;
    this.size = Buffer.isBuffer(data) ? data.length : size;
  }
}
