/**
 * A SIGTERM against the sample monolith under load, two ways: keep-alive node:http clients that count
 * what they sent before the signal and what was answered, and — when installed — wrk, the tool the
 * problem was first seen with, whose socket errors count resets. Then uploads in progress at a
 * SIGTERM, and what they leave in the process's TMPDIR.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { hasCommand } from '../../spec/support/requirements';
import { KeepAliveLoad, type KeepAliveLoadReport } from '../../spec/support/keep-alive-load';
import { fileUpload, startMonolith, stopMonolith, tmpEntries } from '../../spec/support/sample-monolith';
import { partialRequest } from '../../spec/support/slow-client';
import { waitFor } from '../../spec/support/wait-for';

export interface SigtermResult {
  clients: number;
  requestsSentBeforeSigterm: number;
  requestsAnsweredBeforeSigterm: number;
  /** Requests on open connections answered during the drain window. */
  answeredDuringDrain: number;
  /** Failed requests by code; ECONNREFUSED is a clean refusal of a new connection. */
  failures: KeepAliveLoadReport['failures'];
  exitCode: number | null;
  /** From the SIGTERM to the process's exit. */
  shutdownMs: number;
}

export async function sigtermUnderLoad(clients: number, warmupRequests: number): Promise<SigtermResult> {
  const m = await startMonolith();
  try {
    const load = new KeepAliveLoad({ url: `${m.url}/users/1`, clients }).start();
    await waitFor(() => load.answered >= warmupRequests, { timeoutMs: 120_000, message: 'warm-up' });
    load.mark();
    const signalledAt = performance.now();
    m.app.child.kill('SIGTERM');
    const [report, exitCode] = await Promise.all([load.finished(), m.app.exited]);
    return {
      clients,
      requestsSentBeforeSigterm: report.sentBeforeMark,
      requestsAnsweredBeforeSigterm: report.answeredBeforeMark,
      answeredDuringDrain: report.answeredAfterMark,
      failures: report.failures,
      exitCode,
      shutdownMs: Math.round(performance.now() - signalledAt),
    };
  } finally {
    stopMonolith(m);
  }
}

export interface WrkSigtermResult {
  connections: number;
  requests: number;
  /**
   * wrk's "Socket errors". read = an open connection reset under the client. wrk 4 does not check a
   * non-blocking connect's result, so each refused reconnect after listening stopped shows as a write
   * error (it retries at once, so there are many): write errors are refusals, not resets.
   */
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  exitCode: number | null;
}

/** wrk -c<connections> for `seconds`, SIGTERM after `signalAfterSeconds`; undefined when wrk is not installed. */
export async function sigtermUnderWrk(
  connections: number,
  seconds: number,
  signalAfterSeconds: number,
): Promise<WrkSigtermResult | undefined> {
  if (!hasCommand('wrk')) return undefined;
  const m = await startMonolith();
  try {
    const wrk = spawn('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, `${m.url}/users/1`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    wrk.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const done = new Promise<void>((resolve) => wrk.once('exit', () => resolve()));
    const timer = setTimeout(() => m.app.child.kill('SIGTERM'), signalAfterSeconds * 1000);
    const exitCode = await m.app.exited;
    await done;
    clearTimeout(timer);
    const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    return {
      connections,
      requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
      socketErrors: {
        connect: Number(errors?.[1] ?? 0),
        read: Number(errors?.[2] ?? 0),
        write: Number(errors?.[3] ?? 0),
        timeout: Number(errors?.[4] ?? 0),
      },
      exitCode,
    };
  } finally {
    stopMonolith(m);
  }
}

export interface TempFilesResult {
  /** MiB of each upload; all but the last 64 KiB sent when the SIGTERM comes, plus one answered just before. */
  uploadsMiB: number[];
  entriesBeforeSigterm: number;
  entriesAfterExit: number;
  exitCode: number | null;
}

export async function uploadsAtSigterm(uploadsMiB: number[]): Promise<TempFilesResult> {
  const m = await startMonolith({ GDD_GRACE_TIMEOUT: '1s', GDD_DRAIN_WINDOW: '200ms' });
  try {
    const sockets = await Promise.all(
      uploadsMiB.map((mib) => {
        const { body, contentType } = fileUpload(Math.round(mib * 1024 * 1024));
        return partialRequest({ port: m.port, path: '/files', body, contentType, sendBytes: body.length - 64 * 1024 });
      }),
    );
    await waitFor(() => tmpEntries(m).filter((e) => e.includes('/')).length >= uploadsMiB.length, {
      timeoutMs: 60_000,
      message: 'uploads on disk',
    });
    const entriesBeforeSigterm = tmpEntries(m).length;
    m.app.child.kill('SIGTERM');
    const exitCode = await m.app.exited;
    const entriesAfterExit = tmpEntries(m).length;
    sockets.forEach((s) => s.destroy());
    return { uploadsMiB, entriesBeforeSigterm, entriesAfterExit, exitCode };
  } finally {
    stopMonolith(m);
  }
}
