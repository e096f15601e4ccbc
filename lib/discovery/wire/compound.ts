/**
 * The compound message (7): `[7][count u8][count × u16 BE length][messages…]` (docs/gossip-wire-format.md#compound).
 * At most 255 parts; longer lists are split into several compounds (as memberlist ≥ v0.3.2 does).
 */
import { WireDecodeError, WireEncodeError } from './errors';
import { MessageType } from './messages';

export const MAX_COMPOUND_PARTS = 255;

/** Bytes a compound of n parts adds around them: type + count + 2 per part (docs/gossip-wire-format.md#sizes-and-limits). */
export function compoundOverhead(parts: number): number {
  return 2 + 2 * parts;
}

/** One compound of 1..255 encoded messages (each ≤ 65 535 bytes). */
export function encodeCompound(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 0 || parts.length > MAX_COMPOUND_PARTS) {
    throw new WireEncodeError('BAD_VALUE', `a compound holds 1..255 parts, got ${parts.length}`);
  }
  let total = compoundOverhead(parts.length);
  for (const p of parts) {
    if (p.length > 0xffff) throw new WireEncodeError('TOO_LARGE', `compound part of ${p.length} bytes exceeds 65535`);
    total += p.length;
  }
  const out = new Uint8Array(total);
  out[0] = MessageType.compound;
  out[1] = parts.length;
  let off = 2;
  for (const p of parts) {
    out[off++] = p.length >>> 8;
    out[off++] = p.length & 0xff;
  }
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Compounds of at most 255 parts each, in order. */
export function encodeCompounds(parts: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < parts.length; i += MAX_COMPOUND_PARTS) out.push(encodeCompound(parts.slice(i, i + MAX_COMPOUND_PARTS)));
  return out;
}

export interface CompoundParts {
  parts: Uint8Array[];
  /** Parts announced but cut off by the end of the buffer (Go processes the rest and counts these). */
  truncated: number;
}

/** Splits a compound body (the bytes after the type byte 7). Views into `body`, no copies. */
export function decodeCompound(body: Uint8Array): CompoundParts {
  if (body.length < 1) throw new WireDecodeError('TRUNCATED', 'missing compound length byte');
  const n = body[0];
  if (body.length < 1 + 2 * n) throw new WireDecodeError('TRUNCATED', 'truncated compound length slice');
  const parts: Uint8Array[] = [];
  let off = 1 + 2 * n;
  for (let i = 0; i < n; i++) {
    const len = (body[1 + 2 * i] << 8) | body[2 + 2 * i];
    if (body.length - off < len) return { parts, truncated: n - i };
    parts.push(body.subarray(off, off + len));
    off += len;
  }
  return { parts, truncated: 0 };
}
