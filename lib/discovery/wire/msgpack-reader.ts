/**
 * A small, strict-where-it-matters msgpack reader for memberlist bodies (docs/gossip-wire-format.md#encoding-conventions).
 *
 * Why hand-written: byte fields arrive as msgpack *str* (the legacy "raw" family) and must stay bytes,
 * and push/pull and user streams are concatenated msgpack values followed by raw bytes, so the caller
 * needs the exact offset after each value. Tolerance mirrors go-msgpack: every int width for every int
 * field, str8/bin/raw for strings and bytes, an array of small ints for a byte field, nil for
 * strings/slices/ints (zero value). Every declared length is checked against the remaining input before
 * anything is allocated; nesting is bounded. Any problem → WireDecodeError.
 */
import { WireDecodeError } from './errors';

/** Nesting bound for skipped values (maps/arrays inside unknown keys). memberlist bodies are flat. */
export const MAX_MSGPACK_DEPTH = 32;

const utf8 = new TextDecoder('utf-8');

export class MsgpackReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    offset = 0,
    /** Where the readable input ends (defaults to the buffer's end). */
    readonly end: number = buf.length,
  ) {
    this.pos = offset;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws TRUNCATED (with the absolute offset needed) unless n more bytes are available. */
  need(n: number): void {
    if (n > this.end - this.pos) {
      throw new WireDecodeError('TRUNCATED', `msgpack value needs ${n} bytes at offset ${this.pos}, ${this.end - this.pos} left`, {
        needed: this.pos + n,
      });
    }
  }

  peekByte(): number {
    this.need(1);
    return this.buf[this.pos];
  }

  private u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  private u16(): number {
    this.need(2);
    const b = this.buf;
    const v = (b[this.pos] << 8) | b[this.pos + 1];
    this.pos += 2;
    return v;
  }

  private u32(): number {
    this.need(4);
    const b = this.buf;
    const v = b[this.pos] * 0x1000000 + ((b[this.pos + 1] << 16) | (b[this.pos + 2] << 8) | b[this.pos + 3]);
    this.pos += 4;
    return v;
  }

  /** Reads n raw bytes as a view (no copy). */
  rawBytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A map header; nil counts as an empty map. Every entry needs ≥ 2 bytes, so a lying count fails fast. */
  readMapHeader(): number {
    const t = this.u8();
    let n: number;
    if (t >= 0x80 && t <= 0x8f) n = t & 0x0f;
    else if (t === 0xde) n = this.u16();
    else if (t === 0xdf) n = this.u32();
    else if (t === 0xc0) return 0;
    else throw this.typeError(t, 'map');
    if (n * 2 > this.remaining) this.need(n * 2);
    return n;
  }

  /** An array header; nil counts as empty. */
  readArrayHeader(): number {
    const t = this.u8();
    let n: number;
    if (t >= 0x90 && t <= 0x9f) n = t & 0x0f;
    else if (t === 0xdc) n = this.u16();
    else if (t === 0xdd) n = this.u32();
    else if (t === 0xc0) return 0;
    else throw this.typeError(t, 'array');
    if (n > this.remaining) this.need(n);
    return n;
  }

  /**
   * Reads a str/bin family value as bytes (a view into the input), or an array of ints 0..255,
   * or nil → undefined.
   */
  readBytesOrNil(): Uint8Array | undefined {
    const t = this.u8();
    let n: number;
    if (t >= 0xa0 && t <= 0xbf) n = t & 0x1f;
    else if (t === 0xd9 || t === 0xc4) n = this.u8();
    else if (t === 0xda || t === 0xc5) n = this.u16();
    else if (t === 0xdb || t === 0xc6) n = this.u32();
    else if (t === 0xc0) return undefined;
    else if ((t >= 0x90 && t <= 0x9f) || t === 0xdc || t === 0xdd) {
      this.pos--;
      const count = this.readArrayHeader();
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) out[i] = this.readUint(0xff);
      return out;
    } else throw this.typeError(t, 'bytes');
    return this.rawBytes(n);
  }

  /** A string field: any str/bin family value decoded as UTF-8; nil → ''. */
  readString(): string {
    const b = this.readBytesOrNil();
    return b === undefined ? '' : utf8.decode(b);
  }

  /** A map key: must be a str/bin value (compared exactly, case-sensitive like go-msgpack). */
  readKey(): string {
    const t = this.peekByte();
    if (!((t >= 0xa0 && t <= 0xbf) || (t >= 0xd9 && t <= 0xdb) || (t >= 0xc4 && t <= 0xc6))) {
      throw this.typeError(t, 'map key');
    }
    return this.readString();
  }

  /** Any msgpack integer (nil → 0) as a JS number; 64-bit values beyond 2^53 are refused. */
  readInt(): number {
    const t = this.u8();
    if (t <= 0x7f) return t;
    if (t >= 0xe0) return t - 0x100;
    switch (t) {
      case 0xc0:
        return 0;
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.u16();
      case 0xce:
        return this.u32();
      case 0xcf: {
        const hi = this.u32();
        const lo = this.u32();
        if (hi >= 0x200000) throw new WireDecodeError('BAD_VALUE', 'uint64 beyond 2^53');
        return hi * 0x100000000 + lo;
      }
      case 0xd0: {
        const v = this.u8();
        return v >= 0x80 ? v - 0x100 : v;
      }
      case 0xd1: {
        const v = this.u16();
        return v >= 0x8000 ? v - 0x10000 : v;
      }
      case 0xd2: {
        const v = this.u32();
        return v >= 0x80000000 ? v - 0x100000000 : v;
      }
      case 0xd3: {
        const hi = this.u32();
        const lo = this.u32();
        const signedHi = hi >= 0x80000000 ? hi - 0x100000000 : hi;
        if (signedHi >= 0x200000 || signedHi < -0x200000) throw new WireDecodeError('BAD_VALUE', 'int64 beyond 2^53');
        return signedHi * 0x100000000 + lo;
      }
      default:
        throw this.typeError(t, 'integer');
    }
  }

  /** An unsigned field of at most `max` (uint8/16/32): negative or too big → BAD_VALUE. */
  readUint(max: number): number {
    const v = this.readInt();
    if (v < 0) throw new WireDecodeError('BAD_VALUE', `negative value ${v} for an unsigned field`);
    if (v > max) throw new WireDecodeError('BAD_VALUE', `value ${v} overflows a field of max ${max}`);
    return v;
  }

  /** Booleans; nil → false (Go's zero value). */
  readBool(): boolean {
    const t = this.u8();
    if (t === 0xc3) return true;
    if (t === 0xc2 || t === 0xc0) return false;
    throw this.typeError(t, 'bool');
  }

  /** Skips one value of any type, nesting bounded by MAX_MSGPACK_DEPTH. */
  skip(depth = 0): void {
    if (depth > MAX_MSGPACK_DEPTH) throw new WireDecodeError('TOO_DEEP', 'msgpack nesting too deep');
    const t = this.u8();
    if (t <= 0x7f || t >= 0xe0 || t === 0xc0 || t === 0xc2 || t === 0xc3) return;
    if (t >= 0x80 && t <= 0x8f) return this.skipEntries(t & 0x0f, 2, depth);
    if (t >= 0x90 && t <= 0x9f) return this.skipEntries(t & 0x0f, 1, depth);
    if (t >= 0xa0 && t <= 0xbf) return void this.rawBytes(t & 0x1f);
    switch (t) {
      case 0xc4:
      case 0xd9:
        return void this.rawBytes(this.u8());
      case 0xc5:
      case 0xda:
        return void this.rawBytes(this.u16());
      case 0xc6:
      case 0xdb:
        return void this.rawBytes(this.u32());
      case 0xc7:
        return void this.rawBytes(this.u8() + 1);
      case 0xc8:
        return void this.rawBytes(this.u16() + 1);
      case 0xc9:
        return void this.rawBytes(this.u32() + 1);
      case 0xca:
        return void this.rawBytes(4);
      case 0xcb:
        return void this.rawBytes(8);
      case 0xcc:
      case 0xd0:
        return void this.rawBytes(1);
      case 0xcd:
      case 0xd1:
        return void this.rawBytes(2);
      case 0xce:
      case 0xd2:
        return void this.rawBytes(4);
      case 0xcf:
      case 0xd3:
        return void this.rawBytes(8);
      case 0xd4:
        return void this.rawBytes(2);
      case 0xd5:
        return void this.rawBytes(3);
      case 0xd6:
        return void this.rawBytes(5);
      case 0xd7:
        return void this.rawBytes(9);
      case 0xd8:
        return void this.rawBytes(17);
      case 0xdc:
        return this.skipEntries(this.u16(), 1, depth);
      case 0xdd:
        return this.skipEntries(this.u32(), 1, depth);
      case 0xde:
        return this.skipEntries(this.u16(), 2, depth);
      case 0xdf:
        return this.skipEntries(this.u32(), 2, depth);
      default:
        // 0xc1 is "never used" in msgpack.
        throw this.typeError(t, 'any value');
    }
  }

  private skipEntries(count: number, perEntry: number, depth: number): void {
    if (count * perEntry > this.remaining) this.need(count * perEntry);
    for (let i = 0; i < count * perEntry; i++) this.skip(depth + 1);
  }

  private typeError(t: number, expected: string): WireDecodeError {
    return new WireDecodeError(
      'BAD_TYPE',
      `expected ${expected}, got msgpack type 0x${t.toString(16).padStart(2, '0')} at offset ${this.pos - 1}`,
    );
  }
}
