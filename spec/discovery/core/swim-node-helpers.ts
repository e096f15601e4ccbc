/** Test helpers for driving one SwimNode by hand (no network). */
import { mulberry32 } from '../../../lib/discovery/core/random';
import { estimateSize } from '../../../lib/discovery/core/size';
import { SwimNode } from '../../../lib/discovery/core/swim-node';
import type { PacketOutput, SwimOptions, SwimOutput } from '../../../lib/discovery/core/types';
import type { AliveMessage, VersionVector } from '../../../lib/discovery/wire/messages';

export const VSN: VersionVector = [1, 5, 2, 0, 0, 0];

export function makeNode(overrides: Partial<SwimOptions> = {}): SwimNode {
  return new SwimNode({
    name: 'a',
    advertiseAddr: '10.0.0.1',
    advertisePort: 7946,
    profile: 'lan',
    random: mulberry32(7),
    sizeOf: estimateSize,
    ...overrides,
  });
}

/** Peer `name` lives at 10.0.0.<index>. */
export function aliveOf(name: string, incarnation: number, index: number, vsn: VersionVector = VSN): AliveMessage {
  return { type: 'alive', incarnation, node: name, addr: `10.0.0.${index}`, port: 7946, vsn };
}

/** Start `node` at 0 and teach it the peers (b at .2, c at .3, …) with incarnation 1. */
export function withPeers(node: SwimNode, names: string[], vsn: VersionVector = VSN): SwimNode {
  node.start(0);
  names.forEach((n, i) => node.receive({ addr: `10.0.0.${i + 2}`, port: 7946 }, aliveOf(n, 1, i + 2, vsn), 0));
  node.takeOutputs();
  return node;
}

export function packets(outs: SwimOutput[]): PacketOutput[] {
  return outs.filter((o): o is PacketOutput => o.kind === 'packet');
}

/**
 * Tick the node at each wake-up up to `until`, answering every ping sent to a name in `answering`
 * with an ack (as if those peers were healthy). Returns all outputs.
 */
export function pump(node: SwimNode, until: number, answering: ReadonlySet<string> = new Set()): SwimOutput[] {
  const all: SwimOutput[] = [];
  for (;;) {
    const w = node.nextWakeup();
    if (w === undefined || w > until) break;
    node.tick(w);
    const outs = node.takeOutputs();
    all.push(...outs);
    for (const p of packets(outs)) {
      const first = p.messages[0];
      if (first.type === 'ping' && p.toNode && answering.has(p.toNode)) {
        node.receive(p.to, { type: 'ack', seqNo: first.seqNo }, w + 1);
        all.push(...node.takeOutputs());
      }
    }
  }
  return all;
}
