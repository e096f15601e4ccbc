import { strict as assert } from 'node:assert';
import { briefError, isClientCaused } from '../../lib/http/client-caused';

const withCode = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('client-caused', () => {
  it('counts resets, broken pipes, read timeouts and parser refusals as the client’s doing', () => {
    for (const code of [
      'ECONNRESET',
      'EPIPE',
      'ERR_STREAM_PREMATURE_CLOSE',
      'ERR_HTTP_REQUEST_TIMEOUT',
      'HPE_INVALID_METHOD',
      'HPE_HEADER_OVERFLOW',
    ]) {
      assert.equal(isClientCaused(withCode(code)), true, code);
    }
  });

  it('counts everything else, codeless errors and non-errors included, as possibly the server’s', () => {
    assert.equal(isClientCaused(new Error('disk vanished')), false);
    assert.equal(isClientCaused(withCode('ENOENT')), false);
    assert.equal(isClientCaused('ECONNRESET'), false);
    assert.equal(isClientCaused(null), false);
  });

  it('describes an error by code and message, without its stack', () => {
    assert.equal(briefError(withCode('EPIPE', 'write EPIPE')), 'EPIPE: write EPIPE');
    assert.equal(briefError(new Error('plain')), 'plain');
  });
});
