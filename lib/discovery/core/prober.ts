/**
 * Failure detection (docs/gossip-wire-format.md#failure-detection): randomized round-robin probing, one probe with direct ping, indirect pings
 * (with nacks), TCP fallback and Lifeguard health updates; answering pings and relaying indirect pings.
 */
import type {
  AckMessage,
  IndirectPingMessage,
  NackMessage,
  NodeAddress,
  PacketMessage,
  PingMessage,
  VersionVector,
} from '../wire/messages';
import type { CoreContext } from './context';
import { isDeadOrLeft, type NodeRecord } from './member-list';
import type { Membership } from './membership';
import { kRandom } from './random';
import type { TimerHandle } from './timer-queue';

/** How the prober sends: through the node, which adds piggy-backed broadcasts (docs/gossip-wire-format.md#piggybacking). */
export interface ProbeSender {
  /** One message plus piggy-backed broadcasts, no CRC (memberlist sendMsg). */
  sendMsg(to: NodeAddress, toNode: string | undefined, msg: PacketMessage): void;
  /** Exactly these messages (memberlist rawSendMsgPacket with a known node). */
  sendRaw(to: NodeAddress, toNode: string | undefined, messages: PacketMessage[], crc: boolean): void;
}

interface AckHandler {
  onAck(now: number): void;
  onNack?(): void;
  expiry: TimerHandle;
}

interface ProbeSnapshot {
  readonly name: string;
  readonly addr: string;
  readonly port: number;
  readonly incarnation: number;
  readonly state: NodeRecord['state'];
  readonly vsn: VersionVector;
}

interface Probe {
  readonly target: ProbeSnapshot;
  readonly seqNo: number;
  readonly start: number;
  /** Probe interval scaled by health: the ack handler's and TCP ping's deadline (docs/gossip-wire-format.md#one-probe). */
  readonly deadline: number;
  expectedNacks: number;
  nacks: number;
  tcp: 'none' | 'pending' | 'ok' | 'failed';
  /** The UDP part timed out; waiting for the TCP fallback result. */
  awaitingTcp: boolean;
  timers: TimerHandle[];
}

