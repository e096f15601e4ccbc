/**
 * Public interface of the sans-I/O SWIM + Lifeguard core (docs/architecture.md#the-packet-path;
 * behaviour: docs/gossip-wire-format.md). The core owns no socket, timer or clock.
 *
 * How a driver uses it:
 *
 * ```ts
 * const core = new SwimNode({ name, advertiseAddr, advertisePort, meta, profile: 'lan', random: Math.random,
 *                             sizeOf: encodedSize });
 * core.start(Date.now());
 * core.join(seeds, Date.now());           // emits pushPull requests with join = true
 * loop:
 *   for (const out of core.takeOutputs()) switch (out.kind) {
 *     case 'packet':     encode out.messages (one → bare, several → compound), CRC if out.crc, send UDP to out.to
 *     case 'pushPull':   dial out.to over TCP, send { join: out.join, nodes: core.localState() }, read the answer,
 *                        r = core.mergeRemoteState(answer.nodes, answer.join, now);
 *                        core.pushPullResult(out, r.ok ? { ok: true } : r, now)   // or { ok: false, error } on I/O error
 *     case 'streamPing': TCP ping (docs/gossip-wire-format.md#tcp-fallback-ping) with out.ping, deadline out.deadline;
 *                        core.streamPingResult(out.ping.seqNo, gotMatchingAck, now)   // always report, by the deadline
 *     case 'event' | 'userMessage' | 'joinComplete' | 'leaveComplete': hand to the application
 *   }
 *   on UDP datagram:  decode, split compounds, core.receive(srcAddr, msg, now) for each message
 *   on incoming TCP push/pull: reply { join: req.join, nodes: core.localState() }, then core.mergeRemoteState(req.nodes, req.join, now)
 *   on incoming TCP ping: answer { type: 'ack', seqNo } if core.shouldAnswerPing(ping)
 *   timer: setTimeout(() => core.tick(Date.now()), core.nextWakeup() - Date.now())   // re-arm after every call
 * ```
 * After every input call (start, receive, tick, join, leave, updateMeta, merge, results) drain `takeOutputs()`
 * and re-arm the timer from `nextWakeup()`.
 */
import type { DelegateVersion } from '../../config/types';
import type { GossipProfile, GossipTimings } from '../../config/gossip-options';
import type { NodeAddress, NodeState, PacketMessage, PingMessage, PushNodeState, VersionVector } from '../wire/messages';

/** Which base configuration unset options come from; the table is lib/config/gossip-options.ts. */
export type SwimProfile = GossipProfile;

/**
 * The core's options, named as GossipNodeOptions and MemConfig name them (one scheme, durations end in Ms).
 * Unset fields come from `profile` (default 'go-doudou') and the common defaults of the one options table
 * (docs/gossip-wire-format.md#default-profiles).
 */
export interface SwimOptions extends Partial<GossipTimings> {
  /** Unique node name (memberlist Config.Name). */
  name: string;
  /** IP text other nodes use to reach us ('10.0.0.1'); the codec turns it into bytes. */
  advertiseAddr: string;
  advertisePort: number;
  /** Delegate metadata, at most 512 bytes (docs/gossip-wire-format.md#versions-and-metadata) — larger throws MetaTooLargeError. */
  meta?: Uint8Array;
  profile?: GossipProfile;
  /** pCur in Vsn = [1, 5, pCur, dMin, dMax, dCur]; 2 by default (docs/gossip-wire-format.md#versions-and-metadata). Range 1…5. */
  protocolVersion?: number;
  /** Delegate versions [dMin, dMax, dCur]; 0,0,0 by default (go-doudou), serf uses 2,5,5. */
  delegateVersion?: DelegateVersion;
  /** Lifeguard AwarenessMaxMultiplier: health score is clamped to [0, awarenessMaxMultiplier − 1]. */
  awarenessMaxMultiplier?: number;
  /** Byte budget for a UDP packet's piggybacked content (docs/gossip-wire-format.md#sizes-and-limits). */
  udpBufferSize?: number;
  /** Bytes every packet loses to label + encryption framing (docs/gossip-wire-format.md#sizes-and-limits: label 2+len, encryption 29 or 45). */
  packetOverhead?: number;
  /** TCP fallback ping to peers with PMax ≥ 3 (memberlist !DisableTcpPings). Default true. */
  tcpPings?: boolean;
  /**
   * Healing loop memberlist lacks (after a 25 s partition plain memberlist stays split,
   * docs/gossip-wire-format.md#start-and-join): every rejoinIntervalMs, push/pull with a few recently dead
   * (not left) members and with seeds that are not alive members. 0 disables. Default 10 000.
   */
  rejoinIntervalMs?: number;
  /** How many peers one rejoin round contacts at most. Default 3. */
  rejoinMaxPeers?: number;
  /** How long a dead member stays a rejoin candidate. Default 10 × deadTimeoutMs. */
  rejoinWindowMs?: number;
  /** Addresses to retry in the rejoin loop when they are not alive members (usually the join seeds). */
  seeds?: readonly NodeAddress[];
  /**
   * Lifeguard on (default) or off (plain SWIM, for comparison): off = no health score scaling, no nacks,
   * fixed suspicion timeout (min, no confirmations), no suspect piggy-backed on probes of suspect nodes.
   */
  lifeguard?: boolean;
  /** Uniform random in [0, 1); inject a seeded one for simulation. Default Math.random. */
  random?: () => number;
  /** Encoded size of one message including its type byte (the codec's encodedSize). */
  sizeOf?: (msg: PacketMessage) => number;
}

