/**
 * Decoding half of the message codec (see message-codec.ts): tolerant like go-msgpack (any key order,
 * unknown keys skipped, missing keys → zero values, every int width, str/bin/array for bytes) but strict
 * where state would be corrupted: Vsn exactly 6 bytes (docs/gossip-wire-format.md#versions-and-metadata), addresses 4 or 16 bytes, unsigned in range.
 */
import { AddressEncoding, CodecOptions, decodeAddress } from './address';
import { WireDecodeError } from './errors';
import {
  AckMessage,
  AliveMessage,
  DeadMessage,
  ErrMessage,
  IndirectPingMessage,
  Message,
  MessageType,
  NackMessage,
  NodeState,
  PingMessage,
  PushNodeState,
  PushPullMessage,
  SuspectMessage,
  VersionVector,
  WeightMessage,
} from './messages';
import { MsgpackReader } from './msgpack-reader';

const U16 = 0xffff;
const U32 = 0xffffffff;

const stateNames: readonly NodeState[] = ['alive', 'suspect', 'dead', 'left'];

function readVsn(r: MsgpackReader): VersionVector {
  const b = r.readBytesOrNil();
  if (b === undefined || b.length !== 6) {
    throw new WireDecodeError('BAD_VALUE', `Vsn must be 6 bytes, got ${b === undefined ? 'nil' : b.length}`);
  }
  return [b[0], b[1], b[2], b[3], b[4], b[5]];
}

/** A plain Uint8Array copy (even from a Buffer, whose slice() is a view), so decoded messages never pin the receive buffer. */
function copyOrNil(b: Uint8Array | undefined): Uint8Array | undefined {
  return b === undefined ? undefined : new Uint8Array(b);
}

/** Iterates a struct map, handing each key to `field`; unknown keys (field returns false) are skipped. */
export function readStruct(r: MsgpackReader, field: (key: string) => boolean): void {
  const n = r.readMapHeader();
  for (let i = 0; i < n; i++) {
    const key = r.readKey();
    if (!field(key)) r.skip();
  }
}

interface SourceFields {
  sourceAddr?: string;
  sourcePort?: number;
  sourceNode?: string;
}

function readSourceField(r: MsgpackReader, key: string, into: SourceFields, enc: AddressEncoding): boolean {
  switch (key) {
    case 'SourceAddr': {
      const a = decodeAddress(r.readBytesOrNil(), enc);
      if (a !== '') into.sourceAddr = a;
      else delete into.sourceAddr;
      return true;
    }
    case 'SourcePort': {
      const p = r.readUint(U16);
      if (p !== 0) into.sourcePort = p;
      else delete into.sourcePort;
      return true;
    }
    case 'SourceNode': {
      const s = r.readString();
      if (s !== '') into.sourceNode = s;
      else delete into.sourceNode;
      return true;
    }
    default:
      return false;
  }
}

/** Reads one pushNodeState map (docs/gossip-wire-format.md#message-bodies). */
export function readPushNodeState(r: MsgpackReader, enc: AddressEncoding = 'ip-bytes'): PushNodeState {
  const n: PushNodeState = { name: '', addr: '', port: 0, incarnation: 0, state: 'alive', vsn: [0, 0, 0, 0, 0, 0] };
  let sawVsn = false;
  readStruct(r, (key) => {
    switch (key) {
      case 'Name':
        n.name = r.readString();
        return true;
      case 'Addr':
        n.addr = decodeAddress(r.readBytesOrNil(), enc);
        return true;
      case 'Port':
        n.port = r.readUint(U16);
        return true;
      case 'Meta': {
        const m = copyOrNil(r.readBytesOrNil());
        if (m !== undefined) n.meta = m;
        else delete n.meta;
        return true;
      }
      case 'Incarnation':
        n.incarnation = r.readUint(U32);
        return true;
      case 'State': {
        const s = r.readInt();
        const name = stateNames[s];
        if (name === undefined) throw new WireDecodeError('BAD_VALUE', `unknown node state ${s}`);
        n.state = name;
        return true;
      }
      case 'Vsn':
        n.vsn = readVsn(r);
        sawVsn = true;
        return true;
      default:
        return false;
    }
  });
  if (!sawVsn) throw new WireDecodeError('BAD_VALUE', `push/pull entry for '${n.name}' has no Vsn`);
  return n;
}

