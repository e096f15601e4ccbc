/**
 * The healing loop memberlist lacks (docs/gossip-wire-format.md#start-and-join: after a 25 s partition plain
 * memberlist stays split). Every rejoinInterval: push/pull with a few recently dead (not left) members — also those
 * already reaped — and with seeds that are not live members. When an exchange made us refute (the peer
 * had us dead), exchange once more at once so the peer sees our new incarnation.
 */
import type { NodeAddress } from '../wire/messages';
import type { ResolvedSwimOptions } from './defaults';
import { isDeadOrLeft, type MemberList, type NodeRecord } from './member-list';
import { kRandom } from './random';
import type { PushPullReason, PushPullRequest, SwimCounters } from './types';

export interface RejoinHost {
  readonly opts: ResolvedSwimOptions;
  readonly list: MemberList;
  readonly counters: SwimCounters;
  requestPushPull(to: NodeAddress, toNode: string | undefined, join: boolean, reason: PushPullReason): PushPullRequest;
  selfIncarnation(): number;
}

const key = (a: NodeAddress): string => `${a.addr}|${a.port}`;

export class RejoinLoop {
  /** Dead members already reaped from the list, kept as candidates for rejoinWindow. */
  private readonly reapedDead = new Map<string, { addr: string; port: number; diedAt: number }>();
  /** Requests in flight: our incarnation when sent, and whether it is already a follow-up. */
  private readonly inFlight = new Map<number, { incarnation: number; followUp: boolean }>();

  constructor(private readonly host: RejoinHost) {}

  rememberReaped(removed: readonly NodeRecord[]): void {
    for (const n of removed) {
      if (n.state === 'dead' && Number.isFinite(n.stateChange)) {
        this.reapedDead.set(n.name, { addr: n.addr, port: n.port, diedAt: n.stateChange });
      }
    }
  }

  run(now: number): void {
    const { opts, list } = this.host;
    if (opts.rejoinMaxPeers === 0) return;
    for (const [name, d] of this.reapedDead) {
      if (now - d.diedAt > opts.rejoinWindowMs || list.get(name)) this.reapedDead.delete(name);
    }
    const live = new Set<string>([key({ addr: opts.advertiseAddr, port: opts.advertisePort })]);
    for (const n of list.nodes) if (!isDeadOrLeft(n)) live.add(key(n));
    const candidates = new Map<string, { to: NodeAddress; name?: string }>();
    const add = (to: NodeAddress, name?: string): void => {
      const k = key(to);
      if (!live.has(k) && !candidates.has(k)) candidates.set(k, { to, name });
    };
    for (const n of list.nodes) {
      if (n.state === 'dead' && now - n.stateChange <= opts.rejoinWindowMs) add({ addr: n.addr, port: n.port }, n.name);
    }
    for (const [name, d] of this.reapedDead) add({ addr: d.addr, port: d.port }, name);
    for (const s of opts.seeds) add(s);
    for (const c of kRandom(opts.random, opts.rejoinMaxPeers, [...candidates.values()], () => true)) {
      this.host.counters.rejoinAttempts++;
      this.send(c.to, c.name, false);
    }
  }

  /** A rejoin push/pull finished (other reasons are ignored). */
  onResult(request: PushPullRequest, ok: boolean): void {
    const sent = this.inFlight.get(request.id);
    if (!sent) return;
    this.inFlight.delete(request.id);
    if (ok && !sent.followUp && this.host.selfIncarnation() > sent.incarnation) this.send(request.to, request.toNode, true);
  }

  private send(to: NodeAddress, toNode: string | undefined, followUp: boolean): void {
    const req = this.host.requestPushPull(to, toNode, false, 'rejoin');
    this.inFlight.set(req.id, { incarnation: this.host.selfIncarnation(), followUp });
  }
}
