/**
 * A real serf agent (Debian serf 0.9.x on memberlist 0.2.2) and `serf members -format=json`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { JsonLineProcess } from './json-process';
import { freePort } from './free-port';

const execFileAsync = promisify(execFile);

export interface SerfMember {
  name: string;
  addr: string;
  port: number;
  tags: Record<string, string>;
  status: string;
  protocol?: Record<string, number>;
}

export class SerfAgent extends JsonLineProcess {
  private constructor(
    readonly name: string,
    readonly port: number,
    readonly rpcPort: number,
    args: string[],
  ) {
    super(`serf ${name}`, 'serf', args);
  }

  static async start(name: string, options: { port?: number; key?: string } = {}): Promise<SerfAgent> {
    const port = options.port ?? (await freePort());
    const rpcPort = await freePort();
    const args = ['agent', `-node=${name}`, `-bind=127.0.0.1:${port}`, `-rpc-addr=127.0.0.1:${rpcPort}`, '-log-level=warn'];
    if (options.key) args.push(`-encrypt=${options.key}`);
    const agent = new SerfAgent(name, port, rpcPort, args);
    // The agent is ready when its RPC port answers.
    const { waitFor } = await import('./wait-for');
    await waitFor(async () => (await agent.members()).some((m) => m.name === name), {
      timeoutMs: 15_000,
      intervalMs: 100,
      message: `serf ${name} RPC ready`,
    });
    return agent;
  }

  async members(): Promise<SerfMember[]> {
    try {
      const { stdout } = await execFileAsync('serf', ['members', `-rpc-addr=127.0.0.1:${this.rpcPort}`, '-format=json'], {
        timeout: 5_000,
      });
      const parsed = JSON.parse(stdout) as { members: SerfMember[] };
      return parsed.members ?? [];
    } catch {
      return [];
    }
  }

  async join(addr: string): Promise<void> {
    await execFileAsync('serf', ['join', `-rpc-addr=127.0.0.1:${this.rpcPort}`, addr], { timeout: 10_000 });
  }
}
