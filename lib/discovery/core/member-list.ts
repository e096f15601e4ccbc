/**
 * The node list and map (docs/gossip-wire-format.md#probe-order, docs/gossip-wire-format.md#membership): records in probe order, a round-robin probe index, insertion at a
 * random position, and the reset that reaps old dead/left nodes and reshuffles.
 */
import type { NodeState, PushNodeState, VersionVector } from '../wire/messages';
import type { MemberInfo } from './types';
import { randomIndex, shuffle } from './random';

export interface NodeRecord {
  name: string;
  addr: string;
  port: number;
  meta: Uint8Array;
  incarnation: number;
  state: NodeState;
  vsn: VersionVector;
  stateChange: number;
  /** go-doudou's gossiped weight (type-14 message) and when it was computed (Unix ms), once one arrived. */
  gossipedWeight?: number;
  gossipedWeightAt?: number;
}

export function isDeadOrLeft(n: NodeRecord): boolean {
  return n.state === 'dead' || n.state === 'left';
}

export function toMemberInfo(n: NodeRecord): MemberInfo {
  return {
    name: n.name,
    addr: n.addr,
    port: n.port,
    meta: n.meta,
    state: n.state,
    incarnation: n.incarnation,
    vsn: n.vsn,
    stateChangedAt: n.stateChange,
    ...(n.gossipedWeightAt !== undefined ? { gossipedWeight: n.gossipedWeight, gossipedWeightAt: n.gossipedWeightAt } : {}),
  };
}

export function toPushNodeState(n: NodeRecord): PushNodeState {
  return {
    name: n.name,
    addr: n.addr,
    port: n.port,
    meta: n.meta.length > 0 ? n.meta : undefined,
    incarnation: n.incarnation,
    state: n.state,
    vsn: n.vsn,
  };
}

export class MemberList {
  /** Probe order. */
  nodes: NodeRecord[] = [];
  private readonly byName = new Map<string, NodeRecord>();
  probeIndex = 0;

  constructor(private readonly random: () => number) {}

  get size(): number {
    return this.nodes.length;
  }

  get(name: string): NodeRecord | undefined {
    return this.byName.get(name);
  }

  /** Append, then swap with a random index so new nodes do not all wait for the end of the round (docs/gossip-wire-format.md#probe-order). */
  add(n: NodeRecord): void {
    this.byName.set(n.name, n);
    const offset = randomIndex(this.random, this.nodes.length + 1);
    this.nodes.push(n);
    const last = this.nodes.length - 1;
    [this.nodes[offset], this.nodes[last]] = [this.nodes[last], this.nodes[offset]];
  }

  /**
   * Probe-round reset: remove dead/left nodes whose state changed more than deadTimeoutMs ago
   * (left ones too, as memberlist ≥ v0.3.1), then shuffle the rest. Returns the removed records.
   * Our own record (`keep`) is never removed, even after we left.
   */
  reset(now: number, deadTimeoutMs: number, keepName?: string): NodeRecord[] {
    const keep: NodeRecord[] = [];
    const removed: NodeRecord[] = [];
    for (const n of this.nodes) {
      if (n.name !== keepName && isDeadOrLeft(n) && now - n.stateChange > deadTimeoutMs) removed.push(n);
      else keep.push(n);
    }
    for (const n of removed) this.byName.delete(n.name);
    shuffle(this.random, keep);
    this.nodes = keep;
    this.probeIndex = 0;
    return removed;
  }
}
