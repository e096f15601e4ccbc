/**
 * LZW exactly as Go's compress/lzw with order LSB and literal width 8 — what memberlist's compress
 * message (type 9) carries (docs/gossip-wire-format.md#compression-lzw). Written from the algorithm description there:
 *
 * - codes 0–255 literals, 256 CLEAR, 257 EOF, dictionary from 258; width 9 growing to 12;
 * - codes packed LSB-first; the final partial byte is flushed zero-padded;
 * - writer: CLEAR first; when the next implied code `hi` reaches 512/1024/2048 the width grows at once;
 *   when it reaches 4095 the writer emits CLEAR, resets and adds no entry;
 * - reader: mirror; at width 12 with a full table it stops adding entries until a CLEAR.
 *
 * The output of the reader is capped (decompression bombs) and a stream without EOF is an error,
 * as Go returns io.ErrUnexpectedEOF.
 */
import { WireDecodeError } from './errors';

const LIT_WIDTH = 8;
const CLEAR = 1 << LIT_WIDTH; // 256
const EOF = CLEAR + 1; // 257
const MAX_WIDTH = 12;
const MAX_CODE = (1 << MAX_WIDTH) - 1; // 4095
/** Open-addressing table size of Go's writer (4 × 4096 slots), keyed by (prefix code << 8 | byte). */
const TABLE_SIZE = 4 * (1 << MAX_WIDTH);
const TABLE_MASK = TABLE_SIZE - 1;

class BitSink {
  private out: Uint8Array;
  private len = 0;
  private bits = 0;
  private nBits = 0;

  constructor(capacity: number) {
    this.out = new Uint8Array(Math.max(16, capacity));
  }

  write(code: number, width: number): void {
    this.bits |= code << this.nBits;
    this.nBits += width;
    while (this.nBits >= 8) {
      this.push(this.bits & 0xff);
      this.bits >>>= 8;
      this.nBits -= 8;
    }
  }

  finish(): Uint8Array {
    if (this.nBits > 0) this.push(this.bits & 0xff);
    return this.out.slice(0, this.len);
  }

  private push(b: number): void {
    if (this.len === this.out.length) {
      const next = new Uint8Array(this.out.length * 2);
      next.set(this.out);
      this.out = next;
    }
    this.out[this.len++] = b;
  }
}

/** Compresses like `lzw.NewWriter(w, lzw.LSB, 8)` + Write(input) + Close(). */
export function lzwCompress(input: Uint8Array): Uint8Array {
  const sink = new BitSink(input.length / 2 + 8);
  // Entries are (key << 12 | code) with key = prefix << 8 | byte; 0 means empty (no valid entry is 0).
  const table = new Uint32Array(TABLE_SIZE);
  let width = LIT_WIDTH + 1;
  let hi = EOF;
  let overflow = 1 << width;

  /** Advances the next implied code; returns false when the table was full and has been reset. */
  const incHi = (): boolean => {
    hi++;
    if (hi === overflow) {
      width++;
      overflow <<= 1;
    }
    if (hi === MAX_CODE) {
      sink.write(CLEAR, width);
      width = LIT_WIDTH + 1;
      hi = EOF;
      overflow = CLEAR << 1;
      table.fill(0);
      return false;
    }
    return true;
  };

  sink.write(CLEAR, width);
  if (input.length === 0) {
    sink.write(EOF, width);
    return sink.finish();
  }
  let code = input[0];
  outer: for (let i = 1; i < input.length; i++) {
    const literal = input[i];
    const key = (code << 8) | literal;
    let hash = ((key >>> 12) ^ key) & TABLE_MASK;
    for (let h = hash, t = table[hash]; t !== 0;) {
      if (key === t >>> 12) {
        code = t & MAX_CODE;
        continue outer;
      }
      h = (h + 1) & TABLE_MASK;
      t = table[h];
    }
    sink.write(code, width);
    code = literal;
    if (!incHi()) continue;
    while (table[hash] !== 0) hash = (hash + 1) & TABLE_MASK;
    table[hash] = ((key << 12) | hi) >>> 0;
  }
  sink.write(code, width);
  incHi();
  sink.write(EOF, width);
  return sink.finish();
}

