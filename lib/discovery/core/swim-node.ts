/**
 * SwimNode: the sans-I/O SWIM + Lifeguard core (see types.ts for how a driver uses it). Composes the
 * membership state machine, the prober and the gossip queue, and runs the periodic loops on virtual time:
 * probe (docs/gossip-wire-format.md#failure-detection), gossip (docs/gossip-wire-format.md#gossip-rounds), push/pull (docs/gossip-wire-format.md#push-pull-schedule) and the rejoin loop memberlist lacks.
 */
import type { AliveMessage, NodeAddress, PacketMessage, PingMessage, PushNodeState, UserMessage } from '../wire/messages';
import { Awareness } from './awareness';
import { TransmitLimitedQueue } from './broadcast-queue';
import type { CoreContext } from './context';
import { META_MAX_SIZE, resolveOptions, type ResolvedSwimOptions } from './defaults';
import { MetaTooLargeError } from './errors';
import { JoinTracker } from './join-tracker';
import { emptySwimCounters } from './counters';
import { pushPullScale } from './push-pull-scale';
import { MemberList, isDeadOrLeft, toMemberInfo, toPushNodeState, type NodeRecord } from './member-list';
import { Membership } from './membership';
import { NodeWeights } from './node-weights';
import { Prober } from './prober';
import { RejoinLoop } from './rejoin-loop';
import { kRandom } from './random';
import { COMPOUND_HEADER, COMPOUND_PART, takeBroadcasts } from './piggyback';
import { TimerQueue } from './timer-queue';
import type {
  MemberInfo,
  MembershipCore,
  MergeResult,
  PushPullOutcome,
  PushPullReason,
  PushPullRequest,
  SwimCounters,
  SwimOptions,
  SwimOutput,
} from './types';
import { verifyProtocol } from './versions';

export class SwimNode implements MembershipCore {
  readonly name: string;
  readonly counters: SwimCounters = emptySwimCounters();
  private readonly opts: ResolvedSwimOptions;
  private readonly list: MemberList;
  private readonly timers = new TimerQueue();
  private readonly awareness: Awareness;
  private readonly broadcasts: TransmitLimitedQueue<PacketMessage>;
  private readonly userBroadcasts: TransmitLimitedQueue<UserMessage>;
  private readonly membership: Membership;
  private readonly prober: Prober;
  private outputs: SwimOutput[] = [];
  private started = false;
  private stopped = false;
  private nextRequestId = 0;
  private readonly joins = new JoinTracker();
  private leaveDone = false;
  private readonly rejoinLoop: RejoinLoop;
  private readonly weights: NodeWeights;

  constructor(options: SwimOptions) {
    this.opts = resolveOptions(options);
    this.name = this.opts.name;
    this.list = new MemberList(this.opts.random);
    this.awareness = new Awareness(this.opts.awarenessMaxMultiplier);
    this.broadcasts = new TransmitLimitedQueue(this.opts.retransmitMult, () => this.list.size);
    this.userBroadcasts = new TransmitLimitedQueue(this.opts.retransmitMult, () => this.list.size);
    const ctx: CoreContext = {
      opts: this.opts,
      list: this.list,
      timers: this.timers,
      awareness: this.awareness,
      broadcasts: this.broadcasts,
      counters: this.counters,
      emit: (out) => this.emit(out),
    };
    this.membership = new Membership(ctx);
    this.weights = new NodeWeights(ctx);
    this.prober = new Prober(ctx, this.membership, {
      sendMsg: (to, toNode, msg) => this.sendMsg(to, toNode, msg),
      sendRaw: (to, toNode, messages, crc) => this.emitPacket(to, toNode, messages, crc),
    });
    this.rejoinLoop = new RejoinLoop({
      opts: this.opts,
      list: this.list,
      counters: this.counters,
      requestPushPull: (to, toNode, join, reason) => this.requestPushPull(to, toNode, join, reason),
      selfIncarnation: () => this.localNode.incarnation,
    });
    this.prober.onReaped = (removed) => this.rejoinLoop.rememberReaped(removed);
  }

