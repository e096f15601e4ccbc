/** One uploaded file as a handler receives it (`@UploadedFile('file') f: UploadedFileInfo`). */
export interface UploadedFileInfo {
  /** The multipart field it came in. */
  fieldName: string;
  /** The client's file name, '' when none was sent. */
  fileName: string;
  mimeType: string;
  size: number;
  /** Where the upload was stored on disk (a temporary file). */
  path: string;
}

/** The fields koa-body (formidable v3) gives for a file. */
export interface FormidableFileLike {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

/** Maps a formidable file to the framework's `UploadedFileInfo`. */
export function toUploadedFileInfo(fieldName: string, file: FormidableFileLike): UploadedFileInfo {
  return {
    fieldName,
    fileName: file.originalFilename ?? '',
    mimeType: file.mimetype ?? 'application/octet-stream',
    size: file.size,
    path: file.filepath,
  };
}
