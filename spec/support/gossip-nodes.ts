/**
 * In-process ts gossip nodes for tests: loopback, port 0, fast timings, all shut down by `shutdownAll()`
 * (call it in an after-hook so no socket or timer outlives the test).
 */
import { GossipNode } from '../../lib/discovery/node';
import type { GossipNodeOptions } from '../../lib/discovery/node-options';

/** memberlist's local profile, a bit faster still: failure detection in a few seconds on loopback. */
export const FAST_OPTIONS: GossipNodeOptions = {
  profile: 'local',
  bindAddr: '127.0.0.1',
  bindPort: 0,
  probeIntervalMs: 500,
  probeTimeoutMs: 200,
  gossipIntervalMs: 50,
  pushPullIntervalMs: 5000,
  tcpTimeoutMs: 1000,
};

export class NodeSet {
  private readonly nodes: GossipNode[] = [];

  async start(name: string, options: GossipNodeOptions = {}): Promise<GossipNode> {
    const node = await GossipNode.create({ ...FAST_OPTIONS, name, ...options });
    this.nodes.push(node);
    return node;
  }

  async shutdownAll(): Promise<void> {
    await Promise.all(this.nodes.splice(0).map((n) => n.shutdown()));
  }
}

export function seedOf(node: GossipNode): string {
  return `127.0.0.1:${node.port}`;
}

export function memberNames(node: GossipNode): string[] {
  return node
    .members()
    .map((m) => m.name)
    .sort();
}