  get healthScore(): number {
    return this.awareness.score;
  }

  get localNode(): MemberInfo {
    const self = this.list.get(this.name);
    if (self) return toMemberInfo(self);
    const o = this.opts;
    return {
      name: o.name,
      addr: o.advertiseAddr,
      port: o.advertisePort,
      meta: o.meta,
      state: 'alive',
      incarnation: 0,
      vsn: o.vsn,
      stateChangedAt: Number.NEGATIVE_INFINITY,
    };
  }

  /** Resolved options (defaults filled in). */
  get options(): Readonly<ResolvedSwimOptions> {
    return this.opts;
  }

  /** Number of nodes in the list, all states (memberlist estNumNodes). */
  get numNodes(): number {
    return this.list.size;
  }

  /** Queued memberlist broadcasts (tests, metrics). */
  get queuedBroadcasts(): number {
    return this.broadcasts.length;
  }

  /** The running suspicion for a node: confirmations, k, min, max, deadline (tests, metrics). */
  suspicionOf(name: string): { k: number; min: number; max: number; start: number; deadline: number; confirmations: number } | undefined {
    const s = this.membership.suspicionOf(name);
    return s && { k: s.k, min: s.min, max: s.max, start: s.start, deadline: s.deadline, confirmations: s.confirmations };
  }

  start(now: number): void {
    if (this.started) return;
    this.started = true;
    const o = this.opts;
    // Bootstrap: an alive about ourselves with incarnation 1 (docs/gossip-wire-format.md#start-and-join).
    this.membership.alive(this.selfAlive(this.membership.nextIncarnation(), o.meta), now, true);
    const stagger = (interval: number): number => Math.floor(o.random() * interval);
    if (o.probeIntervalMs > 0) this.every(now + stagger(o.probeIntervalMs), o.probeIntervalMs, (t) => this.prober.onTick(t));
    if (o.gossipIntervalMs > 0 && o.gossipNodes > 0) {
      this.every(now + stagger(o.gossipIntervalMs), o.gossipIntervalMs, (t) => this.gossip(t));
    }
    if (o.pushPullIntervalMs > 0) {
      const loop = (t: number): void => {
        this.periodicPushPull(t);
        this.timers.set(t + pushPullScale(o.pushPullIntervalMs, this.list.size), loop);
      };
      const first = now + stagger(o.pushPullIntervalMs);
      this.timers.set(first + pushPullScale(o.pushPullIntervalMs, this.list.size), loop);
    }
    if (o.rejoinIntervalMs > 0) {
      this.every(now + stagger(o.rejoinIntervalMs), o.rejoinIntervalMs, (t) => {
        if (!this.membership.leaving) this.rejoinLoop.run(t);
      });
    }
  }

  /** A ticker on a fixed grid: first at `first`, then every `interval`. */
  private every(first: number, interval: number, fn: (now: number) => void): void {
    const run =
      (at: number) =>
      (now: number): void => {
        this.timers.set(at + interval, run(at + interval));
        fn(now);
      };
    this.timers.set(first, run(first));
  }

  private selfAlive(incarnation: number, meta: Uint8Array): AliveMessage {
    const o = this.opts;
    return {
      type: 'alive',
      incarnation,
      node: o.name,
      addr: o.advertiseAddr,
      port: o.advertisePort,
      meta: meta.length > 0 ? meta : undefined,
      vsn: o.vsn,
    };
  }

