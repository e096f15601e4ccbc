/**
 * Where uploaded files wait while their request is handled, and the guarantee that they do not outlive
 * it. Each multipart request gets a directory of its own (created when its body is first read); when
 * the response is over — complete, aborted by the client, cut by a timeout, rejected — the directory
 * and everything in it is removed, and HttpServer.close() waits for every removal before it resolves,
 * so a shutdown leaves nothing behind.
 *
 * A directory rather than a list of files: formidable creates a file only after an await, so a file
 * can appear after the request already ended. Removing its directory catches files written so far;
 * one created later fails to open (the directory is gone) instead of leaking.
 */
import type { Context } from 'koa';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface UploadTempFilesOptions {
  /** Parent of the per-request directories. Default os.tmpdir(). */
  root?: string;
}

/** Per-request directory names start with this, so a leftover (after a crash) is easy to find. */
export const UPLOAD_DIR_PREFIX = 'gdd-upload-';

export class UploadTempFiles {
  readonly root: string;
  /** Directories of requests not over yet. */
  private readonly live = new Set<string>();
  /** Removals started and not finished. */
  private readonly removing = new Set<Promise<void>>();
  private readonly byRequest = new WeakMap<Context, Promise<string>>();

  constructor(options: UploadTempFilesOptions = {}) {
    this.root = options.root ?? os.tmpdir();
  }

  /** The directory for the files of `ctx`'s request (created on first call), removed when its response is over. */
  directoryFor(ctx: Context): Promise<string> {
    let dir = this.byRequest.get(ctx);
    if (dir === undefined) {
      dir = this.create(ctx);
      this.byRequest.set(ctx, dir);
    }
    return dir;
  }

  /** Directories not removed yet (requests in progress, removals under way). */
  get pending(): number {
    return this.live.size + this.removing.size;
  }

  /** Removes every directory still there and waits for all removals, including ones already started. */
  async removeAll(): Promise<void> {
    for (const dir of [...this.live]) this.remove(dir);
    while (this.removing.size > 0) await Promise.all([...this.removing]);
  }

  private async create(ctx: Context): Promise<string> {
    const dir = await fsp.mkdtemp(path.join(this.root, UPLOAD_DIR_PREFIX));
    this.live.add(dir);
    // 'close' comes once for every response, however it ended; if it already came, remove at once
    if (ctx.res.closed) this.remove(dir);
    else ctx.res.once('close', () => this.remove(dir));
    return dir;
  }

  private remove(dir: string): void {
    if (!this.live.delete(dir)) return;
    // retries cover a file formidable is still creating inside while the directory is being emptied
    const removal = fsp.rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 }).catch(() => undefined);
    this.removing.add(removal);
    void removal.then(() => this.removing.delete(removal));
  }
}
