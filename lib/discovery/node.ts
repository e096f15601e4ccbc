/**
 * GossipNode: the public gossip API. It binds the sans-I/O SWIM core (lib/discovery/core) to real sockets
 * (lib/discovery/transport) through the wire codec (lib/discovery/wire) — docs/architecture.md#the-packet-path.
 *
 * Driver loop: every input (a decoded UDP message, a tick, a finished TCP exchange, an API call) goes into
 * the core, then `pump()` drains the core's outputs (packets to send, push/pull and TCP-ping requests,
 * events) and re-arms one timer at the core's next wakeup.
 *
 * Process lifetime: a running node keeps the process alive through its UDP socket and TCP listener
 * (both ref'd, like any server) until `shutdown()`; its timers are unref'd so they never do so on their own.
 */
import { EventEmitter } from 'node:events';
import { SwimNode } from './core/swim-node';
import type { MemberInfo, MembershipCore, SwimCounters, SwimOutput } from './core/types';
import type { NodeAddress, PacketMessage } from './wire/messages';
import { GossipCodec } from './transport/codec';
import { NetTransport, PacketSource } from './transport/net-transport';
import type { TransportStats } from './transport/counters';
import { GossipNodeOptions, resolveOptions, ResolvedGossipOptions } from './node-options';
import { resolveAdvertiseAddr, resolveSeeds } from './node-addresses';
import { GossipNodeError, JoinFailedError } from './node-errors';
import { EventQueue, GossipEvent, GossipNodeEventMap, UserMessageEvent } from './node-events';
import { dropReason } from './node-drops';
import { answerStream, runPushPull, runStreamPing, StreamContext } from './node-streams';

export interface SendUserOptions {
  /** true: TCP stream (SendReliable, docs/gossip-wire-format.md#user-messages); false (default): one UDP packet (SendBestEffort). */
  reliable?: boolean;
}

export interface GossipNodeStats {
  transport: TransportStats;
  swim: Readonly<SwimCounters>;
  healthScore: number;
}

type Waiter<T> = { resolve: (v: T) => void; reject: (e: Error) => void };

export class GossipNode extends EventEmitter<GossipNodeEventMap> {
  private timer?: NodeJS.Timeout;
  private running = true;
  private readonly joins = new Map<number, Waiter<number>>();
  private readonly leaveWaiters: Array<() => void> = [];
  private readonly queues = new Set<EventQueue>();
  private readonly pending = new Set<Promise<void>>();
  private core!: MembershipCore;
  private transport!: NetTransport;

  /** What the TCP side (node-streams.ts) needs from us; getters because core/transport arrive in create(). */
  private readonly streams: StreamContext = ((self: GossipNode): StreamContext => ({
    get core() {
      return self.core;
    },
    get codec() {
      return self.codec;
    },
    get transport() {
      return self.transport;
    },
    running: () => self.running,
    pump: () => self.pump(),
    deliverUser: (m) => self.deliverUser(m),
  }))(this);

  private constructor(
    readonly options: ResolvedGossipOptions,
    private readonly codec: GossipCodec,
  ) {
    super();
  }

  /** Bind the sockets, start the protocol (not joined yet: call join()). */
  static async create(options: GossipNodeOptions = {}): Promise<GossipNode> {
    const resolved = resolveOptions(options);
    const codec = new GossipCodec({
      keys: resolved.keys,
      label: resolved.label,
      compress: resolved.compress,
      protocolVersion: resolved.protocolVersion,
      addrEncoding: resolved.addrEncoding,
    });
    const node = new GossipNode(resolved, codec);
    // go-doudou's fork gossips the advertise host as written (DNS names too); hashicorp needs an IP (docs/gossip-wire-format.md#the-go-doudou-fork).
    const advertiseAddr =
      resolved.addrEncoding === 'text' && resolved.advertiseAddr
        ? resolved.advertiseAddr
        : await resolveAdvertiseAddr(resolved.advertiseAddr, resolved.bindAddr);
    node.transport = await NetTransport.listen({
      bindAddr: resolved.bindAddr,
      bindPort: resolved.bindPort,
      tcpTimeoutMs: resolved.tcpTimeoutMs,
      maxInboundStreams: resolved.maxInboundStreams,
      onPacket: (data, from, at) => node.onPacket(data, from, at),
      onStream: (conn) => answerStream(node.streams, conn),
    });
    try {
      const seeds = resolved.seeds.length ? (await resolveSeeds(resolved.seeds)).addresses : [];
      // Same option names on both sides: the core takes the resolved options as they are.
      node.core = new SwimNode({
        ...resolved,
        advertiseAddr,
        advertisePort: resolved.advertisePort ?? node.transport.port,
        seeds,
        packetOverhead: codec.packetOverhead,
        sizeOf: (m) => codec.sizeOf(m),
      });
    } catch (err) {
      await node.transport.close();
      throw err;
    }
    node.core.start(Date.now());
    node.pump();
    return node;
  }

