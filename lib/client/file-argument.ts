/**
 * What a client caller may pass for an `@UploadedFile()` parameter, and how each becomes a multipart part.
 *
 * - `Buffer` / `Uint8Array`: sent as is; file name = the field name.
 * - `Blob` (or `File`): read once; file name = `file.name` when it has one, else the field name; type = `blob.type`.
 * - `Readable`: read into memory ONCE before the first attempt, so a retry can send it again. For large
 *   files pass a path instead.
 * - `{ data, fileName, contentType? }` with data any of the above or a string.
 * - `UploadedFileInfo` (what a handler received, e.g. to forward an upload): streamed from `path` on every
 *   attempt, with its `fileName` (or the path's base name) and `mimeType`.
 */
import { Blob } from 'node:buffer';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { UploadedFileInfo } from '../decorators/uploaded-file';

/** A file with an explicit name and type. */
export interface FileData {
  data: Buffer | Uint8Array | Blob | Readable | string;
  fileName: string;
  contentType?: string;
}

export type FileArgument = Buffer | Uint8Array | Blob | Readable | FileData | UploadedFileInfo;

/** A file ready to be sent any number of times: bytes in memory, or a path streamed per attempt. */
export interface PreparedFile {
  fileName: string;
  contentType: string;
  bytes?: Buffer;
  path?: string;
}

const OCTET = 'application/octet-stream';

function isUploadedFileInfo(v: object): v is UploadedFileInfo {
  const u = v as Partial<UploadedFileInfo>;
  return typeof u.path === 'string' && typeof u.fileName === 'string' && typeof u.mimeType === 'string';
}

function isFileData(v: object): v is FileData {
  return 'data' in v && typeof (v as Partial<FileData>).fileName === 'string';
}

async function bytesOf(data: Buffer | Uint8Array | Blob | Readable | string): Promise<Buffer> {
  if (Buffer.isBuffer(data)) return data;
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof Blob) return Buffer.from(await data.arrayBuffer());
  const chunks: Buffer[] = [];
  for await (const chunk of data) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function blobName(b: Blob): string | undefined {
  const name = (b as Blob & { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * Turns one caller-supplied file into a re-sendable PreparedFile; anything else is thrown as `invalid(message)`
 * (the encoder's InvalidArgumentError, naming the service and operation).
 */
export async function prepareFile(
  value: unknown,
  fieldName: string,
  invalid: (message: string, options?: ErrorOptions) => Error,
): Promise<PreparedFile> {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return { fileName: fieldName, contentType: OCTET, bytes: await bytesOf(value) };
  }
  if (value instanceof Blob) {
    return { fileName: blobName(value) ?? fieldName, contentType: value.type || OCTET, bytes: await bytesOf(value) };
  }
  if (value instanceof Readable) {
    return { fileName: fieldName, contentType: OCTET, bytes: await bytesOf(value) };
  }
  if (typeof value === 'object' && value !== null) {
    if (isFileData(value)) {
      const type = value.contentType ?? (value.data instanceof Blob && value.data.type ? value.data.type : OCTET);
      return { fileName: value.fileName, contentType: type, bytes: await bytesOf(value.data) };
    }
    if (isUploadedFileInfo(value)) {
      // Fail now with a clear message rather than half-way through a multipart body.
      await fsp.access(value.path).catch((err: unknown) => {
        throw invalid(`file '${value.path}' cannot be read`, { cause: err });
      });
      return { fileName: value.fileName || path.basename(value.path), contentType: value.mimeType || OCTET, path: value.path };
    }
  }
  throw invalid(`field '${fieldName}' needs a Buffer, Blob, Readable, { data, fileName } or { path, fileName, mimeType }`);
}
