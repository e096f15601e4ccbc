import { strict as assert } from 'node:assert';
import { waitFor } from '../support/wait-for';
import { request } from './support/http-client';
import { startUsersServer } from './support/start-server';

describe('access-log', () => {
  it('logs one line per request with method, route template, status, ms, bytes and request id', async () => {
    const s = await startUsersServer();
    try {
      const res = await request(`${s.url}/users/7`, { headers: { 'X-Request-Id': 'log-1' } });
      const line = await waitFor(() => s.lines.find((l) => l.requestId === 'log-1' && l.level === 'info'), { timeoutMs: 5000 });
      assert.equal(line.method, 'GET');
      assert.equal(line.route, '/users/:id');
      assert.equal(line.status, 200);
      assert.equal(line.bytes, res.body.length);
      assert.equal(typeof line.ms, 'number');
      assert.match(line.message, /^GET \/users\/:id 200 [\d.]+ms \d+B log-1$/);
      assert.equal(s.lines.filter((l) => l.requestId === 'log-1' && l.level === 'info').length, 1);
      assert.equal(line.reqBody, undefined);
    } finally {
      await s.server.close();
    }
  });

  it('logs 404s as unmatched with their status', async () => {
    const s = await startUsersServer();
    try {
      await request(`${s.url}/missing`, { headers: { 'X-Request-Id': 'log-404' } });
      const line = await waitFor(() => s.lines.find((l) => l.requestId === 'log-404' && l.level === 'info'), { timeoutMs: 5000 });
      assert.equal(line.route, 'unmatched');
      assert.equal(line.status, 404);
    } finally {
      await s.server.close();
    }
  });

  it('adds the parsed request body when logRequestBodies (GDD_LOG_REQ_ENABLE) is on', async () => {
    const s = await startUsersServer({ logRequestBodies: true });
    try {
      await request(`${s.url}/page/users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'log-body' },
        body: '{"page":4}',
      });
      const line = await waitFor(() => s.lines.find((l) => l.requestId === 'log-body' && l.level === 'info'), { timeoutMs: 5000 });
      assert.deepEqual(line.reqBody, { page: 4 });
    } finally {
      await s.server.close();
    }
  });

  it('writes no access line when the logger level is above info', async () => {
    const s = await startUsersServer();
    s.logger.level = 'warn';
    try {
      const res = await request(`${s.url}/users/3`, { headers: { 'X-Request-Id': 'quiet-1' } });
      assert.equal(res.status, 200);
      await request(`${s.url}/boom`, { headers: { 'X-Request-Id': 'quiet-2' } });
      await waitFor(() => s.lines.some((l) => l.requestId === 'quiet-2' && l.level === 'error'), { timeoutMs: 5000 });
      assert.equal(s.lines.filter((l) => l.level === 'info').length, 0);
    } finally {
      await s.server.close();
    }
  });
});