  receive(from: NodeAddress, msg: PacketMessage, now: number): void {
    if (this.stopped || !this.started) {
      this.counters.messagesDropped++;
      return;
    }
    switch (msg.type) {
      case 'ping':
        this.prober.handlePing(from, msg);
        break;
      case 'indirectPing':
        this.prober.handleIndirectPing(from, msg, now);
        break;
      case 'ack':
        this.prober.handleAck(msg, now);
        break;
      case 'nack':
        this.prober.handleNack(msg);
        break;
      case 'suspect':
        this.membership.suspect(msg, now);
        break;
      case 'alive':
        // Port 0 means "same as the receiver's" (docs/gossip-wire-format.md#message-bodies).
        this.membership.alive(msg.port === 0 ? { ...msg, port: this.opts.advertisePort } : msg, now);
        break;
      case 'dead':
        this.membership.dead(msg, now);
        break;
      case 'user':
        this.emit({ kind: 'userMessage', from, payload: msg.payload });
        break;
      case 'weight':
        this.weights.receive(msg);
        break;
    }
  }

  tick(now: number): void {
    if (this.stopped) return;
    this.timers.runDue(now);
    // Peers leaving at the same time (a whole deployment stopping) can leave nobody to gossip our own
    // leave to; waiting out the leave timeout would then only delay shutdown.
    if (this.membership.leaving && !this.leaveDone && !this.anyOtherAlive()) this.finishLeave();
  }

  nextWakeup(): number | undefined {
    return this.stopped ? undefined : this.timers.next();
  }

  takeOutputs(): SwimOutput[] {
    const out = this.outputs;
    this.outputs = [];
    return out;
  }

  localState(): PushNodeState[] {
    return this.list.nodes.map(toPushNodeState);
  }

  mergeRemoteState(nodes: readonly PushNodeState[], _join: boolean, now: number): MergeResult {
    const error = verifyProtocol(this.list.nodes, nodes);
    if (error) return { ok: false, error };
    this.membership.merge(nodes, now);
    return { ok: true };
  }

  pushPullResult(request: PushPullRequest, outcome: PushPullOutcome, now: number): void {
    if (outcome.ok) this.counters.pushPulls++;
    if (request.reason === 'join' && request.joinId !== undefined) {
      const completed = this.joins.result(request.joinId, request.to, outcome);
      if (completed) this.emit(completed);
      return;
    }
    if (!this.stopped) this.rejoinLoop.onResult(request, outcome.ok);
    void now;
  }

  streamPingResult(seqNo: number, ok: boolean, now: number): void {
    this.prober.streamPingResult(seqNo, ok, now);
  }

  shouldAnswerPing(ping: PingMessage): boolean {
    return ping.node === '' || ping.node === this.name;
  }

  join(seeds: readonly NodeAddress[], _now: number): number {
    const { joinId, completed } = this.joins.start(seeds.length);
    if (completed) this.emit(completed);
    for (const to of seeds) this.requestPushPull(to, undefined, true, 'join', joinId);
    return joinId;
  }

  leave(now: number): void {
    if (this.membership.leaving || !this.started) return;
    this.membership.leaving = true;
    const self = this.list.get(this.name) as NodeRecord;
    this.membership.dead({ type: 'dead', incarnation: self.incarnation, node: self.name, from: self.name }, now, () => this.finishLeave());
    // Nobody else alive: nothing to wait for (docs/gossip-wire-format.md#leave-and-reaping anyAlive).
    if (!this.anyOtherAlive()) this.finishLeave();
  }

  private finishLeave(): void {
    if (this.leaveDone) return;
    this.leaveDone = true;
    this.emit({ kind: 'leaveComplete' });
  }

  private anyOtherAlive(): boolean {
    return this.list.nodes.some((n) => n.name !== this.name && !isDeadOrLeft(n));
  }

  isLeaveComplete(): boolean {
    return this.leaveDone;
  }

  updateMeta(meta: Uint8Array, now: number): void {
    if (meta.length > META_MAX_SIZE) throw new MetaTooLargeError(meta.length, META_MAX_SIZE);
    if (!this.started) {
      this.opts.meta = meta;
      return;
    }
    this.opts.meta = meta;
    this.membership.alive(this.selfAlive(this.membership.nextIncarnation(), meta), now, true);
  }

