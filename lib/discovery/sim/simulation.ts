/**
 * A deterministic in-process network for SwimNode cores: a virtual clock and event queue, a seeded PRNG,
 * latency, UDP loss, partitions, crash and restart. Push/pull exchanges call localState()/mergeRemoteState()
 * on both sides; optionally every message round-trips through the real wire codec. Same seed → same trace.
 */
import { estimateSize } from '../core/size';
import { SwimNode } from '../core/swim-node';
import { mulberry32 } from '../core/random';
import { TimerQueue, type TimerHandle } from '../core/timer-queue';
import type { MembershipEventType, SwimOptions, SwimOutput } from '../core/types';
import { GossipNodeError } from '../node-errors';
import { TransportError } from '../transport/errors';
import { decodeMessage, encodeMessage } from '../wire/message-codec';
import type { NodeAddress, PacketMessage } from '../wire/messages';
import { NetworkModel, addressKey, uniformLatency, type LatencyModel } from './network-model';

export interface SimulationOptions {
  seed: number;
  /** One-way latency; default uniform 1–3 ms. */
  latency?: LatencyModel;
  /** UDP loss probability, default 0. */
  loss?: number;
  /** Options every node gets (name/address/random are set by the simulation). Simulated clusters use the `lan` profile unless these say otherwise. */
  node?: Partial<SwimOptions>;
  /** Round-trip each message through encodeMessage/decodeMessage (slower; catches codec mismatches). */
  codec?: boolean;
  /** How long a push/pull into a partition takes to fail (TCP timeout), default 10 000 ms. */
  tcpTimeout?: number;
  /** Keep a text trace of every event and delivery (for determinism checks). */
  trace?: boolean;
  /** Keep every membership event in `events` (default true; benchmarks turn it off and use onEvent). */
  recordEvents?: boolean;
}

/** A membership event as seen by one observer. */
export interface ObservedEvent {
  readonly at: number;
  readonly observer: string;
  readonly type: MembershipEventType;
  readonly subject: string;
  readonly incarnation: number;
}

export interface SimNode {
  readonly name: string;
  readonly address: NodeAddress;
  core: SwimNode;
  up: boolean;
  bytesSent: number;
  packetsSent: number;
  /** Virtual time the current process started. */
  startedAt: number;
  wake?: TimerHandle;
}

export class Simulation {
  now = 0;
  readonly network: NetworkModel;
  readonly events: ObservedEvent[] = [];
  readonly trace: string[] = [];
  private readonly queue = new TimerQueue();
  private readonly random: () => number;
  private readonly nodes = new Map<string, SimNode>();
  private readonly byAddress = new Map<string, SimNode>();
  private readonly tcpTimeout: number;
  private nodeCount = 0;
  /** While true, membership events are not recorded (warm starts). */
  private quiet = false;
  /** Called for every membership event (benchmarks hook in here). */
  onEvent: (e: ObservedEvent) => void = () => undefined;

  constructor(private readonly options: SimulationOptions) {
    this.random = mulberry32(options.seed);
    this.network = new NetworkModel(options.latency ?? uniformLatency(1, 3), options.loss ?? 0);
    this.tcpTimeout = options.tcpTimeout ?? 10_000;
  }

  /** Create and start a node (not joined). Addresses are 10.x.y.z:7946, unique per node. */
  addNode(name: string, overrides: Partial<SwimOptions> = {}, address?: NodeAddress): SimNode {
    const i = ++this.nodeCount;
    const addr = address ?? { addr: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, port: 7946 };
    const sim: SimNode = {
      name,
      address: addr,
      core: this.makeCore(name, addr, overrides),
      up: true,
      bytesSent: 0,
      packetsSent: 0,
      startedAt: this.now,
    };
    this.nodes.set(name, sim);
    this.byAddress.set(addressKey(addr), sim);
    sim.core.start(this.now);
    this.flush(sim);
    return sim;
  }

  private makeCore(name: string, addr: NodeAddress, overrides: Partial<SwimOptions>): SwimNode {
    // Each node gets its own stream derived from the simulation's PRNG: deterministic per seed.
    const nodeSeed = Math.floor(this.random() * 2 ** 32);
    return new SwimNode({
      sizeOf: estimateSize,
      profile: 'lan',
      ...this.options.node,
      ...overrides,
      name,
      advertiseAddr: addr.addr,
      advertisePort: addr.port,
      random: mulberry32(nodeSeed),
    });
  }

