import { strict as assert } from 'node:assert';
import { lzwCompress, lzwDecompress } from '../../../lib/discovery/wire/lzw';
import { crc32 } from '../../../lib/discovery/wire/crc';
import { WireDecodeError } from '../../../lib/discovery/wire/errors';
import { hex, toHex } from './support/captures';
import { isCode } from '../../support/errors';

/** The long test vector of docs/gossip-wire-format.md#compression-lzw: 20 000 bytes from x = x*1103515245+12345 (uint32), byte = "abcdefghij"[(x>>16)%10]. */
function lcgInput(n: number): Uint8Array {
  const out = new Uint8Array(n);
  const alphabet = Buffer.from('abcdefghij');
  let x = 1;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = alphabet[(x >>> 16) % 10];
  }
  return out;
}

describe('wire/lzw (Go compress/lzw, LSB, width 8)', () => {
  const vectors: Array<[string, Uint8Array, string]> = [
    ['empty input', new Uint8Array(0), '000302'],
    ['"a"', Buffer.from('a'), '00c30404'],
    ['TOBEORNOTTOBEORTOBEORNOT', Buffer.from('TOBEORNOTTOBEORTOBEORNOT'), '00a93c1152e48914274fa80824687061c183090302'],
    ['a ping prefix', hex('0085a44e6f6465'), '00011422e5e40d99320101'],
  ];
  for (const [name, input, expected] of vectors) {
    it(`compresses ${name} to Go's bytes and back`, () => {
      assert.equal(toHex(lzwCompress(input)), expected);
      assert.equal(toHex(lzwDecompress(hex(expected))), toHex(input));
    });
  }

  it('matches the 20 000-byte LCG vector (width growth and table resets): 10 137 bytes, CRC 8f356cfa', () => {
    const input = lcgInput(20000);
    const out = lzwCompress(input);
    assert.equal(out.length, 10137);
    assert.equal(crc32(out).toString(16).padStart(8, '0'), '8f356cfa');
    assert.deepEqual(lzwDecompress(out), input);
  });

  it('round-trips large random and repetitive inputs through several table resets', () => {
    let seed = 7;
    const rnd = new Uint8Array(300000).map(() => (seed = (Math.imul(seed, 48271) + 1) >>> 0) >>> 24);
    assert.deepEqual(lzwDecompress(lzwCompress(rnd)), rnd);
    const rep = new Uint8Array(200000).fill(0x61);
    assert.deepEqual(lzwDecompress(lzwCompress(rep)), rep);
  });

  it('decodes the captured gossip LZW payload into the compound message', () => {
    const lzw = hex(
      '000f08006084200143a48290212387d41f000002ac4ae2664c18396ec2d049f3c64d00524dcad009c36a8f08396fd89411a1438418117d48397943a68ca8313248417923874eb30f2d465999e3c654800203211e4cb8b0e1c388132b5eccb8b1e3c790234b9e4cb9b26518983269da1c1343274f9f1f5808256a142944000101',
    );
    const out = lzwDecompress(lzw);
    assert.equal(out.length, 146);
    assert.equal(toHex(out.subarray(0, 7)), '07020046004604');
    assert.equal(toHex(lzwCompress(out)), toHex(lzw));
  });

  it('refuses a stream without EOF code and an invalid code with BAD_COMPRESSION', () => {
    assert.throws(() => lzwDecompress(hex('00c3')), isCode(WireDecodeError, 'BAD_COMPRESSION'));
    assert.throws(() => lzwDecompress(new Uint8Array(0)), isCode(WireDecodeError, 'BAD_COMPRESSION'));
    // CLEAR then code 300 while the table is empty.
    assert.throws(() => lzwDecompress(hex('0058020000')), isCode(WireDecodeError, 'BAD_COMPRESSION'));
  });

  it('refuses output above the cap with TOO_LARGE', () => {
    const bomb = lzwCompress(new Uint8Array(100000));
    assert.throws(() => lzwDecompress(bomb, 50000), isCode(WireDecodeError, 'TOO_LARGE'));
  });
});
