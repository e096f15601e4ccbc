import { strict as assert } from 'node:assert';
import { WireDecodeError, WireEncodeError } from '../../../lib/discovery/wire/errors';
import { labelHeader, labelOverhead, splitLabelHeader } from '../../../lib/discovery/wire/label';
import { capture, hex, toHex } from './support/captures';
import { isCode } from '../../support/errors';

describe('wire/label', () => {
  it('writes [f4][len][label] and nothing for an empty label', () => {
    assert.equal(toHex(labelHeader('cluster-a')), `f409${Buffer.from('cluster-a').toString('hex')}`);
    assert.equal(labelHeader('').length, 0);
    assert.equal(labelHeader(undefined).length, 0);
    assert.equal(labelOverhead('cluster-a'), 11);
    assert.equal(labelOverhead(''), 0);
  });

  it('refuses labels longer than 255 bytes', () => {
    assert.throws(() => labelHeader('x'.repeat(256)), isCode(WireEncodeError, 'BAD_LABEL'));
  });

  it('splits the header off the captured encrypted ping', () => {
    const split = splitLabelHeader(capture('memberlist-0.5.0-encrypted-label.json', 17).bytes);
    assert.equal(split.label, 'cluster-a');
    assert.equal(split.headerLength, 11);
    assert.equal(split.rest[0], 1, 'encryption version follows');
  });

  it('passes unlabelled input through and refuses an empty or cut header', () => {
    assert.equal(splitLabelHeader(hex('0080')).label, '');
    assert.throws(() => splitLabelHeader(hex('f400')), isCode(WireDecodeError, 'BAD_LABEL'));
    assert.throws(
      () => splitLabelHeader(hex('f40361')),
      (e: unknown) => e instanceof WireDecodeError && e.code === 'TRUNCATED' && e.needed === 5,
    );
  });
});