/** A member as the application sees it. `meta` is empty when the node has none. */
export interface MemberInfo {
  readonly name: string;
  readonly addr: string;
  readonly port: number;
  readonly meta: Uint8Array;
  readonly state: NodeState;
  readonly incarnation: number;
  readonly vsn: VersionVector;
  /** `now` at the last state change (ms). */
  readonly stateChangedAt: number;
  /** The weight a go-doudou node gossips in type-14 messages (text address mode), once one arrived. */
  readonly gossipedWeight?: number;
  /** When that weight was computed (the sender's Unix ms). */
  readonly gossipedWeightAt?: number;
}

/**
 * join: a node became alive (new, or back from dead/left); update: meta changed; suspect: alive → suspect;
 * alive: suspect → alive (refuted); leave: left voluntarily; dead: declared failed; weight: a go-doudou node
 * gossiped a newer weight (MemberInfo.gossipedWeight).
 */
export type MembershipEventType = 'join' | 'update' | 'suspect' | 'alive' | 'leave' | 'dead' | 'weight';

export interface MembershipEvent {
  readonly kind: 'event';
  readonly type: MembershipEventType;
  readonly node: MemberInfo;
}

/** Send one UDP packet: one message bare, several as a compound (primary first, then piggy-backed). */
export interface PacketOutput {
  readonly kind: 'packet';
  readonly to: NodeAddress;
  /** Name of the destination node when known. */
  readonly toNode?: string;
  readonly messages: PacketMessage[];
  /** Prepend the CRC header (docs/gossip-wire-format.md#crc): gossip to a known node whose PMax ≥ 5. */
  readonly crc: boolean;
}

export type PushPullReason = 'join' | 'periodic' | 'rejoin';

/** Do a TCP push/pull with `to` (docs/gossip-wire-format.md#push-pull) and report with pushPullResult(this, …). */
export interface PushPullRequest {
  readonly kind: 'pushPull';
  /** Unique per core; identifies the request in pushPullResult. */
  readonly id: number;
  readonly to: NodeAddress;
  readonly toNode?: string;
  readonly join: boolean;
  readonly reason: PushPullReason;
  /** Set for reason 'join': the join() call this belongs to. */
  readonly joinId?: number;
}

/** TCP fallback ping (docs/gossip-wire-format.md#tcp-fallback-ping); report with streamPingResult(ping.seqNo, ok, now) by `deadline`. */
export interface StreamPingRequest {
  readonly kind: 'streamPing';
  readonly to: NodeAddress;
  readonly toNode: string;
  readonly ping: PingMessage;
  readonly deadline: number;
}

/** A UDP user message (type 8) arrived. */
export interface UserMessageOutput {
  readonly kind: 'userMessage';
  readonly from: NodeAddress;
  readonly payload: Uint8Array;
}

/** Every push/pull of one join() call has been reported. Failed when `contacted` is 0 (Go's Join error). */
export interface JoinCompleteOutput {
  readonly kind: 'joinComplete';
  readonly joinId: number;
  readonly contacted: number;
  readonly errors: ReadonlyArray<{ readonly to: NodeAddress; readonly error: Error }>;
}

/** The leave broadcast went out its full retransmit count, or nobody else is alive (docs/gossip-wire-format.md#leave-and-reaping). */
export interface LeaveCompleteOutput {
  readonly kind: 'leaveComplete';
}