  broadcastUser(payload: Uint8Array, _now: number): void {
    const message: UserMessage = { type: 'user', payload };
    this.userBroadcasts.queue({ key: undefined, message, size: payload.length });
  }

  members(): MemberInfo[] {
    return this.list.nodes.filter((n) => !isDeadOrLeft(n)).map(toMemberInfo);
  }

  allNodes(): MemberInfo[] {
    return this.list.nodes.map(toMemberInfo);
  }

  /** One member by name, any state. */
  member(name: string): MemberInfo | undefined {
    const n = this.list.get(name);
    return n && toMemberInfo(n);
  }

  /** Drop every queued broadcast (finishing each). For simulation warm starts; not part of the driver API. */
  clearBroadcasts(): void {
    this.broadcasts.reset();
    this.userBroadcasts.reset();
  }

  shutdown(): void {
    this.stopped = true;
    this.membership.clear();
    this.prober.clear();
    this.timers.clear();
  }

  // ---- sending -------------------------------------------------------------------------------

  private emit(out: SwimOutput): void {
    this.outputs.push(out);
  }

  private emitPacket(to: NodeAddress, toNode: string | undefined, messages: PacketMessage[], crc: boolean): void {
    this.counters.packetsSent++;
    this.counters.messagesSent += messages.length;
    this.emit({ kind: 'packet', to, toNode, messages, crc });
  }

  private getBroadcasts(overhead: number, limit: number): PacketMessage[] {
    return takeBroadcasts(this.broadcasts, this.userBroadcasts, this.opts.sizeOf, overhead, limit);
  }

  /** memberlist sendMsg: piggy-back broadcasts in UDPBufferSize − len(msg) − 2 − framing (docs/gossip-wire-format.md#piggybacking). */
  private sendMsg(to: NodeAddress, toNode: string | undefined, msg: PacketMessage): void {
    const avail = this.opts.udpBufferSize - this.opts.sizeOf(msg) - COMPOUND_HEADER - this.opts.packetOverhead;
    const extra = this.getBroadcasts(COMPOUND_PART, avail);
    this.emitPacket(to, toNode, [msg, ...extra], false);
  }

  // ---- loops ---------------------------------------------------------------------------------

  /** Gossip rounds (docs/gossip-wire-format.md#gossip-rounds): broadcasts to gossipNodes random alive/suspect/recently-dead nodes. */
  private gossip(now: number): void {
    const o = this.opts;
    const targets = kRandom(o.random, o.gossipNodes, this.list.nodes, (n) => {
      if (n.name === o.name) return false;
      if (n.state === 'alive' || n.state === 'suspect') return true;
      return n.state === 'dead' && now - n.stateChange <= o.deadTimeoutMs;
    });
    const avail = o.udpBufferSize - COMPOUND_HEADER - o.packetOverhead;
    for (const n of targets) {
      const msgs = this.getBroadcasts(COMPOUND_PART, avail);
      if (msgs.length === 0) return;
      this.emitPacket({ addr: n.addr, port: n.port }, n.name, msgs, n.vsn[1] >= 5);
    }
  }

  /** Push/pull schedule (docs/gossip-wire-format.md#push-pull-schedule): anti-entropy with one random alive node. */
  private periodicPushPull(_now: number): void {
    const [peer] = kRandom(this.opts.random, 1, this.list.nodes, (n) => n.name !== this.name && n.state === 'alive');
    if (peer) this.requestPushPull({ addr: peer.addr, port: peer.port }, peer.name, false, 'periodic');
  }

  private requestPushPull(
    to: NodeAddress,
    toNode: string | undefined,
    join: boolean,
    reason: PushPullReason,
    joinId?: number,
  ): PushPullRequest {
    const req: PushPullRequest = { kind: 'pushPull', id: ++this.nextRequestId, to, toNode, join, reason, joinId };
    this.emit(req);
    return req;
  }
}
