/**
 * A ts-doudou App running as a child process (a sample service or a spec fixture), with its output
 * collected so tests can wait for lines, and killed reliably in after-hooks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export class AppProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  /** `script` is a .js file run with `args`; the environment is only PATH plus `env` (no GDD_* leaks in). */
  constructor(script: string, env: Record<string, string>, args: readonly string[] = []) {
    this.child = spawn(process.execPath, [script, ...args], {
      cwd: mkdtempSync(path.join(tmpdir(), 'tsd-app-')),
      env: { PATH: process.env.PATH ?? '', GDD_BANNER: 'false', GDD_HOST: '127.0.0.1', GDD_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Resolves when stdout has a match for `re`, or rejects after `timeoutMs` or when the process exits. */
  waitForLine(re: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const m = this.stdout.match(re);
        if (m) {
          cleanup();
          resolve(m);
        }
        return Boolean(m);
      };
      const onExit = (): void => {
        cleanup();
        reject(new Error(`process exited before ${re}: ${this.stdout}\n${this.stderr}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${re} within ${timeoutMs}ms: ${this.stdout}\n${this.stderr}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        this.child.off('exit', onExit);
      };
      if (check()) return;
      this.child.stdout?.on('data', check);
      this.child.once('exit', onExit);
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.running) this.child.kill(signal);
  }
}
