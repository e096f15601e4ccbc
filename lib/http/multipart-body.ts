/**
 * multipart/form-data through koa-body's formidable: files go to temporary files (deleted when the
 * response is over), fields come back in the same shape as ctx.query. go-doudou limits uploads to 32 MiB
 * (reference/go-doudou.md a.3); a bigger file is 413, a broken body 400.
 */
import type { Context } from 'koa';
import { koaBody } from 'koa-body';
import { promises as fsp } from 'node:fs';
import { HttpError } from '../errors';
import { HttpErrorCodes } from './error-codes';
import type { FormFields } from './request-body';
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

type Parser = (ctx: Context, next: () => Promise<void>) => Promise<void>;

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

export class MultipartBodyReader {
  private readonly parse: Parser;
  private partsBegun = 0;

  constructor(limits: MultipartLimits) {
    this.parse = koaBody({
      multipart: true,
      json: false,
      urlencoded: false,
      text: false,
      formidable: {
        maxFileSize: limits.fileSize,
        maxTotalFileSize: limits.fileSize,
        maxFieldsSize: limits.fieldsSize,
        allowEmptyFiles: true,
        minFileSize: 0,
        onFileBegin: (_field: string, file: object) => {
          (file as StampedFile)[PART_ORDER] = this.partsBegun++;
        },
      },
    }) as unknown as Parser;
  }

  async read(ctx: Context): Promise<MultipartBody> {
    const encoding = (ctx.get('Content-Encoding') || 'identity').toLowerCase();
    if (encoding !== 'identity') {
      throw new HttpError(
        415,
        HttpErrorCodes.UNSUPPORTED_MEDIA_TYPE,
        `Content-Encoding '${encoding}' is not supported for multipart bodies`,
      );
    }
    try {
      await this.parse(ctx, async () => undefined);
    } catch (err) {
      ctx.set('Connection', 'close');
      ctx.req.unpipe();
      ctx.req.resume();
      const httpCode = (err as { httpCode?: unknown }).httpCode;
      const message = err instanceof Error ? err.message : String(err);
      if (httpCode === 413) throw new HttpError(413, HttpErrorCodes.PAYLOAD_TOO_LARGE, `multipart body too large: ${message}`);
      throw new HttpError(400, HttpErrorCodes.MALFORMED_MULTIPART, `multipart body could not be parsed: ${message}`);
    }
    const request = ctx.request as unknown as { body?: Record<string, unknown>; files?: Record<string, FormidableFile | FormidableFile[]> };
    const files: Record<string, UploadedFileInfo[]> = {};
    const temporary: string[] = [];
    for (const [field, value] of Object.entries(request.files ?? {})) {
      const list = inRequestOrder(Array.isArray(value) ? value : [value]);
      files[field] = list.map((f) => {
        temporary.push(f.filepath);
        return toUploadedFileInfo(field, f);
      });
    }
    if (temporary.length > 0) {
      ctx.res.once('close', () => {
        for (const p of temporary) void fsp.rm(p, { force: true }).catch(() => undefined);
      });
    }
    const fields: FormFields = {};
    for (const [k, v] of Object.entries(request.body ?? {})) {
      if (typeof v === 'string') fields[k] = v;
      else if (Array.isArray(v)) fields[k] = v.map(String);
    }
    return { fields, files };
  }
}
