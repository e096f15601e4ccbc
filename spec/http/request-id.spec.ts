import { strict as assert } from 'node:assert';
import { request } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';

describe('request-id', () => {
  let s: Started;
  before(async () => {
    s = await startUsersServer();
  });
  after(() => s.server.close({ graceMs: 1000 }));

  it('echoes the X-Request-Id the client sent', async () => {
    const res = await request(`${s.url}/users/1`, { headers: { 'X-Request-Id': 'abc-123' } });
    assert.equal(res.headers['x-request-id'], 'abc-123');
  });

  it('generates a UUID when the client sent none, on errors and 404s too', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const path of ['/users/1', '/users/x', '/missing', '/boom']) {
      const res = await request(`${s.url}${path}`);
      assert.match(String(res.headers['x-request-id']), uuid, path);
    }
  });

  it('replaces an unacceptable incoming id (too long) with a generated one', async () => {
    const res = await request(`${s.url}/users/1`, { headers: { 'X-Request-Id': 'x'.repeat(300) } });
    assert.notEqual(res.headers['x-request-id'], 'x'.repeat(300));
    assert.equal(String(res.headers['x-request-id']).length, 36);
  });

  it('gives two requests different generated ids', async () => {
    const a = await request(`${s.url}/users/1`);
    const b = await request(`${s.url}/users/1`);
    assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
  });
});