/**
 * An alive message for a live member's name from another address (memberlist's "Conflicting address"):
 * two nodes use one name, and neither sees the other. `name` may be this node's own.
 */
export interface NameConflictOutput {
  readonly kind: 'nameConflict';
  readonly name: string;
  /** The address the member list keeps for the name. */
  readonly known: NodeAddress;
  /** The other node claiming it. */
  readonly other: NodeAddress;
}

export type SwimOutput =
  | PacketOutput
  | PushPullRequest
  | StreamPingRequest
  | MembershipEvent
  | UserMessageOutput
  | JoinCompleteOutput
  | LeaveCompleteOutput
  | NameConflictOutput;

export type PushPullOutcome = { readonly ok: true } | { readonly ok: false; readonly error: Error };
export type MergeResult = { readonly ok: true } | { readonly ok: false; readonly error: Error };

/** Counters for metrics and benchmarks. */
export interface SwimCounters {
  packetsSent: number;
  messagesSent: number;
  probes: number;
  probesFailed: number;
  indirectPingsRelayed: number;
  nacksSent: number;
  refutations: number;
  suspicions: number;
  /** Nodes this node itself declared dead (its suspicion timer expired). */
  deathsDeclared: number;
  pushPulls: number;
  rejoinAttempts: number;
  messagesDropped: number;
  /** go-doudou weight messages taken (newer weight of an alive node) and ignored (stale, unknown, not alive, ours). */
  weightsApplied: number;
  weightsIgnored: number;
}

/** The operations a driver (real sockets) or the simulator calls. Implemented by SwimNode. */
export interface MembershipCore {
  readonly name: string;
  /** Lifeguard local health score, 0 = healthy (docs/gossip-wire-format.md#local-health). */
  readonly healthScore: number;
  readonly localNode: MemberInfo;
  readonly counters: Readonly<SwimCounters>;
  /** Bootstrap alive about ourselves (incarnation 1) and start the periodic loops with a random stagger. */
  start(now: number): void;
  /** One decoded message (compounds already split) from the UDP source address `from`. */
  receive(from: NodeAddress, msg: PacketMessage, now: number): void;
  /** Run everything due at `now`. Call at nextWakeup(). */
  tick(now: number): void;
  /** Earliest time tick() has work, or undefined when nothing is scheduled (not started / shut down). */
  nextWakeup(): number | undefined;
  /** Drain outputs produced since the last call, in order. */
  takeOutputs(): SwimOutput[];
  /** Every node we know, self included, dead and left ones too (for answering/sending push/pull). */
  localState(): PushNodeState[];
  /** Merge a remote push/pull state (docs/gossip-wire-format.md#push-pull); runs verifyProtocol (docs/gossip-wire-format.md#versions-and-metadata) first and rejects the whole merge on failure. */
  mergeRemoteState(nodes: readonly PushNodeState[], join: boolean, now: number): MergeResult;
  /** Report the outcome of a PushPullRequest this core emitted. */
  pushPullResult(request: PushPullRequest, outcome: PushPullOutcome, now: number): void;
  /** Report the TCP fallback ping outcome (true = matching ack received). */
  streamPingResult(seqNo: number, ok: boolean, now: number): void;
  /** Whether a (UDP or TCP) ping is for us: its `node` is empty or our name. */
  shouldAnswerPing(ping: PingMessage): boolean;
  /** Push/pull with each seed (join = true); returns the joinId reported in joinComplete. */
  join(seeds: readonly NodeAddress[], now: number): number;
  /** Broadcast dead-about-self; leaveComplete follows when it has been transmitted (docs/gossip-wire-format.md#leave-and-reaping). */
  leave(now: number): void;
  isLeaveComplete(): boolean;
  /** New meta: incarnation + 1 and an alive broadcast (UpdateNode). Throws MetaTooLargeError above 512 bytes. */
  updateMeta(meta: Uint8Array, now: number): void;
  /** Queue a user broadcast (delegate broadcast, docs/gossip-wire-format.md#broadcast-queue), sent as type 8 after memberlist's own. */
  broadcastUser(payload: Uint8Array, now: number): void;
  /** Members that are alive or suspect (memberlist Members()). */
  members(): MemberInfo[];
  /** Every known node including dead and left ones not yet reaped. */
  allNodes(): MemberInfo[];
  /** Stop all loops; nextWakeup() becomes undefined. Does not tell anyone (use leave first). */
  shutdown(): void;
}
