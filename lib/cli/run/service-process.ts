/**
 * The service as a child process of `svc run`: started with the same environment and terminal, stopped
 * with SIGTERM so the App drains (leaves the gossip cluster, lets in-flight requests finish) before it
 * exits — and only then may the next one bind the same ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;

  constructor(
    private readonly entry: string,
    private readonly cwd: string,
    /** How long a drain may take before SIGKILL: above GDD_GRACE_TIMEOUT. */
    private readonly killAfterMs: number,
    private readonly onExit: (code: number | null, signal: NodeJS.Signals | null) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    const child = spawn(process.execPath, [this.entry], { cwd: this.cwd, env: process.env, stdio: 'inherit' });
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        if (this.child === child) this.onExit(code, signal);
        resolve(code);
      });
    });
  }

  /** SIGTERM, then waits for the exit (SIGKILL after killAfterMs). Resolves at once when not running. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || this.exited === undefined || !this.running) return;
    this.child = undefined;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), this.killAfterMs);
    await this.exited;
    clearTimeout(timer);
  }
}