  /** This node as the cluster sees it. */
  get localNode(): MemberInfo {
    return this.core.localNode;
  }

  /** The port UDP and TCP are bound to (useful with bindPort 0). */
  get port(): number {
    return this.transport.port;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Alive and suspect members, self included (memberlist Members()). */
  members(): MemberInfo[] {
    return this.core.members();
  }

  /** Every known node, dead and left ones not yet reaped included. */
  allNodes(): MemberInfo[] {
    return this.core.allNodes();
  }

  stats(): GossipNodeStats {
    return { transport: this.transport.stats, swim: this.core.counters, healthScore: this.core.healthScore };
  }

  /**
   * Push/pull with every address the seeds resolve to (default: options.seeds). Resolves with the number
   * of nodes contacted; rejects with JoinFailedError (code GOSSIP_JOIN_FAILED) when none worked.
   */
  async join(seeds: readonly string[] = this.options.seeds): Promise<number> {
    this.assertRunning();
    const { addresses, failures } = await resolveSeeds(seeds);
    if (addresses.length === 0) {
      throw new JoinFailedError(`no seed could be resolved: ${failures.join('; ') || 'no seeds given'}`);
    }
    const joinId = this.core.join(addresses, Date.now());
    const result = new Promise<number>((resolve, reject) => this.joins.set(joinId, { resolve, reject }));
    this.pump();
    return result;
  }

  /** Broadcast our leave and wait until it has been gossiped (docs/gossip-wire-format.md#leave-and-reaping). Does not stop the node: call shutdown(). */
  async leave(timeoutMs = this.options.leaveTimeoutMs): Promise<void> {
    this.assertRunning();
    this.core.leave(Date.now());
    const done = new Promise<void>((resolve) => this.leaveWaiters.push(resolve));
    this.pump();
    if (this.core.isLeaveComplete()) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      done.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
        timer.unref();
      }),
    ]);
    if (timer) clearTimeout(timer);
    if (timedOut && !this.core.isLeaveComplete()) {
      throw new GossipNodeError('GOSSIP_LEAVE_TIMEOUT', `leave broadcast not fully gossiped within ${timeoutMs} ms`);
    }
  }

  /** Stop everything and release the sockets, without telling anyone (peers will detect us as failed). */
  async shutdown(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.core.shutdown();
    if (this.timer) clearTimeout(this.timer);
    for (const [, w] of this.joins) w.reject(new GossipNodeError('GOSSIP_NOT_RUNNING', 'node shut down during join'));
    this.joins.clear();
    this.leaveWaiters.splice(0).forEach((r) => r());
    for (const q of [...this.queues]) q.end();
    await this.transport.close();
    await Promise.allSettled([...this.pending]);
  }

  /** New metadata (≤ 512 bytes): a higher incarnation is gossiped; peers emit 'update'. */
  updateMeta(meta: Uint8Array | string): void {
    this.assertRunning();
    const bytes = typeof meta === 'string' ? new Uint8Array(Buffer.from(meta, 'utf8')) : meta;
    this.core.updateMeta(bytes, Date.now());
    this.pump();
  }

  /** Send an opaque user message to one member (by name) or address; the receiver emits 'user'. */
  async sendUser(to: string | NodeAddress, payload: Uint8Array, options: SendUserOptions = {}): Promise<void> {
    this.assertRunning();
    const target = typeof to === 'string' ? this.core.allNodes().find((m) => m.name === to) : undefined;
    if (typeof to === 'string' && !target) throw new GossipNodeError('GOSSIP_UNKNOWN_MEMBER', `no member named "${to}"`);
    const addr: NodeAddress = target ? { addr: target.addr, port: target.port } : (to as NodeAddress);
    if (options.reliable) {
      const conn = await this.transport.dial(addr.addr, addr.port);
      try {
        await conn.write(this.codec.encodeStream({ type: 'user', payload }, true));
      } finally {
        conn.end();
      }
      return;
    }
    const crc = target ? target.vsn[1] >= 5 : false;
    for (const datagram of this.codec.encodePacket([{ type: 'user', payload }], crc)) {
      await this.transport.sendPacket(datagram, addr.addr, addr.port);
    }
  }

  /** Queue a user broadcast gossiped to everyone (piggy-backed after memberlist's own messages). */
  broadcastUser(payload: Uint8Array): void {
    this.assertRunning();
    this.core.broadcastUser(payload, Date.now());
    this.pump();
  }

  /** Every event from now on, until shutdown or until the loop breaks. */
  events(): AsyncIterableIterator<GossipEvent> {
    const q = new EventQueue((closed) => this.queues.delete(closed));
    if (this.running) this.queues.add(q);
    else q.end();
    return q;
  }

  private assertRunning(): void {
    if (!this.running) throw new GossipNodeError('GOSSIP_NOT_RUNNING', 'gossip node is shut down');
  }

  /** Drain the core's outputs and re-arm the tick timer. Never throws. */
  private pump(): void {
    if (!this.running) return;
    for (const out of this.core.takeOutputs()) this.handleOutput(out);
    if (this.timer) clearTimeout(this.timer);
    const next = this.core.nextWakeup();
    if (next === undefined) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        if (!this.running) return;
        this.core.tick(Date.now());
        this.pump();
      },
      Math.max(0, next - Date.now()),
    );
    this.timer.unref();
  }

  private handleOutput(out: SwimOutput): void {
    switch (out.kind) {
      case 'packet':
        this.sendPackets(out.messages, out.crc, out.to);
        return;
      case 'pushPull':
        this.track(runPushPull(this.streams, out));
        return;
      case 'streamPing':
        this.track(runStreamPing(this.streams, out));
        return;
      case 'event':
        this.emit(out.type, out.node);
        this.queues.forEach((q) => q.push({ type: out.type, node: out.node }));
        return;
      case 'userMessage':
        this.deliverUser({ payload: out.payload, from: out.from, reliable: false });
        return;
      case 'joinComplete': {
        const w = this.joins.get(out.joinId);
        this.joins.delete(out.joinId);
        if (!w) return;
        if (out.contacted > 0) w.resolve(out.contacted);
        else
          w.reject(
            new JoinFailedError(`failed to join: ${out.errors.map((e) => `${e.to.addr}:${e.to.port}: ${e.error.message}`).join('; ')}`),
          );
        return;
      }
      case 'leaveComplete':
        this.leaveWaiters.splice(0).forEach((r) => r());
        return;
      case 'nameConflict':
        this.emit('conflict', { name: out.name, known: out.known, other: out.other });
        return;
    }
  }

  private deliverUser(message: UserMessageEvent): void {
    this.emit('user', message);
    this.queues.forEach((q) => q.push({ type: 'user', message }));
  }

  private sendPackets(messages: readonly PacketMessage[], crc: boolean, to: NodeAddress): void {
    let datagrams: Uint8Array[];
    try {
      datagrams = this.codec.encodePacket(messages, crc);
    } catch {
      this.transport.counters.sendError();
      return;
    }
    for (const d of datagrams) void this.transport.sendPacket(d, to.addr, to.port);
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private onPacket(data: Buffer, from: PacketSource, at: number): void {
    if (!this.running) return;
    let messages: PacketMessage[];
    try {
      const decoded = this.codec.decodePacket(data);
      messages = decoded.messages;
      // Compound parts cut off or undecodable: the rest of the packet is still used (docs/gossip-wire-format.md#compound); the packet
      // counts once — as 'partial' if something was usable, else under the first part's reason.
      if (messages.length === 0) {
        this.transport.counters.dropPacket(decoded.dropped.length ? dropReason(decoded.dropped[0]) : 'truncated');
        return;
      }
      if (decoded.truncated > 0 || decoded.dropped.length > 0) this.transport.counters.dropPacket('partial');
      for (const part of decoded.dropped) this.transport.counters.dropMessage(dropReason(part));
    } catch (err) {
      this.transport.counters.dropPacket(dropReason(err));
      return;
    }
    for (const msg of messages) this.core.receive({ addr: from.address, port: from.port }, msg, at);
    this.pump();
  }
}
