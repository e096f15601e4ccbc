import { strict as assert } from 'node:assert';
import { parseByteSize } from '../../lib/http/byte-size';

describe('byte-size', () => {
  it('reads binary units and plain numbers', () => {
    assert.equal(parseByteSize('1mb', 'x'), 1048576);
    assert.equal(parseByteSize('32MiB', 'x'), 32 * 1048576);
    assert.equal(parseByteSize('512kb', 'x'), 524288);
    assert.equal(parseByteSize('100', 'x'), 100);
    assert.equal(parseByteSize(2048, 'x'), 2048);
  });
  it('rejects junk with a ConfigError naming the option', () => {
    assert.throws(
      () => parseByteSize('lots', 'bodyLimit.json'),
      (e: Error & { code?: string }) => e.code === 'INVALID_BYTE_SIZE' && /bodyLimit\.json/.test(e.message),
    );
    assert.throws(() => parseByteSize(-1, 'x'), /not a byte size/);
    assert.throws(() => parseByteSize('1tb', 'x'), /not a byte size/);
  });
});
