import { strict as assert } from 'node:assert';
import { WireDecodeError } from '../../../lib/discovery/wire/errors';
import { MAX_MSGPACK_DEPTH, MsgpackReader } from '../../../lib/discovery/wire/msgpack-reader';
import { hex, toHex } from './support/captures';
import { isCode } from '../../support/errors';

const reader = (h: string) => new MsgpackReader(hex(h));

describe('wire/msgpack-reader', () => {
  it('reads every integer width, signed and unsigned', () => {
    const cases: Array<[string, number]> = [
      ['05', 5],
      ['e0', -32],
      ['ff', -1],
      ['cc80', 128],
      ['cdffff', 65535],
      ['ceffffffff', 4294967295],
      ['cf001fffffffffffff', Number.MAX_SAFE_INTEGER],
      ['d080', -128],
      ['d100c8', 200],
      ['d1ff38', -200],
      ['d2000003e8', 1000],
      ['d2ffffffff', -1],
      ['d3000000000000c800', 51200],
      ['d3ffffffffffffffff', -1],
      ['c0', 0],
    ];
    for (const [h, v] of cases) assert.equal(reader(h).readInt(), v, h);
  });

  it('refuses 64-bit values beyond 2^53 and negative values for unsigned fields', () => {
    assert.throws(() => reader('cf0020000000000000').readInt(), isCode(WireDecodeError, 'BAD_VALUE'));
    assert.throws(() => reader('d1ff38').readUint(0xffff), isCode(WireDecodeError, 'BAD_VALUE'));
    assert.throws(() => reader('ce00010000').readUint(0xffff), isCode(WireDecodeError, 'BAD_VALUE'));
  });

  it('reads bytes from fixstr, str8/16/32, bin8/16/32, arrays of small ints and nil', () => {
    const cases: Array<[string, string | undefined]> = [
      ['a3010203', '010203'],
      ['d903010203', '010203'],
      ['da0003010203', '010203'],
      ['db00000003010203', '010203'],
      ['c403010203', '010203'],
      ['c50003010203', '010203'],
      ['c600000003010203', '010203'],
      ['93010203', '010203'],
      ['c0', undefined],
    ];
    for (const [h, v] of cases) {
      const b = reader(h).readBytesOrNil();
      assert.equal(b === undefined ? undefined : toHex(b), v, h);
    }
    assert.throws(() => reader('9301cd010003').readBytesOrNil(), isCode(WireDecodeError, 'BAD_VALUE'));
  });

  it('decodes strings as UTF-8 only when asked and keeps raw bytes intact otherwise', () => {
    assert.equal(reader(`a6${Buffer.from('héllo').toString('hex')}`).readString(), 'héllo');
    assert.equal(toHex(reader('a2fffe').readBytesOrNil() ?? new Uint8Array()), 'fffe');
    assert.equal(reader('c0').readString(), '');
  });

  it('reports consumed bytes so concatenated values and raw tails can follow', () => {
    const r = reader('81a1610105ffee');
    assert.equal(r.readMapHeader(), 1);
    assert.equal(r.readKey(), 'a');
    assert.equal(r.readInt(), 1);
    assert.equal(r.readInt(), 5);
    assert.equal(r.pos, 5);
    assert.equal(toHex(r.rawBytes(r.remaining)), 'ffee');
  });

  it('skips every msgpack type, including ext and floats', () => {
    const values = [
      'c0',
      'c3',
      'ca00000000',
      'cb0000000000000000',
      'd4010a',
      'd5010a0b',
      'd6ff00000000',
      'd7ff0000000000000000',
      'd8010000000000000000000000000000000a',
      'c7020a0b0c',
      'c800020a0b0c',
      'c9000000020a0b0c',
      '92c081a0c0',
      'dc0001c0',
      'de0001a0c0',
    ];
    for (const v of values) {
      const r = reader(`${v}07`);
      r.skip();
      assert.equal(r.readInt(), 7, v);
    }
    assert.throws(() => reader('c1').skip(), isCode(WireDecodeError, 'BAD_TYPE'));
  });

  it('bounds nesting depth when skipping', () => {
    const deep = '91'.repeat(MAX_MSGPACK_DEPTH + 2) + 'c0';
    assert.throws(() => reader(deep).skip(), isCode(WireDecodeError, 'TOO_DEEP'));
  });

  it('refuses lengths beyond the input before allocating, naming the bytes needed', () => {
    try {
      reader('dbffffffff00').readBytesOrNil();
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof WireDecodeError);
      assert.equal(e.code, 'TRUNCATED');
      assert.equal(e.needed, 5 + 0xffffffff);
    }
    assert.throws(() => reader('ddffffffff').readArrayHeader(), isCode(WireDecodeError, 'TRUNCATED'));
    assert.throws(() => reader('deffff').readMapHeader(), isCode(WireDecodeError, 'TRUNCATED'));
  });

  it('refuses non-string map keys and wrong families with BAD_TYPE', () => {
    assert.throws(() => reader('01').readKey(), isCode(WireDecodeError, 'BAD_TYPE'));
    assert.throws(() => reader('a0').readMapHeader(), isCode(WireDecodeError, 'BAD_TYPE'));
    assert.throws(() => reader('05').readBool(), isCode(WireDecodeError, 'BAD_TYPE'));
    assert.throws(() => reader('80').readBytesOrNil(), isCode(WireDecodeError, 'BAD_TYPE'));
  });
});
