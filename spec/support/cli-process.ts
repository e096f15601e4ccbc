/**
 * The built `doudou` CLI as a child process: one-shot runs that collect output and the exit code, and
 * long-running ones (svc mock, svc run) whose output tests wait on. The environment is PATH plus what the
 * test gives (no GDD_* of the developer's shell leaks in).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { waitFor } from './wait-for';

/** dist/lib/cli/doudou.js, resolved from the compiled spec folder (dist/spec/support). */
export const DOUDOU_BIN = path.resolve(__dirname, '..', '..', 'lib', 'cli', 'doudou.js');

export interface CliRunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Give up (and kill the process) after this long. Default 60 s. */
  timeoutMs?: number;
  /** Another clone's dist/lib/cli/doudou.js. Default DOUDOU_BIN. */
  bin?: string;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cliEnv(env: Record<string, string> | undefined): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', GDD_BANNER: 'false', ...env };
}

/** Runs `doudou args…` to completion. */
export function runDoudou(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? DOUDOU_BIN, ...args], {
      cwd: options.cwd,
      env: cliEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`doudou ${args.join(' ')} did not finish in ${options.timeoutMs ?? 60_000}ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running `doudou …` (mock server, watch mode): output is collected; stop() sends SIGTERM and waits. */
export class DoudouProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[], options: CliRunOptions = {}) {
    this.child = spawn(process.execPath, [options.bin ?? DOUDOU_BIN, ...args], {
      cwd: options.cwd,
      env: cliEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get output(): string {
    return `${this.stdout}\n${this.stderr}`;
  }

  /** Waits until stdout+stderr (from offset `from`) match `re`; fails at once if the process exits first. */
  async waitForOutput(re: RegExp, timeoutMs = 30_000, from = 0): Promise<RegExpMatchArray> {
    const found = await waitFor(
      () => this.output.slice(from).match(re) ?? (this.child.exitCode !== null || this.child.signalCode !== null ? 'exited' : undefined),
      { timeoutMs, message: `no ${re} in doudou output:\n${this.output}` },
    );
    if (found === 'exited')
      throw new Error(`doudou exited (${this.child.exitCode ?? this.child.signalCode}) before ${re}:\n${this.output}`);
    return found;
  }

  async stop(timeoutMs = 20_000): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
