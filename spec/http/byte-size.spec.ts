import { strict as assert } from 'node:assert';
import { parseByteSize } from '../../lib/http/byte-size';
import { ConfigError } from '../../lib/errors';
import { throwsCode } from '../support/errors';

describe('byte-size', () => {
  it('reads binary units and plain numbers', () => {
    assert.equal(parseByteSize('1mb', 'x'), 1048576);
    assert.equal(parseByteSize('32MiB', 'x'), 32 * 1048576);
    assert.equal(parseByteSize('512kb', 'x'), 524288);
    assert.equal(parseByteSize('100', 'x'), 100);
    assert.equal(parseByteSize(2048, 'x'), 2048);
  });
  it('rejects junk with a ConfigError naming the option', () => {
    throwsCode(() => parseByteSize('lots', 'bodyLimit.json'), ConfigError, 'INVALID_BYTE_SIZE', 'bodyLimit.json');
    throwsCode(() => parseByteSize(-1, 'x'), ConfigError, 'INVALID_BYTE_SIZE', 'not a byte size');
    throwsCode(() => parseByteSize('1tb', 'x'), ConfigError, 'INVALID_BYTE_SIZE', 'not a byte size');
  });
});
