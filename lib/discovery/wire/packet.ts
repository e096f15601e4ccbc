/**
 * UDP packets: messages ↔ datagrams with memberlist's layers (docs/gossip-wire-format.md#udp-packets).
 *
 * Sending, in Go's order: several messages → compound(s) of ≤ 255 parts (one message goes bare) →
 * LZW compress only if strictly smaller → hasCrc (12) when asked (only for peers with PMax ≥ 5, docs/gossip-wire-format.md#crc)
 * → AES-GCM with the primary key (AAD = label) → label header outermost.
 *
 *   encodePacket(messages, opts): Uint8Array[]        one datagram per ≤ 255 messages
 *   encodePacketParts(encodedMessages, opts)          same, for messages already encoded (broadcast queue)
 *   decodePacket(buf, opts): DecodedPacket            label → decrypt → CRC → compound/compress, recursive
 *   estimatePacketOverhead(opts)                      label + encryption bytes a budget must reserve (docs/gossip-wire-format.md#sizes-and-limits)
 *
 * Receiving throws WireDecodeError for a packet that must be dropped as a whole (label, decryption,
 * CRC, a malformed single message). Inside a compound each part stands alone, as in Go: good parts
 * are returned, bad ones are listed in `dropped`, cut-off ones counted in `truncated`.
 */
import { compoundOverhead, decodeCompound, encodeCompounds } from './compound';
import { readCompressed, encodeCompress } from './compress';
import { crc32 } from './crc';
import { decryptPayload, encryptPayload, encryptionOverhead, encryptionVersionFor } from './encryption';
import { WireDecodeError } from './errors';
import type { Keyring } from './keyring';
import { labelBytes, labelHeader, labelOverhead, splitLabelHeader } from './label';
import { DEFAULT_MAX_DECOMPRESSED } from './lzw';
import { CodecOptions, decodeMessage, encodeMessage } from './message-codec';
import { MessageType, PacketMessage } from './messages';
import { MsgpackReader } from './msgpack-reader';

/** memberlist's default UDPBufferSize: the byte budget of a gossip packet (docs/gossip-wire-format.md#sizes-and-limits). */
export const DEFAULT_UDP_BUFFER_SIZE = 1400;
/** Bound on compound/compress nesting in one packet (Go's own packets nest at most 2 deep). */
export const MAX_PACKET_DEPTH = 8;

export interface PacketEncodeOptions extends CodecOptions {
  /** Prepend hasCrc (12). Only for peers advertising PMax ≥ 5 (docs/gossip-wire-format.md#crc). Default false. */
  crc?: boolean;
  /** Try LZW and keep it only if strictly smaller (docs/gossip-wire-format.md#udp-packets). Default false. */
  compress?: boolean;
  /** Cluster label (memberlist ≥ v0.3.0); never set one towards 0.2.2 peers. Default none. */
  label?: string;
  /** Encrypt with the keyring's primary key. Default none (plaintext). */
  keyring?: Keyring;
  /** Our speaking protocol version: 1 → encryption v0 (padded), else v1 (docs/gossip-wire-format.md#encryption). Default 2. */
  protocolVersion?: number;
}

export interface PacketDecodeOptions extends CodecOptions {
  /** Our configured label; '' / undefined = none. Packets whose label differs are refused. */
  label?: string;
  /** Decrypt with these keys (every key is tried). */
  keyring?: Keyring;
  /** With a keyring: refuse plaintext (default true). false = use undecryptable packets as plaintext. */
  verifyIncoming?: boolean;
  /** An outer layer already stripped labels: treat packets as carrying ours, refuse a second header. */
  skipInboundLabelCheck?: boolean;
  /** Cap on the total decompressed bytes of one packet. Default 16 MiB. */
  maxDecompressed?: number;
}

export interface DecodedPacket {
  messages: PacketMessage[];
  /** Compound parts announced but cut off by the end of the datagram. */
  truncated: number;
  /** Compound parts that failed to decode (the others are still returned). */
  dropped: WireDecodeError[];
}

/** Applies compress / CRC / encryption / label to one encoded message or compound. */
export function wrapPacket(message: Uint8Array, opts: PacketEncodeOptions = {}): Uint8Array {
  let buf = message;
  if (opts.compress) {
    const c = encodeCompress(buf);
    if (c.length < buf.length) buf = c;
  }
  if (opts.crc) {
    const withCrc = new Uint8Array(5 + buf.length);
    withCrc[0] = MessageType.hasCrc;
    new DataView(withCrc.buffer).setUint32(1, crc32(buf));
    withCrc.set(buf, 5);
    buf = withCrc;
  }
  if (opts.keyring) {
    buf = encryptPayload(encryptionVersionFor(opts.protocolVersion), opts.keyring.primaryKey(), buf, labelBytes(opts.label));
  }
  const header = labelHeader(opts.label);
  if (header.length > 0) {
    const out = new Uint8Array(header.length + buf.length);
    out.set(header);
    out.set(buf, header.length);
    buf = out;
  }
  return buf;
}

