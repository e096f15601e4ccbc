/**
 * multipart/form-data through formidable: files go to temporary files in a directory of the request's own,
 * removed when the response is over, however it ended (upload-temp-files.ts),
 * fields come back in the same shape as ctx.query. go-doudou limits uploads to 32 MiB
 * (docs/go-doudou-differences.md#request-parameters); a bigger file is 413, a broken body 400. Fields and files are collected from formidable's events
 * into maps without a prototype: formidable's own result objects are plain `{}`, so a part named
 * `__proto__` would re-prototype them instead of showing up as a key to refuse.
 */
import formidable from 'formidable';
import type { Context } from 'koa';
import { HttpError } from '../errors';
import { discardBody } from './body-discard';
import { forbiddenFlatKeyIn, forbiddenKeyError } from './forbidden-keys';
import type { FormFields } from './request-body';
import type { UploadTempFiles } from './upload-temp-files';
import { invalidUtf8Offset, malformedUtf8 } from './utf8';
import { toUploadedFileInfo, type UploadedFileInfo } from '../decorators/uploaded-file';

export interface MultipartLimits {
  /** Largest single file, and largest total of all files, in bytes. */
  fileSize: number;
  /** Largest total of all non-file fields, in bytes. */
  fieldsSize: number;
}

export interface MultipartBody {
  fields: FormFields;
  files: Record<string, UploadedFileInfo[]>;
}

interface FormidableFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

/**
 * Formidable reports a file when its temporary copy is flushed, so files of one field can arrive out of the
 * order the client sent them (a small part after a larger one). Each file is stamped when its part begins,
 * and the list is put back in request order.
 */
const PART_ORDER = Symbol('gdd.partOrder');

type StampedFile = FormidableFile & { [PART_ORDER]?: number };

function inRequestOrder(list: StampedFile[]): StampedFile[] {
  return list.length < 2 ? list : [...list].sort((a, b) => (a[PART_ORDER] ?? 0) - (b[PART_ORDER] ?? 0));
}

/** What one request's parts came to: field values and files by name, in the order the client sent them. */
interface CollectedParts {
  fields: Record<string, string[]>;
  files: Record<string, StampedFile[]>;
  /** The first text field that is not UTF-8 (formidable's decoder would have replaced its bad bytes). */
  malformed?: HttpError;
}

export class MultipartBodyReader {
  private partsBegun = 0;

  constructor(
    private readonly limits: MultipartLimits,
    private readonly uploads: UploadTempFiles,
  ) {}

  /** Runs formidable over the request body, collecting its events. */
  private async parse(ctx: Context): Promise<CollectedParts> {
    const form = formidable({
      uploadDir: await this.uploads.directoryFor(ctx),
      maxFileSize: this.limits.fileSize,
      maxTotalFileSize: this.limits.fileSize,
      maxFieldsSize: this.limits.fieldsSize,
      allowEmptyFiles: true,
      minFileSize: 0,
    });
    const parts: CollectedParts = {
      fields: Object.create(null) as CollectedParts['fields'],
      files: Object.create(null) as CollectedParts['files'],
    };
    // Text parts: their raw bytes are checked here, before formidable decodes them. A part is a file when it
    // names a file (RFC 7578 §4.2); formidable would also take a text part with a Content-Type for one.
    form.onPart = (part) => {
      if (part.originalFilename === null) part.mimetype = null;
      if (!part.mimetype) {
        const chunks: Buffer[] = [];
        part.on('data', (chunk: Buffer) => chunks.push(chunk));
        part.on('end', () => {
          const offset = invalidUtf8Offset(Buffer.concat(chunks));
          if (offset !== -1) parts.malformed ??= malformedUtf8(`form.${part.name ?? ''}`, offset);
        });
      }
      form._handlePart(part);
    };
    form.on('fileBegin', (_field, file) => {
      (file as StampedFile)[PART_ORDER] = this.partsBegun++;
    });
    form.on('field', (name, value) => (parts.fields[name] ??= []).push(value));
    form.on('file', (name, file) => (parts.files[name] ??= []).push(file));
    await form.parse(ctx.req);
    return parts;
  }

  async read(ctx: Context): Promise<MultipartBody> {
    const encoding = (ctx.get('Content-Encoding') || 'identity').toLowerCase();
    if (encoding !== 'identity') {
      throw HttpError.of('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding '${encoding}' is not supported for multipart bodies`);
    }
    let parts: CollectedParts;
    try {
      parts = await this.parse(ctx);
    } catch (err) {
      ctx.set('Connection', 'close');
      await discardBody(ctx.req);
      const httpCode = (err as { httpCode?: unknown }).httpCode;
      const message = err instanceof Error ? err.message : String(err);
      if (httpCode === 413) throw HttpError.of('PAYLOAD_TOO_LARGE', `multipart body too large: ${message}`);
      throw HttpError.of('MALFORMED_MULTIPART', `multipart body could not be parsed: ${message}`);
    }
    const files = Object.create(null) as Record<string, UploadedFileInfo[]>;
    for (const [field, list] of Object.entries(parts.files)) {
      files[field] = inRequestOrder(list).map((f) => toUploadedFileInfo(field, f));
    }
    // refused with the files on disk: their directory goes when the response is over
    if (parts.malformed !== undefined) throw parts.malformed;
    const forbidden = forbiddenFlatKeyIn(parts.fields, 'form') ?? forbiddenFlatKeyIn(files, 'file');
    if (forbidden !== undefined) throw forbiddenKeyError(forbidden);
    const fields: FormFields = Object.create(null) as FormFields;
    for (const [k, v] of Object.entries(parts.fields)) fields[k] = v.length === 1 ? v[0] : v;
    return { fields, files };
  }
}
