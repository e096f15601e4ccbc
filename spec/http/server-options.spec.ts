import { strict as assert } from 'node:assert';
import { HTTP_SERVER_DEFAULTS, resolveHttpServerOptions } from '../../lib/http/server-options';

describe('server-options', () => {
  it('fills documented defaults', () => {
    const o = resolveHttpServerOptions({});
    assert.deepEqual(o, HTTP_SERVER_DEFAULTS);
    assert.equal(o.bodyLimit.multipartFileSize, 32 * 1024 * 1024);
    assert.deepEqual(o.timeouts, { readMs: 15000, writeMs: 15000, idleMs: 60000 });
    assert.deepEqual(o.manage, { enable: true, user: '', pass: '' });
  });
  it('parses size strings and keeps given values', () => {
    const o = resolveHttpServerOptions({ bodyLimit: { json: '2mb' }, manage: { user: 'u' }, gzip: false });
    assert.equal(o.bodyLimit.json, 2 * 1024 * 1024);
    assert.equal(o.bodyLimit.form, 1024 * 1024);
    assert.deepEqual(o.manage, { enable: true, user: 'u', pass: '' });
    assert.equal(o.gzip, false);
  });
  it('rejects a negative timeout naming it', () => {
    assert.throws(() => resolveHttpServerOptions({ timeouts: { idleMs: -5 } }), /timeouts\.idleMs/);
  });
});
