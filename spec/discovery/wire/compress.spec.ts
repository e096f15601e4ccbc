import { strict as assert } from 'node:assert';
import { encodeCompress, readCompressed } from '../../../lib/discovery/wire/compress';
import { WireDecodeError } from '../../../lib/discovery/wire/errors';
import { MsgpackReader } from '../../../lib/discovery/wire/msgpack-reader';
import { capture, hex, toHex } from './support/captures';
import { isCode } from '../../support/errors';

const fix = (s: string) => (0xa0 + s.length).toString(16) + Buffer.from(s).toString('hex');

describe('wire/compress', () => {
  it('wraps a message as [9]{Algo: 0, Buf: raw16 LZW} exactly like the captured push/pull (plain #4)', () => {
    const captured = capture('memberlist-0.2.2.json', 4).bytes;
    const inner = readCompressed(new MsgpackReader(captured, 1), 1 << 20);
    assert.equal(inner.length, 105);
    assert.equal(toHex(inner), toHex(capture('memberlist-0.2.2-nocompress.json', 4).bytes));
    assert.equal(toHex(encodeCompress(inner)), toHex(captured));
    assert.equal(toHex(captured.subarray(0, 15)), `0982${fix('Algo')}00${fix('Buf')}da0073`);
  });

  it('refuses unknown algorithms and empty output with BAD_COMPRESSION', () => {
    const unknown = hex(`0982${fix('Algo')}01${fix('Buf')}a3000302`);
    assert.throws(() => readCompressed(new MsgpackReader(unknown, 1), 100), isCode(WireDecodeError, 'BAD_COMPRESSION'));
    const empty = hex(`0982${fix('Algo')}00${fix('Buf')}a3000302`);
    assert.throws(() => readCompressed(new MsgpackReader(empty, 1), 100), isCode(WireDecodeError, 'BAD_COMPRESSION'));
    const missingBuf = hex(`0981${fix('Algo')}00`);
    assert.throws(() => readCompressed(new MsgpackReader(missingBuf, 1), 100), isCode(WireDecodeError, 'BAD_COMPRESSION'));
  });
});