  node(name: string): SimNode {
    const n = this.nodes.get(name);
    if (!n) throw new GossipNodeError('GOSSIP_UNKNOWN_MEMBER', `no simulated node ${name}`);
    return n;
  }

  get all(): SimNode[] {
    return [...this.nodes.values()];
  }

  join(name: string, seeds: readonly string[]): void {
    const n = this.node(name);
    n.core.join(
      seeds.map((s) => this.node(s).address),
      this.now,
    );
    this.flush(n);
  }

  leave(name: string): void {
    const n = this.node(name);
    n.core.leave(this.now);
    this.flush(n);
  }

  /** Stop a node without telling anyone (process crash). */
  crash(name: string): void {
    const n = this.node(name);
    n.core.shutdown();
    n.up = false;
    this.queue.cancel(n.wake);
    n.wake = undefined;
  }

  /** Start a fresh process for a crashed node (new incarnation counter), optionally at a new address, and join. */
  restart(name: string, seeds: readonly string[], address?: NodeAddress, overrides: Partial<SwimOptions> = {}): SimNode {
    const old = this.node(name);
    if (old.up) this.crash(name);
    const addr = address ?? old.address;
    this.byAddress.delete(addressKey(old.address));
    const sim: SimNode = {
      name,
      address: addr,
      core: this.makeCore(name, addr, overrides),
      up: true,
      bytesSent: old.bytesSent,
      packetsSent: old.packetsSent,
      startedAt: this.now,
    };
    this.nodes.set(name, sim);
    this.byAddress.set(addressKey(addr), sim);
    sim.core.start(this.now);
    this.flush(sim);
    if (seeds.length > 0) this.join(name, seeds);
    return sim;
  }

  /**
   * Warm start for large clusters: every running node learns every other running node as alive through a
   * push/pull merge, then forgets the resulting broadcasts and events — a converged cluster without the
   * join burst. Membership afterwards is exactly what gossip would have converged to.
   */
  preconverge(): void {
    const up = this.all.filter((n) => n.up);
    const selfStates = up.map((n) => n.core.localState().find((s) => s.name === n.name)).filter((s) => s !== undefined);
    this.quiet = true;
    for (const n of up) {
      n.core.mergeRemoteState(selfStates, false, this.now);
      n.core.clearBroadcasts();
      n.core.takeOutputs();
      this.flush(n);
    }
    this.quiet = false;
  }

  partition(a: Iterable<string>, b: Iterable<string>, from: number, until: number): void {
    this.network.addPartition(a, b, from, until);
  }

  /** Schedule an action at a virtual time. */
  at(time: number, fn: () => void): void {
    this.queue.set(time, () => fn());
  }

  /** Advance virtual time to `until`, processing everything due. */
  runUntil(until: number): void {
    for (;;) {
      const next = this.queue.next();
      if (next === undefined || next > until) break;
      this.now = Math.max(this.now, next);
      this.queue.runDue(next);
    }
    this.now = Math.max(this.now, until);
  }

  runFor(ms: number): void {
    this.runUntil(this.now + ms);
  }

