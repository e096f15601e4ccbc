import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { captureLogger } from './support/capture-logger';
import { request } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';
import { waitFor } from '../support/wait-for';

describe('http/request-dump (GDD_LOG_LEVEL=debug + GDD_LOG_REQ_ENABLE=true)', () => {
  let s: Started | undefined;
  afterEach(async () => {
    await s?.server.close();
    s = undefined;
  });

  const dumpOf = (id: string) =>
    waitFor(() => s!.lines.find((l) => l.level === 'debug' && l.requestId === id), { timeoutMs: 5000, message: `dump line of ${id}` });

  it('logs request and response headers with credentials redacted, both bodies, status and duration', async () => {
    s = await startUsersServer({ logRequestBodies: true });
    const res = await request(`${s.url}/page/users?trace=1`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Request-Id': 'dump-1',
        Authorization: 'Bearer very-secret',
        Cookie: 'session=also-secret',
      },
      body: '{"page":4}',
    });
    assert.equal(res.status, 200);
    const dump = await dumpOf('dump-1');
    const reqHeaders = dump.reqHeaders as Record<string, string>;
    assert.equal(reqHeaders.authorization, '[redacted]');
    assert.equal(reqHeaders.cookie, '[redacted]');
    assert.equal(reqHeaders['content-type'], 'application/json');
    assert.equal(dump.reqBody, '{"page":4}', 'what the client sent, before schema defaults');
    assert.match(String(dump.respBody), /"query":\{"page":4/);
    assert.equal((dump.respHeaders as Record<string, string>)['x-request-id'], 'dump-1');
    assert.equal(dump.status, 200);
    assert.equal(dump.method, 'POST');
    assert.equal(dump.route, '/page/users');
    assert.equal(dump.query, 'trace=1');
    assert.equal(typeof dump.ms, 'number');
    assert.ok(!JSON.stringify(s.lines).includes('secret'), 'no credential anywhere in the log');
  });

  it('shows what a compressed answer said, truncated to 1000 characters', async () => {
    s = await startUsersServer({ logRequestBodies: true });
    const res = await request(`${s.url}/big`, { headers: { 'X-Request-Id': 'dump-2', 'Accept-Encoding': 'gzip' } });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(JSON.parse(gunzipSync(res.body).toString('utf8')).length, 500);
    const dump = await dumpOf('dump-2');
    assert.match(String(dump.respBody), /^\[\{"i":0,"name":"user number 0"\}/);
    assert.match(String(dump.respBody), /… \(\d+ characters\)$/);
    assert.ok(String(dump.respBody).length < 1100);
  });

  it('describes a streamed download instead of buffering it', async () => {
    s = await startUsersServer({ logRequestBodies: true });
    const res = await request(`${s.url}/download-stream`, { headers: { 'X-Request-Id': 'dump-3' } });
    assert.equal(res.body.length, 64 * 1024);
    assert.equal((await dumpOf('dump-3')).respBody, '[stream]');
  });

  it('writes no dump at info level, nor without GDD_LOG_REQ_ENABLE', async () => {
    const { logger, lines } = captureLogger();
    logger.level = 'info';
    s = await startUsersServer({ logRequestBodies: true, logger });
    await request(`${s.url}/users/1`, { headers: { 'X-Request-Id': 'dump-4' } });
    await waitFor(() => lines.some((l) => l.requestId === 'dump-4'));
    await s.server.close();
    s = await startUsersServer({ logRequestBodies: false });
    await request(`${s.url}/users/1`, { headers: { 'X-Request-Id': 'dump-5' } });
    await waitFor(() => s!.lines.some((l) => l.requestId === 'dump-5'));
    assert.deepEqual(
      [...lines, ...s.lines].filter((l) => l.level === 'debug' && String(l.requestId).startsWith('dump-')),
      [],
    );
  });
});
