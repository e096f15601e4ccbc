/**
 * multipart/form-data (RFC 7578) as a stream: text fields, then files. Bytes in memory are written as
 * they are; files given by path are streamed from disk on every attempt, so memory stays flat and a retry
 * sends the same content again.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { PreparedFile } from './file-argument';

export interface MultipartPart {
  name: string;
  /** A text field... */
  value?: string;
  /** ...or a file. */
  file?: PreparedFile;
}

/** Quotes a name the way browsers do (WHATWG HTML "multipart/form-data encoding algorithm"). */
function quoted(s: string): string {
  return s.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

export class MultipartBody {
  readonly boundary = `----tsdoudou${randomBytes(12).toString('hex')}`;

  constructor(private readonly parts: readonly MultipartPart[]) {}

  get contentType(): string {
    return `multipart/form-data; boundary=${this.boundary}`;
  }

  /** A fresh stream of the whole body (call once per attempt). */
  stream(): Readable {
    return Readable.from(this.chunks());
  }

  private async *chunks(): AsyncGenerator<Buffer> {
    const dash = `--${this.boundary}`;
    for (const part of this.parts) {
      if (part.file) {
        const f = part.file;
        yield Buffer.from(
          `${dash}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"; filename="${quoted(f.fileName)}"\r\n` +
            `Content-Type: ${f.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`,
          'utf8',
        );
        if (f.bytes) yield f.bytes;
        else if (f.path) for await (const chunk of createReadStream(f.path)) yield chunk as Buffer;
        yield Buffer.from('\r\n');
      } else {
        yield Buffer.from(`${dash}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"\r\n\r\n${part.value ?? ''}\r\n`, 'utf8');
      }
    }
    yield Buffer.from(`${dash}--\r\n`);
  }
}
