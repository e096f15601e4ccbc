import { strict as assert } from 'node:assert';
import { compoundOverhead, decodeCompound, encodeCompound, encodeCompounds } from '../../../lib/discovery/wire/compound';
import { WireDecodeError, WireEncodeError } from '../../../lib/discovery/wire/errors';
import { hex, toHex } from './support/captures';
import { isCode } from '../../support/errors';

describe('wire/compound', () => {
  it('writes [7][count][u16 BE lengths][parts] like the captured gossip', () => {
    const out = encodeCompound([hex('0401'), hex('050203')]);
    assert.equal(toHex(out), '0702000200030401050203');
    assert.equal(out.length, compoundOverhead(2) + 5);
  });

  it('splits parts back out, as views', () => {
    const { parts, truncated } = decodeCompound(hex('02000200030401050203'));
    assert.deepEqual(parts.map(toHex), ['0401', '050203']);
    assert.equal(truncated, 0);
  });

  it('counts parts cut off by the end of the buffer', () => {
    const { parts, truncated } = decodeCompound(hex('03000200030001040105'));
    assert.deepEqual(parts.map(toHex), ['0401']);
    assert.equal(truncated, 2);
  });

  it('refuses a missing count or a cut length table with TRUNCATED', () => {
    for (const h of ['', '0300020003']) {
      assert.throws(() => decodeCompound(hex(h)), isCode(WireDecodeError, 'TRUNCATED'));
    }
  });

  it('refuses more than 255 parts or a part over 65 535 bytes, and splits long lists into 255-part compounds', () => {
    const parts = Array.from({ length: 256 }, () => hex('0b80'));
    assert.throws(() => encodeCompound(parts), WireEncodeError);
    assert.throws(() => encodeCompound([new Uint8Array(65536)]), WireEncodeError);
    assert.deepEqual(
      encodeCompounds(parts).map((c) => c[1]),
      [255, 1],
    );
  });
});