/** Default cap on decompressed output (memberlist HEAD uses 40 MiB; streams are capped at 20 MiB). */
export const DEFAULT_MAX_DECOMPRESSED = 16 * 1024 * 1024;

/**
 * Decompresses like `lzw.NewReader(r, lzw.LSB, 8)` read to EOF. Throws BAD_COMPRESSION for invalid codes
 * or a missing EOF code, TOO_LARGE when the output would exceed `maxOutput`.
 */
export function lzwDecompress(input: Uint8Array, maxOutput = DEFAULT_MAX_DECOMPRESSED): Uint8Array {
  const prefix = new Uint16Array(1 << MAX_WIDTH);
  const suffix = new Uint8Array(1 << MAX_WIDTH);
  const stack = new Uint8Array(1 << MAX_WIDTH);
  let out = new Uint8Array(Math.min(maxOutput, Math.max(64, input.length * 3)));
  let o = 0;
  let width = LIT_WIDTH + 1;
  let hi = EOF;
  let overflow = 1 << width;
  let last = -1;
  let bits = 0;
  let nBits = 0;
  let pos = 0;

  const emit = (from: Uint8Array, start: number, n: number): void => {
    if (o + n > maxOutput) {
      throw new WireDecodeError('TOO_LARGE', `decompressed data exceeds ${maxOutput} bytes`);
    }
    if (o + n > out.length) {
      let cap = Math.max(64, out.length * 2);
      while (cap < o + n) cap *= 2;
      const next = new Uint8Array(Math.min(cap, maxOutput));
      next.set(out.subarray(0, o));
      out = next;
    }
    out.set(from.subarray(start, start + n), o);
    o += n;
  };

  for (;;) {
    while (nBits < width) {
      if (pos >= input.length) throw new WireDecodeError('BAD_COMPRESSION', 'LZW stream ends without EOF code');
      bits |= input[pos++] << nBits;
      nBits += 8;
    }
    const code = bits & ((1 << width) - 1);
    bits >>>= width;
    nBits -= width;

    if (code < CLEAR) {
      stack[0] = code;
      emit(stack, 0, 1);
      if (last !== -1) {
        suffix[hi] = code;
        prefix[hi] = last;
      }
    } else if (code === CLEAR) {
      width = LIT_WIDTH + 1;
      hi = EOF;
      overflow = 1 << width;
      last = -1;
      continue;
    } else if (code === EOF) {
      return out.slice(0, o);
    } else if (code <= hi) {
      // Expand right-to-left into the stack's tail, like Go's output window.
      let i = stack.length - 1;
      let c = code;
      if (code === hi && last !== -1) {
        // KwKwK: the last expansion followed by its own first byte.
        c = last;
        while (c >= CLEAR) c = prefix[c];
        stack[i--] = c;
        c = last;
      }
      while (c >= CLEAR) {
        if (i < 0) throw new WireDecodeError('BAD_COMPRESSION', 'LZW chain too long');
        stack[i--] = suffix[c];
        c = prefix[c];
      }
      if (i < 0) throw new WireDecodeError('BAD_COMPRESSION', 'LZW chain too long');
      stack[i] = c;
      emit(stack, i, stack.length - i);
      if (last !== -1) {
        suffix[hi] = c;
        prefix[hi] = last;
      }
    } else {
      throw new WireDecodeError('BAD_COMPRESSION', 'invalid LZW code');
    }
    last = code;
    hi++;
    if (hi >= overflow) {
      if (width === MAX_WIDTH) {
        last = -1;
        hi--;
      } else {
        width++;
        overflow = 1 << width;
      }
    }
  }
}
