/**
 * A benchmark target in its own process, pinned to the server core: its port, its CPU time (asked over
 * IPC) and the lines it wrote to stdout. Its stdout is a file, as with `node main.js >> service.log` or a
 * runtime's log file, and the lines are counted between measurements. A pipe read while wrk runs would put
 * its reader on wrk's core: every wake-up of the reader delayed wrk, and showed as p99 latency of the
 * targets that log (stack 9–15 ms against 3.5–4.5 ms with the same server writing to a file).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FromTarget, ToTarget } from './serve';
import type { TargetName } from './targets';
import { pinned } from './wrk';

/** Newlines in `file`. */
function countNewlines(file: string): number {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let lines = 0;
    let at = 0;
    for (let n = fs.readSync(fd, chunk, 0, chunk.length, at); n > 0; n = fs.readSync(fd, chunk, 0, chunk.length, at)) {
      for (let i = chunk.indexOf(10); i !== -1 && i < n; i = chunk.indexOf(10, i + 1)) lines++;
      at += n;
    }
    return lines;
  } finally {
    fs.closeSync(fd);
  }
}

export class TargetProcess {
  private lines = 0;

  private constructor(
    readonly name: TargetName,
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly logDir: string,
  ) {}

  private get logFile(): string {
    return path.join(this.logDir, 'stdout.log');
  }

  /**
   * Starts `name` pinned to `cpu` (a taskset CPU list) or unpinned; `nodeArgs` go to node (`--cpu-prof`),
   * `wrapper` runs node (`['valgrind', '--tool=callgrind']`).
   */
  static start(
    name: TargetName,
    cpu: string | undefined,
    nodeArgs: readonly string[] = [],
    wrapper: readonly string[] = [],
  ): Promise<TargetProcess> {
    const node = [process.execPath, ...nodeArgs, path.join(__dirname, 'serve.js'), name];
    const [command, args] = pinned(cpu, wrapper[0] ?? node[0]!, [...wrapper.slice(1), ...node.slice(wrapper.length === 0 ? 1 : 0)]);
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), `gdd-bench-${name}-`));
    // appending: the file is emptied after each count, and the target's writes then start at its new end
    const stdout = fs.openSync(path.join(logDir, 'stdout.log'), 'a');
    const child = spawn(command, args, { stdio: ['ignore', stdout, 'inherit', 'ipc'] });
    fs.closeSync(stdout);
    return new Promise((resolve, reject) => {
      child.once('message', (m: FromTarget) => {
        child.off('exit', onExit);
        resolve(new TargetProcess(name, child, (m as { port: number }).port, logDir));
      });
      const onExit = (code: number | null): void => {
        fs.rmSync(logDir, { recursive: true, force: true });
        reject(new Error(`target ${name} exited with ${code} before listening`));
      };
      child.once('exit', onExit);
    });
  }

  /** The process id (of the wrapper, when there is one: valgrind runs node in its own process). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Lines written to stdout so far. Counts what the target wrote since the last call, then empties the file
   * (a run writes gigabytes of access lines); call it between measurements, not under load.
   */
  logLines(): number {
    this.lines += countNewlines(this.logFile);
    fs.truncateSync(this.logFile, 0);
    return this.lines;
  }

  /** CPU time (user + system) the process has used so far, in microseconds. */
  async cpuMicros(): Promise<number> {
    return (await this.ask<{ cpuMicros: number }>({ cmd: 'cpu' })).cpuMicros;
  }

  /** Sends a command and waits for its answer. */
  ask<T extends FromTarget>(command: ToTarget): Promise<T> {
    return new Promise((resolve) => {
      this.child.once('message', (m: T) => resolve(m));
      this.child.send(command);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ cmd: 'stop' } satisfies ToTarget);
    await exited;
    fs.rmSync(this.logDir, { recursive: true, force: true });
  }
}