  /** Run until `done()` holds (checked every `step` ms) or `deadline`; returns the time it held, or undefined. */
  runUntilTrue(done: () => boolean, deadline: number, step = 100): number | undefined {
    while (this.now < deadline) {
      if (done()) return this.now;
      this.runUntil(Math.min(deadline, this.now + step));
    }
    return done() ? this.now : undefined;
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private log(line: string): void {
    if (this.options.trace) this.trace.push(`${this.now.toFixed(3)} ${line}`);
  }

  /** Drain a node's outputs into the network and re-arm its wake-up. */
  private flush(n: SimNode): void {
    if (!n.up) return;
    for (const out of n.core.takeOutputs()) this.handleOutput(n, out);
    const w = n.core.nextWakeup();
    if (w === undefined) return;
    if (n.wake && !n.wake.cancelled && n.wake.at <= w) return;
    this.queue.cancel(n.wake);
    const core = n.core;
    n.wake = this.queue.set(Math.max(w, this.now), () => {
      n.wake = undefined;
      if (!n.up || n.core !== core) return;
      core.tick(this.now);
      this.flush(n);
    });
  }

  private handleOutput(n: SimNode, out: SwimOutput): void {
    switch (out.kind) {
      case 'packet':
        this.sendPacket(n, out.to, out.messages, out.crc);
        break;
      case 'pushPull':
        this.pushPull(n, out.to, out.join, (ok, error) => {
          n.core.pushPullResult(
            out,
            ok ? { ok: true } : { ok: false, error: error ?? new TransportError('CONNECT_FAILED', 'push/pull failed') },
            this.now,
          );
        });
        break;
      case 'streamPing': {
        const dest = this.byAddress.get(addressKey(out.to));
        const reachable = dest?.up && !this.network.separated(n.name, dest.name, this.now);
        const rtt = this.latency(n.name, dest?.name ?? '?') * 2;
        const ok = !!reachable && !!dest && dest.core.shouldAnswerPing(out.ping);
        const when = ok || !dest?.up ? this.now + rtt : out.deadline;
        const core = n.core;
        this.queue.set(Math.min(when, out.deadline), () => {
          if (!n.up || n.core !== core) return;
          core.streamPingResult(out.ping.seqNo, ok, this.now);
          this.flush(n);
        });
        break;
      }
      case 'event':
        this.log(`${n.name} event ${out.type} ${out.node.name}#${out.node.incarnation}`);
        this.record({ at: this.now, observer: n.name, type: out.type, subject: out.node.name, incarnation: out.node.incarnation });
        break;
      case 'userMessage':
      case 'joinComplete':
      case 'leaveComplete':
        this.log(`${n.name} ${out.kind}`);
        break;
    }
  }

  private record(e: ObservedEvent): void {
    if (this.quiet) return;
    if (this.options.recordEvents !== false) this.events.push(e);
    this.onEvent(e);
  }

  private latency(from: string, to: string): number {
    return this.network.latency(from, to, this.random);
  }

  private packetBytes(messages: PacketMessage[], crc: boolean): number {
    const sizes = messages.map((m) => estimateSize(m));
    const body = sizes.length === 1 ? sizes[0] : 2 + sizes.reduce((s, x) => s + 2 + x, 0);
    return body + (crc ? 5 : 0);
  }

  private sendPacket(n: SimNode, to: NodeAddress, messages: PacketMessage[], crc: boolean): void {
    n.packetsSent++;
    n.bytesSent += this.packetBytes(messages, crc);
    if (this.random() < this.network.loss) return;
    const dest = this.byAddress.get(addressKey(to));
    if (!dest || this.network.separated(n.name, dest.name, this.now)) return;
    const payload = this.options.codec ? messages.map((m) => decodeMessage(encodeMessage(m)) as PacketMessage) : messages;
    const core = dest.core;
    const from = n.address;
    this.queue.set(this.now + this.latency(n.name, dest.name), () => {
      if (!dest.up || dest.core !== core) return;
      this.log(`${dest.name} <- ${n.name} ${payload.map((m) => m.type).join(',')}`);
      for (const m of payload) core.receive(from, m, this.now);
      this.flush(dest);
    });
  }

  /** A TCP push/pull: initiator state → responder (answers with its state, then merges) → initiator merges. */
  private pushPull(n: SimNode, to: NodeAddress, join: boolean, done: (ok: boolean, error?: Error) => void): void {
    const dest = this.byAddress.get(addressKey(to));
    const initiator = n.core;
    const finish = (at: number, ok: boolean, error?: Error): void => {
      this.queue.set(at, () => {
        if (!n.up || n.core !== initiator) return;
        done(ok, error);
        this.flush(n);
      });
    };
    if (!dest || !dest.up) {
      finish(this.now + this.latency(n.name, dest?.name ?? '?') * 2, false, new TransportError('CONNECT_FAILED', 'connection refused'));
      return;
    }
    if (this.network.separated(n.name, dest.name, this.now)) {
      finish(this.now + this.tcpTimeout, false, new TransportError('TIMEOUT', 'i/o timeout'));
      return;
    }
    const sent = initiator.localState();
    const responder = dest.core;
    this.queue.set(this.now + this.latency(n.name, dest.name), () => {
      if (!dest.up || dest.core !== responder) return;
      const answer = responder.localState();
      responder.mergeRemoteState(sent, join, this.now);
      this.log(`${dest.name} merged push/pull from ${n.name}`);
      this.flush(dest);
      this.queue.set(this.now + this.latency(dest.name, n.name), () => {
        if (!n.up || n.core !== initiator) return;
        const r = initiator.mergeRemoteState(answer, join, this.now);
        this.log(`${n.name} merged push/pull answer from ${dest.name}`);
        done(r.ok, r.ok ? undefined : r.error);
        this.flush(n);
      });
    });
  }
}
