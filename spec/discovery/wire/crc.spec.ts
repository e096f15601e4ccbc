import { strict as assert } from 'node:assert';
import { crc32, crc32Table } from '../../../lib/discovery/wire/crc';
import { capture } from './support/captures';

describe('wire/crc', () => {
  it('computes the CRC-32 of the captured gossip exactly as the hasCrc header says', () => {
    for (const [file, id] of [
      ['memberlist-0.2.2-nocompress.json', 11],
      ['memberlist-0.2.2-nocompress.json', 19],
      ['memberlist-0.2.2.json', 11],
    ] as const) {
      const b = capture(file, id).bytes;
      const expected = Buffer.from(b).readUInt32BE(1);
      assert.equal(crc32(b.subarray(5)), expected);
      assert.equal(crc32Table(b.subarray(5)), expected);
    }
  });

  it('agrees with the table implementation on the standard check value and random data', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32Table(Buffer.from('123456789')), 0xcbf43926);
    const data = Uint8Array.from({ length: 5000 }, (_, i) => (i * 131) & 0xff);
    assert.equal(crc32(data), crc32Table(data));
  });
});
