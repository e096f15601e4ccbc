/**
 * A benchmark target in its own process, pinned to the server core: its port, its CPU time (asked over
 * IPC) and the lines it wrote to stdout (drained here and counted, the way a container runtime reads a
 * service's log pipe).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { FromTarget, ToTarget } from './serve';
import type { TargetName } from './targets';
import { pinned } from './wrk';

export class TargetProcess {
  private lines = 0;

  private constructor(
    readonly name: TargetName,
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.lines++;
    });
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
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('message', (m: FromTarget) => {
        child.off('exit', onExit);
        resolve(new TargetProcess(name, child, (m as { port: number }).port));
      });
      const onExit = (code: number | null): void => reject(new Error(`target ${name} exited with ${code} before listening`));
      child.once('exit', onExit);
    });
  }

  /** The process id (of the wrapper, when there is one: valgrind runs node in its own process). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Lines written to stdout so far. */
  get logLines(): number {
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
  }
}