/** Datagrams for already-encoded messages: one bare, several as compound(s) of ≤ 255. */
export function encodePacketParts(parts: readonly Uint8Array[], opts: PacketEncodeOptions = {}): Uint8Array[] {
  if (parts.length === 0) return [];
  if (parts.length === 1) return [wrapPacket(parts[0], opts)];
  return encodeCompounds(parts).map((c) => wrapPacket(c, opts));
}

/** Datagrams for messages: one bare, several as compound(s) of ≤ 255. */
export function encodePacket(messages: readonly PacketMessage[], opts: PacketEncodeOptions = {}): Uint8Array[] {
  return encodePacketParts(
    messages.map((m) => encodeMessage(m, opts)),
    opts,
  );
}

/**
 * Bytes a packet budget must reserve for the label header and encryption (docs/gossip-wire-format.md#sizes-and-limits, docs/gossip-wire-format.md#gossip-rounds):
 * budget for piggybacked parts = UDPBufferSize − estimatePacketOverhead − compoundOverhead(n).
 * (Go sends the 5 CRC bytes beyond the budget; compression is only used when it shrinks.)
 */
export function estimatePacketOverhead(opts: { label?: string; keyring?: Keyring; protocolVersion?: number } = {}): number {
  const enc = opts.keyring ? encryptionOverhead(encryptionVersionFor(opts.protocolVersion)) : 0;
  return labelOverhead(opts.label) + enc;
}

export { compoundOverhead };

const PACKET_TYPES = new Set<number>([
  MessageType.ping,
  MessageType.indirectPing,
  MessageType.ack,
  MessageType.nack,
  MessageType.suspect,
  MessageType.alive,
  MessageType.dead,
  MessageType.user,
  MessageType.weight,
]);

/** Receives one datagram (docs/gossip-wire-format.md#udp-packets). Throws WireDecodeError when the whole packet must be dropped. */
export function decodePacket(buf: Uint8Array, opts: PacketDecodeOptions = {}): DecodedPacket {
  const configured = opts.label ?? '';
  let split;
  try {
    split = splitLabelHeader(buf);
  } catch (e) {
    if (e instanceof WireDecodeError && e.code === 'TRUNCATED') throw new WireDecodeError('BAD_LABEL', e.message);
    throw e;
  }
  let label = split.label;
  if (opts.skipInboundLabelCheck) {
    if (split.headerLength > 0) throw new WireDecodeError('LABEL_MISMATCH', 'unexpected double packet label header');
    label = configured;
  }
  if (label !== configured) {
    throw new WireDecodeError('LABEL_MISMATCH', `packet label '${label}' differs from ours '${configured}'`);
  }
  let body = split.rest;

  if (opts.keyring) {
    try {
      body = decryptPayload(opts.keyring, body, labelBytes(label));
    } catch (e) {
      if (opts.verifyIncoming !== false) throw e;
      // Rolling key introduction: undecryptable packets are taken as plaintext (docs/gossip-wire-format.md#encryption).
    }
  }

  if (body.length >= 5 && body[0] === MessageType.hasCrc) {
    const expected = ((body[1] << 24) | (body[2] << 16) | (body[3] << 8) | body[4]) >>> 0;
    const inner = body.subarray(5);
    if (crc32(inner) !== expected) throw new WireDecodeError('BAD_CRC', 'packet checksum mismatch');
    body = inner;
  }

  const out: DecodedPacket = { messages: [], truncated: 0, dropped: [] };
  const budget = { left: opts.maxDecompressed ?? DEFAULT_MAX_DECOMPRESSED };
  dispatch(body, 0, out, opts, budget);
  return out;
}

function dispatch(buf: Uint8Array, depth: number, out: DecodedPacket, opts: CodecOptions, budget: { left: number }): void {
  if (depth > MAX_PACKET_DEPTH) throw new WireDecodeError('TOO_DEEP', 'packet layers nested too deep');
  if (buf.length === 0) throw new WireDecodeError('TRUNCATED', 'missing message type byte');
  const type = buf[0];
  if (type === MessageType.compound) {
    const { parts, truncated } = decodeCompound(buf.subarray(1));
    out.truncated += truncated;
    for (const part of parts) {
      try {
        dispatch(part, depth + 1, out, opts, budget);
      } catch (e) {
        if (!(e instanceof WireDecodeError)) throw e;
        out.dropped.push(e);
      }
    }
    return;
  }
  if (type === MessageType.compress) {
    const inner = readCompressed(new MsgpackReader(buf, 1), budget.left);
    budget.left -= inner.length;
    dispatch(inner, depth + 1, out, opts, budget);
    return;
  }
  if (!PACKET_TYPES.has(type)) throw new WireDecodeError('UNKNOWN_MESSAGE', `message type ${type} is not handled on UDP`);
  out.messages.push(decodeMessage(buf, opts) as PacketMessage);
}
