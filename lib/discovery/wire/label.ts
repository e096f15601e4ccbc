/**
 * The label header (memberlist ≥ v0.3.0, docs/gossip-wire-format.md#labels): `[244][len u8, 1..255][label]`.
 * Outermost prefix of every UDP packet; on TCP written once by the dialer. An empty label means no
 * header. Never send a label to Debian 0.2.2 peers: they drop type 244 as unknown.
 */
import { WireDecodeError, WireEncodeError } from './errors';
import { MessageType } from './messages';

const utf8Enc = new TextEncoder();
const utf8Dec = new TextDecoder('utf-8');

/** The label's bytes (AAD contribution, docs/gossip-wire-format.md#encryption); throws BAD_LABEL when longer than 255 bytes. */
export function labelBytes(label: string | undefined): Uint8Array {
  const b = utf8Enc.encode(label ?? '');
  if (b.length > 255) throw new WireEncodeError('BAD_LABEL', `label is ${b.length} bytes; at most 255`);
  return b;
}

/** The header to put in front (empty for no label). */
export function labelHeader(label: string | undefined): Uint8Array {
  const b = labelBytes(label);
  if (b.length === 0) return b;
  const out = new Uint8Array(2 + b.length);
  out[0] = MessageType.hasLabel;
  out[1] = b.length;
  out.set(b, 2);
  return out;
}

/** Bytes the header adds: 0 without a label, else 2 + length (docs/gossip-wire-format.md#sizes-and-limits). */
export function labelOverhead(label: string | undefined): number {
  const n = labelBytes(label).length;
  return n === 0 ? 0 : 2 + n;
}

export interface LabelSplit {
  /** '' when the packet has no header. */
  label: string;
  /** The bytes after the header. */
  rest: Uint8Array;
  /** Bytes the header took (0 without header). */
  headerLength: number;
}

/**
 * Splits an optional label header off the front of `buf`. Throws BAD_LABEL for a zero-length label,
 * and TRUNCATED (with `needed`) when the header is cut — a stream caller waits for more bytes.
 */
export function splitLabelHeader(buf: Uint8Array): LabelSplit {
  if (buf.length === 0 || buf[0] !== MessageType.hasLabel) return { label: '', rest: buf, headerLength: 0 };
  if (buf.length < 2) throw new WireDecodeError('TRUNCATED', 'label header cut short', { needed: 2 });
  const n = buf[1];
  if (n < 1) throw new WireDecodeError('BAD_LABEL', 'label header cannot be empty when present');
  if (buf.length < 2 + n) throw new WireDecodeError('TRUNCATED', 'label header cut short', { needed: 2 + n });
  return { label: utf8Dec.decode(buf.subarray(2, 2 + n)), rest: buf.subarray(2 + n), headerLength: 2 + n };
}
