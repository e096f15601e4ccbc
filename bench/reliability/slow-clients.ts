/**
 * Slowloris against the sample monolith: `clients` connections each sending its request head 1 byte per
 * second, and what happens to them: when their 408 comes (measured from each client's connect), and how
 * many log lines each costs the server.
 */
import { median } from '../support/cli-options';
import { logEntries, startMonolith, stopMonolith } from '../../spec/support/sample-monolith';
import { slowRequest } from '../../spec/support/slow-client';
import { waitFor } from '../../spec/support/wait-for';

export interface SlowClientsResult {
  clients: number;
  readTimeoutMs: number;
  answered408: number;
  /** From a slow client's connect to the first byte of its 408. */
  timeTo408Ms: { min: number; median: number; max: number };
  /** Log lines the server wrote during the run, per slow client (level info: the access line). */
  logLinesPerSlowClient: number;
  /** Lines at warn or error, and lines carrying a stack. */
  errorOrWarnLines: number;
  linesWithStack: number;
}

export async function slowClients(clients: number, readTimeoutMs: number): Promise<SlowClientsResult> {
  const m = await startMonolith({ GDD_READ_TIMEOUT: `${readTimeoutMs}ms` });
  try {
    const before = logEntries(m.app).length;
    const head =
      'GET /users/1 HTTP/1.1\r\nHost: bench\r\nUser-Agent: slowloris\r\nAccept: */*\r\nX-Padding: ' + 'x'.repeat(64) + '\r\n\r\n';
    const results = await Promise.all(
      Array.from({ length: clients }, () => slowRequest({ port: m.port, bytes: head, intervalMs: 1000, giveUpMs: readTimeoutMs + 60_000 })),
    );
    const times = results.filter((r) => r.status === 408 && r.answeredAt !== undefined).map((r) => r.answeredAt! - r.connectedAt);
    // the access lines are flushed a loop turn after the answers: wait until the count stops lagging
    await waitFor(() => logEntries(m.app).filter((e) => e.outcome === 'read-timeout').length >= times.length, { timeoutMs: 10_000 });
    const lines = logEntries(m.app).slice(before);
    return {
      clients,
      readTimeoutMs,
      answered408: times.length,
      timeTo408Ms: {
        min: Math.round(Math.min(...times)),
        median: Math.round(median(times)),
        max: Math.round(Math.max(...times)),
      },
      logLinesPerSlowClient: Math.round((lines.length / clients) * 100) / 100,
      errorOrWarnLines: lines.filter((l) => l.level === 'error' || l.level === 'warn').length,
      linesWithStack: lines.filter((l) => typeof l.stack === 'string' || /\n\s+at /.test(l.message)).length,
    };
  } finally {
    stopMonolith(m);
  }
}
