/**
 * Encoding half of the message codec (see message-codec.ts): a map keyed by the Go field names in
 * alphabetical order, raw strings for strings and byte fields, c0 for nil byte fields, omitempty
 * fields left out, Vsn as 6 raw bytes — byte for byte what go-msgpack writes (docs/gossip-wire-format.md#encoding-conventions, docs/gossip-wire-format.md#message-bodies).
 */
import { AddressEncoding, CodecOptions, encodeAddress } from './address';
import { WireEncodeError } from './errors';
import { Message, MessageType, NodeStateCode, PacketMessage, PushNodeState, StreamMessage, VersionVector } from './messages';
import { MsgpackWriter, writeKey } from './msgpack-writer';

const U8 = 0xff;
const U16 = 0xffff;
const U32 = 0xffffffff;

function writeVsn(w: MsgpackWriter, vsn: VersionVector): void {
  if (vsn.length !== 6) throw new WireEncodeError('BAD_VALUE', 'Vsn must have exactly 6 entries');
  const b = new Uint8Array(6);
  for (let i = 0; i < 6; i++) {
    const v = vsn[i];
    if (!Number.isInteger(v) || v < 0 || v > U8) throw new WireEncodeError('BAD_VALUE', `Vsn entry ${v} is not a byte`);
    b[i] = v;
  }
  w.raw(b);
}

function writeAddr(w: MsgpackWriter, addr: string, enc: AddressEncoding): void {
  w.rawOrNil(encodeAddress(addr, enc));
}

/** Writes ping/indirectPing's omitempty Source* fields in alphabetical order. Returns nothing. */
function countSource(m: { sourceAddr?: string; sourcePort?: number; sourceNode?: string }): number {
  return (m.sourceAddr ? 1 : 0) + (m.sourceNode ? 1 : 0) + (m.sourcePort ? 1 : 0);
}

function writeSource(w: MsgpackWriter, m: { sourceAddr?: string; sourcePort?: number; sourceNode?: string }, enc: AddressEncoding): void {
  if (m.sourceAddr) {
    writeKey(w, 'SourceAddr');
    writeAddr(w, m.sourceAddr, enc);
  }
  if (m.sourceNode) {
    writeKey(w, 'SourceNode');
    w.str(m.sourceNode);
  }
  if (m.sourcePort) {
    writeKey(w, 'SourcePort');
    w.uint(m.sourcePort, U16);
  }
}

/** Writes one pushNodeState map (docs/gossip-wire-format.md#message-bodies): Addr, Incarnation, Meta, Name, Port, State, Vsn. */
export function writePushNodeState(w: MsgpackWriter, n: PushNodeState, enc: AddressEncoding = 'ip-bytes'): void {
  const code = NodeStateCode[n.state];
  if (code === undefined) throw new WireEncodeError('BAD_VALUE', `unknown node state '${String(n.state)}'`);
  w.mapHeader(7);
  writeKey(w, 'Addr');
  writeAddr(w, n.addr, enc);
  writeKey(w, 'Incarnation');
  w.uint(n.incarnation, U32);
  writeKey(w, 'Meta');
  w.rawOrNil(n.meta);
  writeKey(w, 'Name');
  w.str(n.name);
  writeKey(w, 'Port');
  w.uint(n.port, U16);
  writeKey(w, 'State');
  w.int(code);
  writeKey(w, 'Vsn');
  writeVsn(w, n.vsn);
}

function writeBody(w: MsgpackWriter, msg: Message, enc: AddressEncoding): void {
  switch (msg.type) {
    case 'ping':
      w.mapHeader(2 + countSource(msg));
      writeKey(w, 'Node');
      w.str(msg.node);
      writeKey(w, 'SeqNo');
      w.uint(msg.seqNo, U32);
      writeSource(w, msg, enc);
      return;
    case 'indirectPing':
      w.mapHeader(5 + countSource(msg));
      writeKey(w, 'Nack');
      w.bool(msg.nack);
      writeKey(w, 'Node');
      w.str(msg.node);
      writeKey(w, 'Port');
      w.uint(msg.port, U16);
      writeKey(w, 'SeqNo');
      w.uint(msg.seqNo, U32);
      writeSource(w, msg, enc);
      writeKey(w, 'Target');
      writeAddr(w, msg.target, enc);
      return;
    case 'ack':
      w.mapHeader(2);
      writeKey(w, 'Payload');
      w.rawOrNil(msg.payload);
      writeKey(w, 'SeqNo');
      w.uint(msg.seqNo, U32);
      return;
    case 'nack':
      w.mapHeader(1);
      writeKey(w, 'SeqNo');
      w.uint(msg.seqNo, U32);
      return;
    case 'suspect':
    case 'dead':
      w.mapHeader(3);
      writeKey(w, 'From');
      w.str(msg.from);
      writeKey(w, 'Incarnation');
      w.uint(msg.incarnation, U32);
      writeKey(w, 'Node');
      w.str(msg.node);
      return;
    case 'alive':
      w.mapHeader(6);
      writeKey(w, 'Addr');
      writeAddr(w, msg.addr, enc);
      writeKey(w, 'Incarnation');
      w.uint(msg.incarnation, U32);
      writeKey(w, 'Meta');
      w.rawOrNil(msg.meta);
      writeKey(w, 'Node');
      w.str(msg.node);
      writeKey(w, 'Port');
      w.uint(msg.port, U16);
      writeKey(w, 'Vsn');
      writeVsn(w, msg.vsn);
      return;
    case 'user':
      w.bytes(msg.payload);
      return;
    case 'weight':
      w.mapHeader(5);
      writeKey(w, 'From');
      w.str(msg.from);
      writeKey(w, 'Incarnation');
      w.uint(msg.incarnation, U32);
      writeKey(w, 'Node');
      w.str(msg.node);
      writeKey(w, 'Weight');
      w.signed(msg.weight);
      writeKey(w, 'WeightAt');
      w.signed(msg.weightAt);
      return;
    case 'err':
      w.mapHeader(1);
      writeKey(w, 'Error');
      w.str(msg.error);
      return;
    case 'pushPull': {
      const userState = msg.userState ?? new Uint8Array(0);
      w.mapHeader(3);
      writeKey(w, 'Join');
      w.bool(msg.join);
      writeKey(w, 'Nodes');
      w.int(msg.nodes.length);
      writeKey(w, 'UserStateLen');
      w.int(userState.length);
      for (const n of msg.nodes) writePushNodeState(w, n, enc);
      w.bytes(userState);
      return;
    }
    default: {
      const never: never = msg;
      throw new WireEncodeError('BAD_VALUE', `unknown message ${JSON.stringify(never)}`);
    }
  }
}

/** Encodes one message: type byte + body (docs/gossip-wire-format.md#message-types). `user` is the UDP form (raw payload). */
export function encodeMessage(msg: PacketMessage | StreamMessage | Message, opts: CodecOptions = {}): Uint8Array {
  const w = new MsgpackWriter(msg.type === 'pushPull' ? 256 + msg.nodes.length * 96 : 96);
  w.byte(MessageType[msg.type]);
  writeBody(w, msg, opts.addrEncoding ?? 'ip-bytes');
  return w.finish();
}

/** Exact length of encodeMessage(msg) — what the broadcast queue charges against the packet budget (docs/gossip-wire-format.md#broadcast-queue). */
export function encodedSize(msg: PacketMessage | StreamMessage | Message, opts: CodecOptions = {}): number {
  return encodeMessage(msg, opts).length;
}
