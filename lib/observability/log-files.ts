/**
 * GDD_LOG_PATH files, rotated the way go-doudou's examples set up lumberjack: a new file once the current
 * one reaches GDD_LOG_MAX_SIZE (and each day), rotated files gzipped, at most GDD_LOG_MAX_BACKUPS of them
 * kept and none older than GDD_LOG_MAX_AGE. The writing, size/day rotation, gzip and count limit are
 * winston-daily-rotate-file's (a maintained winston transport); the age limit — lumberjack has both, the
 * transport takes one or the other — is a sweep of the directory after each rotation.
 *
 * Files: `app-YYYY-MM-DD.log`, then `app-YYYY-MM-DD.1.log`, … (`.gz` once rotated); `app.log` is a symlink
 * to the current one, so `tail -F <path>/app.log` keeps following.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type TransportStream from 'winston-transport';
import DailyRotateFile from 'winston-daily-rotate-file';

export interface LogFileOptions {
  /** GDD_LOG_PATH */
  dir: string;
  /** GDD_LOG_MAX_SIZE, default 5 MiB. */
  maxSizeBytes?: number;
  /** GDD_LOG_MAX_BACKUPS, default 10; 0 = no count limit. */
  maxBackups?: number;
  /** GDD_LOG_MAX_AGE, default 7 days; 0 = no age limit. */
  maxAgeMs?: number;
  /** GDD_LOG_COMPRESS, default true. */
  compress?: boolean;
  /** Clock for the age sweep (tests). Default Date.now. */
  now?: () => number;
}

export const LOG_FILE_DEFAULTS = Object.freeze({
  maxSizeBytes: 5 * 1024 * 1024,
  maxBackups: 10,
  maxAgeMs: 7 * 24 * 3600 * 1000,
  compress: true,
});

const BASE_NAME = 'app';
/** Names this transport writes: app-2026-12-01.log, app-2026-12-01.3.log, and their .gz. */
const ROTATED = /^app-\d{4}-\d{2}-\d{2}(\.\d+)?\.log(\.gz)?$/;

export function rotatingLogFile(options: LogFileOptions): TransportStream {
  const maxSizeBytes = options.maxSizeBytes ?? LOG_FILE_DEFAULTS.maxSizeBytes;
  const maxBackups = options.maxBackups ?? LOG_FILE_DEFAULTS.maxBackups;
  const maxAgeMs = options.maxAgeMs ?? LOG_FILE_DEFAULTS.maxAgeMs;
  const now = options.now ?? Date.now;
  fs.mkdirSync(options.dir, { recursive: true });
  const transport = new DailyRotateFile({
    dirname: options.dir,
    filename: `${BASE_NAME}-%DATE%`,
    extension: '.log',
    datePattern: 'YYYY-MM-DD',
    // the transport counts in KiB (and at least 1k)
    maxSize: `${Math.max(1, Math.round(maxSizeBytes / 1024))}k`,
    // the count includes the file being written
    ...(maxBackups > 0 ? { maxFiles: maxBackups + 1 } : {}),
    zippedArchive: options.compress ?? LOG_FILE_DEFAULTS.compress,
    createSymlink: true,
    symlinkName: `${BASE_NAME}.log`,
    auditFile: path.join(options.dir, `.${BASE_NAME}-log-audit.json`),
  });
  if (maxAgeMs > 0) {
    const sweep = (): void => removeOlderThan(options.dir, now() - maxAgeMs);
    transport.on('rotate', sweep);
    transport.on('archive', sweep);
  }
  return transport;
}

/** Deletes rotated files last written before `cutoff` (never the one being written: it is fresh). */
export function removeOlderThan(dir: string, cutoff: number): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!ROTATED.test(name)) continue;
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).mtimeMs < cutoff) fs.unlinkSync(file);
    } catch {
      // removed meanwhile, or not ours to remove: the next sweep tries again
    }
  }
}
