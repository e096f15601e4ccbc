/**
 * The sample monolith (usersvc + ordersvc in one process, dist/sample/monolith.js) as an operator runs
 * it, for the reliability suite and its report: its own TMPDIR (so what uploads leave on disk can be
 * seen), JSON log lines, and helpers to read what it logged.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppProcess } from './app-process';

export interface RunningMonolith {
  app: AppProcess;
  port: number;
  url: string;
  /** The process's TMPDIR: uploads wait here. */
  tmp: string;
}

export interface LogEntry {
  level: string;
  message: string;
  [key: string]: unknown;
}

const script = (): string => path.resolve(__dirname, '../../sample/monolith.js');

/**
 * How long start-up may take: about a second on an idle machine, but loading the framework's modules is
 * CPU-bound and on a 2-core machine shared by a dozen busy processes it has taken over 15 s.
 */
const START_UP_DEADLINE_MS = 45_000;

/** Starts the monolith with `env` on top of quiet defaults and waits until it listens. */
export async function startMonolith(env: Record<string, string> = {}): Promise<RunningMonolith> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'gdd-monolith-tmp-'));
  const app = new AppProcess(script(), { GDD_LOG_FORMAT: 'json', TMPDIR: tmp, ...env });
  const port = Number((await app.waitForLine(/listening on http:\/\/127\.0\.0\.1:(\d+)/, START_UP_DEADLINE_MS))[1]);
  await app.waitForLine(/monolith ready: /, START_UP_DEADLINE_MS); // the last start-up line: what comes after is the test's doing
  return { app, port, url: `http://127.0.0.1:${port}`, tmp };
}

/** Kills the process if still running and removes its TMPDIR. */
export function stopMonolith(m: RunningMonolith | undefined): void {
  if (!m) return;
  m.app.kill();
  rmSync(m.tmp, { recursive: true, force: true });
}

/** Everything under the process's TMPDIR (upload directories and files). */
export function tmpEntries(m: RunningMonolith): string[] {
  return readdirSync(m.tmp, { recursive: true }) as string[];
}

/** The JSON log lines written so far (stdout lines that are not JSON, e.g. the route table, are skipped). */
export function logEntries(app: AppProcess): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const line of app.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      entries.push(JSON.parse(line) as LogEntry);
    } catch {
      // a line cut by the read so far; the next read has it whole
    }
  }
  return entries;
}

/** Multipart body with one file field named `file`. */
export function fileUpload(size: number, fileName = 'upload.bin'): { body: Buffer; contentType: string } {
  const boundary = `----gddrel${size}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, Buffer.alloc(size, 7), tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
