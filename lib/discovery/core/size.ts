/**
 * Encoded size of a message (type byte included) following memberlist's msgpack layout (docs/gossip-wire-format.md#encoding-conventions, docs/gossip-wire-format.md#message-bodies):
 * a map with Go field names as fixstr keys, strings and byte fields in the raw family, omitempty Source*.
 * Used for packet budgets until/unless the codec's encodedSize is injected through SwimOptions.sizeOf.
 */
import type { PacketMessage } from '../wire/messages';

function rawLen(n: number): number {
  return n < 32 ? 1 + n : n < 65536 ? 3 + n : 5 + n;
}
function strLen(s: string): number {
  return rawLen(Buffer.byteLength(s, 'utf8'));
}
function uintLen(v: number): number {
  return v < 128 ? 1 : v < 256 ? 2 : v < 65536 ? 3 : 5;
}
/** go-msgpack v1.1.5's signed forms (MsgpackWriter.signed). */
function signedLen(v: number): number {
  if (v >= 0) return v < 128 ? 1 : v < 0x8000 ? 3 : v < 0x80000000 ? 5 : 9;
  return v >= -32 ? 1 : v >= -0x80 ? 2 : v >= -0x8000 ? 3 : v >= -0x80000000 ? 5 : 9;
}
/** IPv4 travels as 4 bytes, IPv6 as 16 (docs/gossip-wire-format.md#message-bodies alive.Addr). */
function addrLen(a: string): number {
  return rawLen(a.includes(':') && !/^::ffff:\d/i.test(a) ? 16 : 4);
}
/** A fixstr map key: 1 header byte + the name. */
function key(name: string): number {
  return 1 + name.length;
}
function source(m: { sourceAddr?: string; sourcePort?: number; sourceNode?: string }): number {
  let n = 0;
  if (m.sourceAddr) n += key('SourceAddr') + addrLen(m.sourceAddr);
  if (m.sourceNode) n += key('SourceNode') + strLen(m.sourceNode);
  if (m.sourcePort) n += key('SourcePort') + uintLen(m.sourcePort);
  return n;
}

export function estimateSize(m: PacketMessage): number {
  const head = 2; // type byte + fixmap header
  switch (m.type) {
    case 'ping':
      return head + key('Node') + strLen(m.node) + key('SeqNo') + uintLen(m.seqNo) + source(m);
    case 'indirectPing':
      return (
        head +
        key('Nack') +
        1 +
        key('Node') +
        strLen(m.node) +
        key('Port') +
        uintLen(m.port) +
        key('SeqNo') +
        uintLen(m.seqNo) +
        key('Target') +
        addrLen(m.target) +
        source(m)
      );
    case 'ack':
      return head + key('Payload') + (m.payload ? rawLen(m.payload.length) : 1) + key('SeqNo') + uintLen(m.seqNo);
    case 'nack':
      return head + key('SeqNo') + uintLen(m.seqNo);
    case 'suspect':
    case 'dead':
      return head + key('From') + strLen(m.from) + key('Incarnation') + uintLen(m.incarnation) + key('Node') + strLen(m.node);
    case 'alive':
      return (
        head +
        key('Addr') +
        addrLen(m.addr) +
        key('Incarnation') +
        uintLen(m.incarnation) +
        key('Meta') +
        (m.meta && m.meta.length > 0 ? rawLen(m.meta.length) : 1) +
        key('Node') +
        strLen(m.node) +
        key('Port') +
        uintLen(m.port) +
        key('Vsn') +
        rawLen(6)
      );
    case 'user':
      return 1 + m.payload.length;
    case 'weight':
      return (
        head +
        key('From') +
        strLen(m.from) +
        key('Incarnation') +
        uintLen(m.incarnation) +
        key('Node') +
        strLen(m.node) +
        key('Weight') +
        signedLen(m.weight) +
        key('WeightAt') +
        signedLen(m.weightAt)
      );
  }
}
