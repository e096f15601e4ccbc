/**
 * The compress message (9): `[9]` + msgpack `{Algo: 0, Buf: <LZW bytes>}` wrapping a whole message,
 * type byte included (docs/gossip-wire-format.md#compression-lzw).
 */
import { WireDecodeError } from './errors';
import { lzwCompress, lzwDecompress } from './lzw';
import { MessageType } from './messages';
import { MsgpackReader } from './msgpack-reader';
import { MsgpackWriter, writeKey } from './msgpack-writer';
import { readStruct } from './message-codec';

/** LZW is the only algorithm memberlist knows (Algo 0). */
export const LZW_ALGO = 0;

/** Wraps an encoded message (type byte first) into a compress message. */
export function encodeCompress(message: Uint8Array): Uint8Array {
  const lzw = lzwCompress(message);
  const w = new MsgpackWriter(lzw.length + 16);
  w.byte(MessageType.compress).mapHeader(2);
  writeKey(w, 'Algo');
  w.int(LZW_ALGO);
  writeKey(w, 'Buf');
  w.raw(lzw);
  return w.finish();
}

/**
 * Reads the compress struct at the reader's position (after the type byte) and returns the inner
 * message bytes. Unknown Algo, a broken stream or empty output → BAD_COMPRESSION; output above
 * `maxOutput` → TOO_LARGE.
 */
export function readCompressed(r: MsgpackReader, maxOutput: number): Uint8Array {
  let algo = 0;
  let buf: Uint8Array | undefined;
  readStruct(r, (key) => {
    if (key === 'Algo') algo = r.readUint(0xff);
    else if (key === 'Buf') buf = r.readBytesOrNil();
    else return false;
    return true;
  });
  if (algo !== LZW_ALGO) throw new WireDecodeError('BAD_COMPRESSION', `cannot decompress unknown algorithm ${algo}`);
  const out = lzwDecompress(buf ?? new Uint8Array(0), maxOutput);
  if (out.length === 0) throw new WireDecodeError('BAD_COMPRESSION', 'compressed message decompresses to nothing');
  return out;
}