export class Prober {
  private seq = 0;
  private readonly ackHandlers = new Map<number, AckHandler>();
  private current: Probe | undefined;
  /** A probe tick passed while a probe ran: Go's ticker keeps one tick buffered. */
  private tickPending = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly membership: Membership,
    private readonly sender: ProbeSender,
  ) {}

  /** Per-node uint32 sequence number, first value 1 (docs/gossip-wire-format.md#one-probe). */
  nextSeqNo(): number {
    this.seq = (this.seq + 1) >>> 0;
    return this.seq;
  }

  get probing(): string | undefined {
    return this.current?.target.name;
  }

  private self(): { sourceAddr: string; sourcePort: number; sourceNode: string } {
    const { opts } = this.ctx;
    return { sourceAddr: opts.advertiseAddr, sourcePort: opts.advertisePort, sourceNode: opts.name };
  }

  /** The probe ticker fired. */
  onTick(now: number): void {
    if (this.current) {
      this.tickPending = true;
      return;
    }
    this.probe(now);
  }

  /** Walk the list round-robin to the next node worth probing (docs/gossip-wire-format.md#probe-order). */
  private probe(now: number): void {
    const { list, opts } = this.ctx;
    let numCheck = 0;
    for (;;) {
      if (numCheck >= list.size) return;
      if (list.probeIndex >= list.size) {
        this.reset(now);
        numCheck++;
        continue;
      }
      const node = list.nodes[list.probeIndex];
      list.probeIndex++;
      if (node.name === opts.name || isDeadOrLeft(node)) {
        numCheck++;
        continue;
      }
      this.probeNode(node, now);
      return;
    }
  }

  /** Hook for reaping at reset; replaced by the node to remember reaped dead members. */
  onReaped: (removed: NodeRecord[], now: number) => void = () => undefined;

  private reset(now: number): void {
    const removed = this.ctx.list.reset(now, this.ctx.opts.deadTimeoutMs, this.ctx.opts.name);
    if (removed.length > 0) this.onReaped(removed, now);
  }

  private probeNode(node: NodeRecord, now: number): void {
    const { opts, awareness, timers } = this.ctx;
    this.ctx.counters.probes++;
    const pi = opts.lifeguard ? awareness.scale(opts.probeIntervalMs) : opts.probeIntervalMs;
    const target: ProbeSnapshot = { ...node };
    const probe: Probe = {
      target,
      seqNo: this.nextSeqNo(),
      start: now,
      deadline: now + pi,
      expectedNacks: 0,
      nacks: 0,
      tcp: 'none',
      awaitingTcp: false,
      timers: [],
    };
    this.current = probe;
    this.setAckHandler(probe.seqNo, pi, now, {
      onAck: (t) => this.finish(probe, true, t),
      onNack: () => probe.nacks++,
      onExpire: (t) => this.udpExpired(probe, t),
    });
    const ping: PingMessage = { type: 'ping', seqNo: probe.seqNo, node: target.name, ...this.self() };
    const to = { addr: target.addr, port: target.port };
    if (target.state === 'alive' || !opts.lifeguard) {
      this.sender.sendMsg(to, target.name, ping);
    } else {
      // Lifeguard buddy system: tell a suspect node it is suspected so it can refute at once.
      const suspect: PacketMessage = { type: 'suspect', incarnation: target.incarnation, node: target.name, from: opts.name };
      this.sender.sendRaw(to, target.name, [ping, suspect], target.vsn[1] >= 5);
    }
    probe.timers.push(timers.set(now + opts.probeTimeoutMs, (t) => this.indirect(probe, t)));
  }

  /** No direct ack within probeTimeout: indirect pings through k alive peers, TCP fallback (docs/gossip-wire-format.md#one-probe steps 4–5). */
  private indirect(probe: Probe, now: number): void {
    if (this.current !== probe) return;
    const { opts, list } = this.ctx;
    const t = probe.target;
    const peers = kRandom(
      opts.random,
      opts.indirectChecks,
      list.nodes,
      (n) => n.name !== opts.name && n.name !== t.name && n.state === 'alive',
    );
    for (const peer of peers) {
      const nack = opts.lifeguard && peer.vsn[1] >= 4;
      if (nack) probe.expectedNacks++;
      const ind: IndirectPingMessage = {
        type: 'indirectPing',
        seqNo: probe.seqNo,
        target: t.addr,
        port: t.port,
        node: t.name,
        nack,
        ...this.self(),
      };
      this.sender.sendMsg({ addr: peer.addr, port: peer.port }, peer.name, ind);
    }
    if (opts.tcpPings && t.vsn[1] >= 3) {
      probe.tcp = 'pending';
      const ping: PingMessage = { type: 'ping', seqNo: probe.seqNo, node: t.name, ...this.self() };
      this.ctx.emit({
        kind: 'streamPing',
        to: { addr: t.addr, port: t.port },
        toNode: t.name,
        ping,
        deadline: probe.deadline,
      });
    }
  }

  /** The ack handler expired at the scaled probe interval. */
  private udpExpired(probe: Probe, now: number): void {
    if (this.current !== probe) return;
    if (probe.tcp === 'pending') {
      // Go waits for the fallback goroutine; give the driver until its deadline plus a grace period.
      probe.awaitingTcp = true;
      probe.timers.push(this.ctx.timers.set(now + this.ctx.opts.probeTimeoutMs, (t) => this.finish(probe, false, t)));
      return;
    }
    this.finish(probe, probe.tcp === 'ok', now);
  }

  streamPingResult(seqNo: number, ok: boolean, now: number): void {
    const probe = this.current;
    if (!probe || probe.seqNo !== seqNo || probe.tcp !== 'pending') return;
    probe.tcp = ok ? 'ok' : 'failed';
    if (probe.awaitingTcp) this.finish(probe, ok, now);
  }

  private finish(probe: Probe, ok: boolean, now: number): void {
    if (this.current !== probe) return;
    this.current = undefined;
    for (const t of probe.timers) this.ctx.timers.cancel(t);
    const h = this.ackHandlers.get(probe.seqNo);
    if (h) {
      this.ctx.timers.cancel(h.expiry);
      this.ackHandlers.delete(probe.seqNo);
    }
    const { opts, awareness } = this.ctx;
    if (ok) {
      if (opts.lifeguard) awareness.applyDelta(-1);
    } else {
      this.ctx.counters.probesFailed++;
      if (opts.lifeguard) {
        // Missed nacks say the problem may be ours (docs/gossip-wire-format.md#local-health); without nack-capable relays, +1.
        awareness.applyDelta(probe.expectedNacks > 0 ? Math.max(0, probe.expectedNacks - probe.nacks) : 1);
      }
      const t = probe.target;
      this.membership.suspect({ type: 'suspect', incarnation: t.incarnation, node: t.name, from: opts.name }, now);
    }
    if (this.tickPending) {
      this.tickPending = false;
      this.probe(now);
    }
  }

  private setAckHandler(
    seqNo: number,
    timeout: number,
    now: number,
    h: { onAck(now: number): void; onNack?(): void; onExpire?(now: number): void },
  ): void {
    const expiry = this.ctx.timers.set(now + timeout, (t) => {
      if (this.ackHandlers.get(seqNo)?.expiry === expiry) this.ackHandlers.delete(seqNo);
      h.onExpire?.(t);
    });
    this.ackHandlers.set(seqNo, { onAck: h.onAck, onNack: h.onNack, expiry });
  }

  /** On ping (docs/gossip-wire-format.md#answering-and-relaying): answer with an ack to Source* (or the packet source) unless it names another node. */
  handlePing(from: NodeAddress, p: PingMessage): void {
    if (p.node !== '' && p.node !== this.ctx.opts.name) {
      this.ctx.counters.messagesDropped++;
      return;
    }
    const ack: AckMessage = { type: 'ack', seqNo: p.seqNo };
    this.sender.sendMsg(replyAddress(from, p), p.sourceNode, ack);
  }

  /** On indirectPing (docs/gossip-wire-format.md#answering-and-relaying): ping the target with a new SeqNo; relay its ack, or a nack after probeTimeout. */
  handleIndirectPing(from: NodeAddress, ind: IndirectPingMessage, now: number): void {
    const { opts, timers } = this.ctx;
    this.ctx.counters.indirectPingsRelayed++;
    const requester = replyAddress(from, ind);
    const localSeq = this.nextSeqNo();
    let nackTimer: TimerHandle | undefined;
    this.setAckHandler(localSeq, opts.probeTimeoutMs, now, {
      onAck: () => {
        timers.cancel(nackTimer);
        this.sender.sendMsg(requester, ind.sourceNode, { type: 'ack', seqNo: ind.seqNo });
      },
    });
    const ping: PingMessage = { type: 'ping', seqNo: localSeq, node: ind.node, ...this.self() };
    this.sender.sendMsg({ addr: ind.target, port: ind.port === 0 ? opts.advertisePort : ind.port }, ind.node, ping);
    if (ind.nack) {
      nackTimer = timers.set(now + opts.probeTimeoutMs, () => {
        this.ctx.counters.nacksSent++;
        const nack: NackMessage = { type: 'nack', seqNo: ind.seqNo };
        this.sender.sendMsg(requester, ind.sourceNode, nack);
      });
    }
  }

  handleAck(ack: AckMessage, now: number): void {
    const h = this.ackHandlers.get(ack.seqNo);
    if (!h) return;
    this.ackHandlers.delete(ack.seqNo);
    this.ctx.timers.cancel(h.expiry);
    h.onAck(now);
  }

  handleNack(nack: NackMessage): void {
    this.ackHandlers.get(nack.seqNo)?.onNack?.();
  }

  clear(): void {
    if (this.current) for (const t of this.current.timers) this.ctx.timers.cancel(t);
    this.current = undefined;
    for (const h of this.ackHandlers.values()) this.ctx.timers.cancel(h.expiry);
    this.ackHandlers.clear();
  }
}

/** Where to answer: Source* when both address and port are present, else the packet's source (docs/gossip-wire-format.md#answering-and-relaying). */
function replyAddress(from: NodeAddress, m: { sourceAddr?: string; sourcePort?: number }): NodeAddress {
  return m.sourceAddr && m.sourcePort ? { addr: m.sourceAddr, port: m.sourcePort } : from;
}
