/**
 * memberlist messages as plain objects (docs/gossip-wire-format.md#message-bodies). Field names are camelCase here;
 * the codec maps them to Go's PascalCase msgpack keys. Addresses are IP text ('127.0.0.1', '::1');
 * the codec turns them into the 4- or 16-byte form Go expects. Byte fields are Uint8Array.
 * Shared contract between the codec (lib/discovery/wire) and the protocol core (lib/discovery/core).
 */

/** Message type bytes, fixed forever by memberlist ("only append"). */
export const MessageType = {
  ping: 0,
  indirectPing: 1,
  ack: 2,
  suspect: 3,
  alive: 4,
  dead: 5,
  pushPull: 6,
  compound: 7,
  user: 8,
  compress: 9,
  encrypt: 10,
  nack: 11,
  hasCrc: 12,
  err: 13,
  /** go-doudou's memberlist fork only (docs/gossip-wire-format.md#weight-messages). */
  weight: 14,
  hasLabel: 244,
} as const;

/** Node states as numbered on the wire (pushNodeState.State). */
export const NodeStateCode = { alive: 0, suspect: 1, dead: 2, left: 3 } as const;
export type NodeState = keyof typeof NodeStateCode;

/** [pMin, pMax, pCur, dMin, dMax, dCur]; always exactly 6 bytes on the wire (docs/gossip-wire-format.md#versions-and-metadata). */
export type VersionVector = readonly [number, number, number, number, number, number];

export interface PingMessage {
  type: 'ping';
  seqNo: number;
  /** Name of the node the sender thinks it pings; '' = anyone. */
  node: string;
  sourceAddr?: string;
  sourcePort?: number;
  sourceNode?: string;
}

export interface IndirectPingMessage {
  type: 'indirectPing';
  seqNo: number;
  target: string;
  port: number;
  node: string;
  nack: boolean;
  sourceAddr?: string;
  sourcePort?: number;
  sourceNode?: string;
}

export interface AckMessage {
  type: 'ack';
  seqNo: number;
  payload?: Uint8Array;
}

export interface NackMessage {
  type: 'nack';
  seqNo: number;
}

export interface SuspectMessage {
  type: 'suspect';
  incarnation: number;
  node: string;
  from: string;
}

export interface AliveMessage {
  type: 'alive';
  incarnation: number;
  node: string;
  addr: string;
  port: number;
  meta?: Uint8Array;
  vsn: VersionVector;
}

export interface DeadMessage {
  type: 'dead';
  incarnation: number;
  node: string;
  /** node === from means a voluntary leave. */
  from: string;
}

/**
 * go-doudou's weight message (type 14, its memberlist fork only; docs/gossip-wire-format.md#weight-messages):
 * `node`'s dynamic weight, computed at `weightAt` (Unix ms). Decoded only in the `text` address mode.
 */
export interface WeightMessage {
  type: 'weight';
  from: string;
  incarnation: number;
  node: string;
  weight: number;
  weightAt: number;
}

/** UDP user message: type byte 8 + raw payload. */
export interface UserMessage {
  type: 'user';
  payload: Uint8Array;
}

export interface ErrMessage {
  type: 'err';
  error: string;
}

/** One entry of a push/pull exchange (TCP). */
export interface PushNodeState {
  name: string;
  addr: string;
  port: number;
  meta?: Uint8Array;
  incarnation: number;
  state: NodeState;
  vsn: VersionVector;
}

/** A whole push/pull message (TCP only): header + node states + raw delegate state. */
export interface PushPullMessage {
  type: 'pushPull';
  join: boolean;
  nodes: PushNodeState[];
  userState?: Uint8Array;
}

/** Messages that travel as UDP packets (possibly inside compound/compress/CRC/encryption). */
export type PacketMessage =
  PingMessage | IndirectPingMessage | AckMessage | NackMessage | SuspectMessage | AliveMessage | DeadMessage | UserMessage | WeightMessage;

/** Messages that travel as one TCP stream message. */
export type StreamMessage = PingMessage | AckMessage | PushPullMessage | UserMessage | ErrMessage;

export type Message = PacketMessage | PushPullMessage | ErrMessage;

/** Where a node listens for gossip. */
export interface NodeAddress {
  addr: string;
  port: number;
}