export interface PushPullHeader {
  join: boolean;
  nodes: number;
  userStateLen: number;
}

/** Reads the pushPullHeader map (docs/gossip-wire-format.md#message-bodies); counts are returned unchecked against caps (the caller bounds them). */
export function readPushPullHeader(r: MsgpackReader): PushPullHeader {
  const h: PushPullHeader = { join: false, nodes: 0, userStateLen: 0 };
  readStruct(r, (key) => {
    switch (key) {
      case 'Join':
        h.join = r.readBool();
        return true;
      case 'Nodes':
        h.nodes = r.readInt();
        return true;
      case 'UserStateLen':
        h.userStateLen = r.readInt();
        return true;
      default:
        return false;
    }
  });
  if (h.nodes < 0 || h.userStateLen < 0) throw new WireDecodeError('BAD_VALUE', 'negative push/pull count');
  return h;
}

/** Reads the userMsgHeader map of a TCP user message (docs/gossip-wire-format.md#user-messages). */
export function readUserMsgLen(r: MsgpackReader): number {
  let len = 0;
  readStruct(r, (key) => {
    if (key !== 'UserMsgLen') return false;
    len = r.readInt();
    return true;
  });
  if (len < 0) throw new WireDecodeError('BAD_VALUE', 'negative UserMsgLen');
  return len;
}

function readSeqNoOnly(r: MsgpackReader): number {
  let seqNo = 0;
  readStruct(r, (key) => {
    if (key !== 'SeqNo') return false;
    seqNo = r.readUint(U32);
    return true;
  });
  return seqNo;
}

function readBody(type: number, r: MsgpackReader, enc: AddressEncoding): Message {
  switch (type) {
    case MessageType.ping: {
      const m: PingMessage = { type: 'ping', seqNo: 0, node: '' };
      readStruct(r, (key) => {
        if (key === 'SeqNo') m.seqNo = r.readUint(U32);
        else if (key === 'Node') m.node = r.readString();
        else return readSourceField(r, key, m, enc);
        return true;
      });
      return m;
    }
    case MessageType.indirectPing: {
      const m: IndirectPingMessage = { type: 'indirectPing', seqNo: 0, target: '', port: 0, node: '', nack: false };
      readStruct(r, (key) => {
        if (key === 'SeqNo') m.seqNo = r.readUint(U32);
        else if (key === 'Target') m.target = decodeAddress(r.readBytesOrNil(), enc);
        else if (key === 'Port') m.port = r.readUint(U16);
        else if (key === 'Node') m.node = r.readString();
        else if (key === 'Nack') m.nack = r.readBool();
        else return readSourceField(r, key, m, enc);
        return true;
      });
      return m;
    }
    case MessageType.ack: {
      const m: AckMessage = { type: 'ack', seqNo: 0 };
      readStruct(r, (key) => {
        if (key === 'SeqNo') m.seqNo = r.readUint(U32);
        else if (key === 'Payload') {
          const p = copyOrNil(r.readBytesOrNil());
          if (p !== undefined) m.payload = p;
          else delete m.payload;
        } else return false;
        return true;
      });
      return m;
    }
    case MessageType.nack: {
      const m: NackMessage = { type: 'nack', seqNo: readSeqNoOnly(r) };
      return m;
    }
    case MessageType.suspect:
    case MessageType.dead: {
      const m: SuspectMessage | DeadMessage = {
        type: type === MessageType.suspect ? 'suspect' : 'dead',
        incarnation: 0,
        node: '',
        from: '',
      };
      readStruct(r, (key) => {
        if (key === 'Incarnation') m.incarnation = r.readUint(U32);
        else if (key === 'Node') m.node = r.readString();
        else if (key === 'From') m.from = r.readString();
        else return false;
        return true;
      });
      return m;
    }
    case MessageType.alive: {
      const m: AliveMessage = { type: 'alive', incarnation: 0, node: '', addr: '', port: 0, vsn: [0, 0, 0, 0, 0, 0] };
      let sawVsn = false;
      readStruct(r, (key) => {
        if (key === 'Incarnation') m.incarnation = r.readUint(U32);
        else if (key === 'Node') m.node = r.readString();
        else if (key === 'Addr') m.addr = decodeAddress(r.readBytesOrNil(), enc);
        else if (key === 'Port') m.port = r.readUint(U16);
        else if (key === 'Meta') {
          const meta = copyOrNil(r.readBytesOrNil());
          if (meta !== undefined) m.meta = meta;
          else delete m.meta;
        } else if (key === 'Vsn') {
          m.vsn = readVsn(r);
          sawVsn = true;
        } else return false;
        return true;
      });
      if (!sawVsn) throw new WireDecodeError('BAD_VALUE', `alive for '${m.node}' has no Vsn`);
      return m;
    }
    case MessageType.user:
      return { type: 'user', payload: new Uint8Array(r.rawBytes(r.remaining)) };
    case MessageType.err: {
      const m: ErrMessage = { type: 'err', error: '' };
      readStruct(r, (key) => {
        if (key !== 'Error') return false;
        m.error = r.readString();
        return true;
      });
      return m;
    }
    case MessageType.pushPull:
      return readPushPull(r, enc);
    case MessageType.weight:
      // Stock memberlist (and so a node in ip-bytes mode) drops type 14 as unknown.
      if (enc !== 'text') throw new WireDecodeError('UNKNOWN_MESSAGE', 'message type 14 (go-doudou weight) outside text address mode');
      return readWeight(r);
    default:
      throw new WireDecodeError('UNKNOWN_MESSAGE', `message type ${type} is not a plain message`);
  }
}

