/**
 * A ts gossip node in its own process: the compiled cli (lib/discovery/cli.js) configured by GDD_MEM_*,
 * optionally inside a network namespace. Works from dist/ and from a helper's .build/ folder alike.
 */
import * as path from 'node:path';
import { JsonLineProcess } from './json-process';

export function cliPath(): string {
  return path.resolve(__dirname, '../../lib/discovery/cli.js');
}

export class TsCliPeer extends JsonLineProcess {
  constructor(
    readonly name: string,
    env: Record<string, string>,
    netns?: string,
  ) {
    const fullEnv = { ...process.env, GDD_MEM_NAME: name, ...env };
    const [cmd, args] = netns ? ['ip', ['netns', 'exec', netns, process.execPath, cliPath()]] : [process.execPath, [cliPath()]];
    super(`ts ${name}`, cmd, args, { env: fullEnv });
  }

  static async start(name: string, env: Record<string, string>, netns?: string): Promise<TsCliPeer> {
    const peer = new TsCliPeer(name, env, netns);
    await peer.waitForEvent((e) => e.event === 'start', 20_000, 'start');
    if (env.GDD_MEM_SEED) {
      const joined = await peer.waitForEvent((e) => e.event === 'joined', 20_000, 'joined');
      if (joined.error) throw new Error(`ts ${name} failed to join: ${String(joined.error)}`);
    }
    return peer;
  }

  /** As of now, does this node consider `other` a member (joined/alive since its last leave/dead)? */
  sees(other: string): boolean {
    let present = false;
    for (const e of this.events) {
      if (e.name !== other) continue;
      if (e.event === 'join' || e.event === 'alive') present = true;
      else if (e.event === 'leave' || e.event === 'dead') present = false;
    }
    return present;
  }
}
