/**
 * A child process that prints one JSON object per stdout line (gonode, the ts gossip cli). Keeps every
 * event, lets tests wait for one with a deadline, and is killed reliably (every instance is tracked and
 * SIGKILLed when the test process exits, so a failing test never leaves a peer running).
 */
import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import { waitFor } from './wait-for';

export interface PeerEvent {
  event: string;
  name?: string;
  addr?: string;
  port?: number;
  meta?: unknown;
  [key: string]: unknown;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

export class JsonLineProcess {
  readonly events: PeerEvent[] = [];
  readonly stderrLines: string[] = [];
  readonly child: ChildProcess;
  private exitInfo?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly exited: Promise<void>;

  constructor(
    readonly label: string,
    command: string,
    args: readonly string[],
    options: SpawnOptions = {},
  ) {
    this.child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(this.child);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        live.delete(this.child);
        resolve();
      });
      this.child.once('error', (err) => {
        this.stderrLines.push(`spawn error: ${err.message}`);
        this.exitInfo = { code: -1, signal: null };
        live.delete(this.child);
        resolve();
      });
    });
    if (this.child.stdout) {
      createInterface({ input: this.child.stdout }).on('line', (line) => {
        const trimmed = line.trim();
        if (!trimmed.startsWith('{')) return;
        try {
          this.events.push(JSON.parse(trimmed) as PeerEvent);
        } catch {
          this.stderrLines.push(`unparsable stdout: ${trimmed}`);
        }
      });
    }
    if (this.child.stderr) {
      createInterface({ input: this.child.stderr }).on('line', (line) => {
        this.stderrLines.push(line);
        if (this.stderrLines.length > 2000) this.stderrLines.splice(0, 1000);
      });
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.exitInfo;
  }

  /** First event (already seen or future) matching `match`. */
  async waitForEvent(match: (e: PeerEvent) => boolean, timeoutMs = 15_000, what = 'event'): Promise<PeerEvent> {
    return waitFor(
      () => {
        const found = this.events.find(match);
        if (found) return found;
        if (this.exitInfo) throw new Error(`${this.label} exited (${JSON.stringify(this.exitInfo)}); stderr tail: ${this.stderrTail()}`);
        return undefined;
      },
      { timeoutMs, intervalMs: 25, message: `${this.label}: ${what}` },
    );
  }

  /** Events matching `match` seen so far. */
  eventsWhere(match: (e: PeerEvent) => boolean): PeerEvent[] {
    return this.events.filter(match);
  }

  stderrTail(lines = 15): string {
    return this.stderrLines.slice(-lines).join('\n');
  }

  signal(sig: NodeJS.Signals): void {
    if (!this.exitInfo) this.child.kill(sig);
  }

  /** Resolves when the process has exited, SIGKILLing it after `timeoutMs`. */
  async waitForExit(timeoutMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.exited,
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          this.signal('SIGKILL');
          resolve();
        }, timeoutMs);
      }),
    ]);
    if (timer) clearTimeout(timer);
    await this.exited;
    return this.exitInfo ?? { code: null, signal: null };
  }

  /** SIGKILL and wait: a crash, from the cluster's point of view. */
  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (graceful leave) and wait, SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 8_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.signal('SIGTERM');
    return this.waitForExit(timeoutMs);
  }
}
