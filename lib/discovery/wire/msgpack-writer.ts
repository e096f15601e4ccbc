/**
 * A msgpack writer that emits what go-msgpack's default handle emits for memberlist structs
 * (docs/gossip-wire-format.md#encoding-conventions): the legacy "raw" family (fixstr a0–bf, raw16 da, raw32 db) for strings AND
 * byte slices — never str8 (d9) nor bin (c4–c6), which memberlist 0.2.2's codec would still read but
 * which would break byte-for-byte equality with Go —, nil (c0) for nil byte slices, the smallest
 * unsigned form for non-negative integers (what go-msgpack 0.5.x does for signed fields as well).
 */
import { WireEncodeError } from './errors';

const utf8 = new TextEncoder();

export class MsgpackWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(initialCapacity = 128) {
    this.buf = new Uint8Array(initialCapacity);
  }

  get length(): number {
    return this.len;
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): this {
    this.ensure(1);
    this.buf[this.len++] = b & 0xff;
    return this;
  }

  u16(v: number): this {
    this.ensure(2);
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  u32(v: number): this {
    this.ensure(4);
    this.buf[this.len++] = (v >>> 24) & 0xff;
    this.buf[this.len++] = (v >>> 16) & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  /** Appends bytes verbatim (no msgpack header): raw user state, nested messages. */
  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  mapHeader(n: number): this {
    if (n < 16) return this.byte(0x80 | n);
    if (n < 0x10000) return this.byte(0xde).u16(n);
    return this.byte(0xdf).u32(n);
  }

  nil(): this {
    return this.byte(0xc0);
  }

  bool(v: boolean): this {
    return this.byte(v ? 0xc3 : 0xc2);
  }

  /** A raw-family header + bytes (Go's encoding of both string and []byte). */
  raw(b: Uint8Array): this {
    const n = b.length;
    if (n < 32) this.byte(0xa0 | n);
    else if (n < 0x10000) this.byte(0xda).u16(n);
    else if (n <= 0xffffffff) this.byte(0xdb).u32(n);
    else throw new WireEncodeError('TOO_LARGE', 'byte string too long for msgpack');
    return this.bytes(b);
  }

  /** A nil-able byte slice: undefined → c0 (Go's nil slice), otherwise raw. */
  rawOrNil(b: Uint8Array | undefined): this {
    return b === undefined ? this.nil() : this.raw(b);
  }

  str(s: string): this {
    return this.raw(utf8.encode(s));
  }

  /** Non-negative integer in the smallest unsigned form; negative in the smallest signed form. */
  int(v: number): this {
    if (!Number.isSafeInteger(v)) throw new WireEncodeError('BAD_VALUE', `not an integer: ${v}`);
    if (v >= 0) {
      if (v < 0x80) return this.byte(v);
      if (v < 0x100) return this.byte(0xcc).byte(v);
      if (v < 0x10000) return this.byte(0xcd).u16(v);
      if (v < 0x100000000) return this.byte(0xce).u32(v);
      return this.byte(0xcf)
        .u32(Math.floor(v / 0x100000000))
        .u32(v >>> 0);
    }
    if (v >= -32) return this.byte(0x100 + v);
    if (v >= -0x80) return this.byte(0xd0).byte(v);
    if (v >= -0x8000) return this.byte(0xd1).u16(v & 0xffff);
    if (v >= -0x80000000) return this.byte(0xd2).u32(v >>> 0);
    const hi = Math.floor(v / 0x100000000);
    return this.byte(0xd3)
      .u32(hi >>> 0)
      .u32((v - hi * 0x100000000) >>> 0);
  }

  /**
   * A signed Go int as go-msgpack v1.1.5 writes it (go-doudou's fork): 0–127 as fixint, then the smallest of
   * int16/int32/int64 (d1/d2/d3) — never the unsigned forms; negatives in the smallest signed form.
   */
  signed(v: number): this {
    if (!Number.isSafeInteger(v)) throw new WireEncodeError('BAD_VALUE', `not an integer: ${v}`);
    if (v < 0 || v < 0x80) return this.int(v);
    if (v < 0x8000) return this.byte(0xd1).u16(v);
    if (v < 0x80000000) return this.byte(0xd2).u32(v);
    return this.byte(0xd3)
      .u32(Math.floor(v / 0x100000000))
      .u32(v >>> 0);
  }

  /** An unsigned field with an upper bound (uint8/16/32); out of range → WireEncodeError. */
  uint(v: number, max: number): this {
    if (!Number.isInteger(v) || v < 0 || v > max) {
      throw new WireEncodeError('BAD_VALUE', `value ${v} does not fit an unsigned field of max ${max}`);
    }
    return this.int(v);
  }

  /** A copy of the written bytes. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Field-name keys are written once per message; cache their raw encoding. */
const keyCache = new Map<string, Uint8Array>();

/** Writes a map key (Go field name) as fixstr. */
export function writeKey(w: MsgpackWriter, key: string): void {
  let enc = keyCache.get(key);
  if (enc === undefined) {
    enc = new MsgpackWriter(key.length + 1).str(key).finish();
    keyCache.set(key, enc);
  }
  w.bytes(enc);
}
