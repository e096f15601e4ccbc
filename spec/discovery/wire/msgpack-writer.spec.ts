import { strict as assert } from 'node:assert';
import { MsgpackReader } from '../../../lib/discovery/wire/msgpack-reader';
import { MsgpackWriter } from '../../../lib/discovery/wire/msgpack-writer';
import { toHex } from './support/captures';

const w = () => new MsgpackWriter(1);

describe('wire/msgpack-writer', () => {
  it('writes non-negative integers in the smallest unsigned form (go-msgpack 0.5.x)', () => {
    const cases: Array<[number, string]> = [
      [0, '00'],
      [127, '7f'],
      [128, 'cc80'],
      [200, 'ccc8'],
      [255, 'ccff'],
      [256, 'cd0100'],
      [7981, 'cd1f2d'],
      [65536, 'ce00010000'],
      [4294967295, 'ceffffffff'],
      [4294967296, 'cf0000000100000000'],
    ];
    for (const [v, h] of cases) assert.equal(toHex(w().int(v).finish()), h, String(v));
  });

  it('writes negative integers so that the reader gets them back', () => {
    for (const v of [-1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, -(2 ** 40)]) {
      assert.equal(new MsgpackReader(w().int(v).finish()).readInt(), v);
    }
  });

  it('writes strings and bytes as fixstr / raw16 / raw32, never str8 or bin', () => {
    assert.equal(toHex(w().str('c1').finish()), 'a26331');
    assert.equal(toHex(w().raw(new Uint8Array(31)).finish()).slice(0, 2), 'bf');
    assert.equal(toHex(w().raw(new Uint8Array(32)).finish()).slice(0, 6), 'da0020');
    assert.equal(toHex(w().raw(new Uint8Array(255)).finish()).slice(0, 6), 'da00ff');
    assert.equal(toHex(w().raw(new Uint8Array(70000)).finish()).slice(0, 10), 'db00011170');
  });

  it('writes nil for an absent byte slice and a0 for an empty one', () => {
    assert.equal(toHex(w().rawOrNil(undefined).finish()), 'c0');
    assert.equal(toHex(w().rawOrNil(new Uint8Array(0)).finish()), 'a0');
  });

  it('writes map headers in fix, 16 and 32-bit forms and booleans as c2/c3', () => {
    assert.equal(toHex(w().mapHeader(15).finish()), '8f');
    assert.equal(toHex(w().mapHeader(16).finish()), 'de0010');
    assert.equal(toHex(w().mapHeader(70000).finish()), 'df00011170');
    assert.equal(toHex(w().bool(true).bool(false).finish()), 'c3c2');
  });

  it('refuses values that do not fit their unsigned field', () => {
    assert.throws(() => w().uint(65536, 0xffff), /does not fit/);
    assert.throws(() => w().uint(-1, 0xffff), /does not fit/);
    assert.throws(() => w().int(1.5), /not an integer/);
  });
});
