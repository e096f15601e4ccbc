/**
 * Keep-alive clients looping requests against a server — a deploy's traffic as a shutting-down pod sees
 * it. Each client honours `Connection: close` (node:http's Agent does: it never reuses such a socket)
 * and stops once the server refuses its new connection. What they saw, split at a mark (the moment of
 * the SIGTERM), tells whether a shutdown lost anything.
 */
import * as http from 'node:http';

export interface KeepAliveLoadOptions {
  /** e.g. http://127.0.0.1:1234/slow?ms=0 */
  url: string;
  /** Concurrent clients, one keep-alive connection each. Default 20. */
  clients?: number;
  /** A request taking longer fails the test instead of hanging it (ms). Default 20000. */
  requestTimeoutMs?: number;
}

export interface KeepAliveLoadReport {
  /** Requests started before mark() and how many of them got a complete 2xx answer. */
  sentBeforeMark: number;
  answeredBeforeMark: number;
  /** Requests started after mark() that got a complete 2xx answer (served during the drain). */
  answeredAfterMark: number;
  /** Failed requests by error code (ECONNREFUSED, ECONNRESET, …) or `status <n>`. */
  failures: Record<string, number>;
  /** Failures of requests started before the mark, by code. */
  failuresBeforeMark: Record<string, number>;
}

type Result = { ok: true } | { ok: false; code: string };

function once(url: string, agent: http.Agent, timeoutMs: number): Promise<Result> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.once('end', () =>
        resolve(res.statusCode! >= 200 && res.statusCode! < 300 ? { ok: true } : { ok: false, code: `status ${res.statusCode}` }),
      );
      res.once('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, code: err.code ?? err.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('request timed out'), { code: 'CLIENT_TIMEOUT' })));
    req.once('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, code: err.code ?? err.message }));
  });
}

export class KeepAliveLoad {
  private marked = false;
  private stopping = false;
  private readonly agents: http.Agent[] = [];
  private readonly loops: Promise<void>[] = [];
  private readonly report: KeepAliveLoadReport = {
    sentBeforeMark: 0,
    answeredBeforeMark: 0,
    answeredAfterMark: 0,
    failures: {},
    failuresBeforeMark: {},
  };
  /** Complete answers so far (both sides of the mark). */
  answered = 0;

  constructor(private readonly options: KeepAliveLoadOptions) {}

  start(): this {
    for (let i = 0; i < (this.options.clients ?? 20); i++) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      this.agents.push(agent);
      this.loops.push(this.loop(agent));
    }
    return this;
  }

  /** From now on requests count as "after the mark". */
  mark(): void {
    this.marked = true;
  }

  /** Resolves once every client has stopped (refused, or stop() called), with what they saw. */
  async finished(): Promise<KeepAliveLoadReport> {
    await Promise.all(this.loops);
    for (const agent of this.agents) agent.destroy();
    return this.report;
  }

  /** Ends the loops after their current request (for a run without a shutdown). */
  stop(): Promise<KeepAliveLoadReport> {
    this.stopping = true;
    return this.finished();
  }

  private async loop(agent: http.Agent): Promise<void> {
    while (!this.stopping) {
      const before = !this.marked;
      if (before) this.report.sentBeforeMark++;
      const result = await once(this.options.url, agent, this.options.requestTimeoutMs ?? 20_000);
      if (result.ok) {
        this.answered++;
        if (before) this.report.answeredBeforeMark++;
        else this.report.answeredAfterMark++;
        continue;
      }
      this.report.failures[result.code] = (this.report.failures[result.code] ?? 0) + 1;
      if (before) this.report.failuresBeforeMark[result.code] = (this.report.failuresBeforeMark[result.code] ?? 0) + 1;
      // a refused connection is the server saying "gone": this client is done; anything else, try again
      if (result.code === 'ECONNREFUSED' && this.marked) return;
    }
  }
}