/** go-doudou's weight message; any malformed field makes the whole message BAD_WEIGHT_MESSAGE. */
function readWeight(r: MsgpackReader): WeightMessage {
  const m: WeightMessage = { type: 'weight', from: '', incarnation: 0, node: '', weight: 0, weightAt: 0 };
  try {
    readStruct(r, (key) => {
      if (key === 'From') m.from = r.readString();
      else if (key === 'Incarnation') m.incarnation = r.readUint(U32);
      else if (key === 'Node') m.node = r.readString();
      else if (key === 'Weight') m.weight = r.readInt();
      else if (key === 'WeightAt') m.weightAt = r.readInt();
      else return false;
      return true;
    });
  } catch (e) {
    if (!(e instanceof WireDecodeError)) throw e;
    throw new WireDecodeError('BAD_WEIGHT_MESSAGE', `weight message: ${e.message}`);
  }
  if (m.node === '') throw new WireDecodeError('BAD_WEIGHT_MESSAGE', 'weight message names no node');
  return m;
}

/** A whole, already buffered push/pull message body. Counts are bounded by the remaining input. */
function readPushPull(r: MsgpackReader, enc: AddressEncoding): PushPullMessage {
  const h = readPushPullHeader(r);
  // Every node state is a map of ≥ 1 byte: a count beyond the input is a lie, refuse before looping.
  if (h.nodes > r.remaining) throw new WireDecodeError('TRUNCATED', `push/pull claims ${h.nodes} nodes`, { needed: r.pos + h.nodes });
  const nodes: PushNodeState[] = [];
  for (let i = 0; i < h.nodes; i++) nodes.push(readPushNodeState(r, enc));
  const m: PushPullMessage = { type: 'pushPull', join: h.join, nodes };
  if (h.userStateLen > 0) m.userState = new Uint8Array(r.rawBytes(h.userStateLen));
  return m;
}

/**
 * Decodes one message (type byte + body). Trailing bytes after a msgpack body are ignored, like Go.
 * Throws WireDecodeError (UNKNOWN_MESSAGE for layer types 7/9/10/12/244 and unknown types).
 */
export function decodeMessage(buf: Uint8Array, opts: CodecOptions = {}): Message {
  if (buf.length === 0) throw new WireDecodeError('TRUNCATED', 'missing message type byte');
  const r = new MsgpackReader(buf, 1);
  return readBody(buf[0], r, opts.addrEncoding ?? 'ip-bytes');
}

/** Decodes the body of a message whose type byte the caller already consumed (used by the stream reader). */
export function decodeBody(type: number, r: MsgpackReader, opts: CodecOptions = {}): Message {
  return readBody(type, r, opts.addrEncoding ?? 'ip-bytes');
}
