import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { slowRequest } from '../support/slow-client';
import { waitFor } from '../support/wait-for';
import type { LogLine } from './support/capture-logger';
import { startUsersServer, type Started } from './support/start-server';

/** Opens a raw connection, sends `head` whole, and returns the socket (the test decides how it ends). */
function rawRequest(port: number, head: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(head);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Waits until a request made now has been logged: whatever the earlier ones were going to log is in by then. */
async function settled(started: Started): Promise<void> {
  const id = `marker-${Math.random().toString(36).slice(2)}`;
  await fetch(`${started.url}/users/1`, { headers: { 'X-Request-Id': id } });
  await waitFor(() => started.lines.some((l) => l.requestId === id), { timeoutMs: 5000 });
}

const problems = (lines: LogLine[]): LogLine[] => lines.filter((l) => l.level === 'error' || l.level === 'warn');

describe('response-outcome', () => {
  let s: Started | undefined;
  afterEach(async () => {
    s?.service.gate.releaseAll();
    await s?.server.close({ graceMs: 0 });
    s = undefined;
  });

  const accessLine = (started: Started, requestId: string): Promise<LogLine> =>
    waitFor(() => started.lines.find((l) => l.requestId === requestId && l.level === 'info'), { timeoutMs: 5000 });

  it('records a request the client abandoned as `aborted` with no status, not as 404, and logs no error', async () => {
    s = await startUsersServer();
    const socket = await rawRequest(s.port, 'GET /slow HTTP/1.1\r\nHost: x\r\nX-Request-Id: gone-1\r\n\r\n');
    await waitFor(() => s!.service.gate.entered === 1, { timeoutMs: 5000 });
    socket.destroy();
    const line = await accessLine(s, 'gone-1');
    assert.equal(line.status, undefined);
    assert.equal(line.outcome, 'aborted');
    assert.match(line.message, /^GET \/slow - [\d.]+ms 0B gone-1 aborted$/);
    s.service.gate.releaseAll();
    const text = (await s.server.metrics.exposition()).text;
    assert.match(text, /go_doudou_http_request_count\{path="\/slow",method="GET",status="aborted"[^}]*\} 1/);
    assert.ok(!text.includes('status="404"'));
    await settled(s);
    assert.deepEqual(problems(s.lines), []);
  });

  it('records a request cut by GDD_WRITE_TIMEOUT (an idle connection while the handler runs) as `write-timeout`', async () => {
    s = await startUsersServer({ timeouts: { readMs: 30_000, writeMs: 300, idleMs: 30_000 } });
    const r = slowRequest({ port: s.port, bytes: 'GET /slow HTTP/1.1\r\nHost: x\r\nX-Request-Id: idle-1\r\n\r\n', chunkSize: 1000 });
    const line = await accessLine(s, 'idle-1');
    assert.equal(line.outcome, 'write-timeout');
    assert.equal(line.status, undefined);
    assert.equal((await r).status, undefined, 'the connection closed without an answer');
    assert.match((await s.server.metrics.exposition()).text, /status="write-timeout"/);
    s.service.gate.releaseAll();
    await settled(s);
    assert.deepEqual(problems(s.lines), []);
  });

  it('records a request still running at the end of the grace period as `shutdown`', async () => {
    s = await startUsersServer();
    const socket = await rawRequest(s.port, 'GET /slow HTTP/1.1\r\nHost: x\r\nX-Request-Id: late-1\r\n\r\n');
    socket.on('error', () => undefined);
    await waitFor(() => s!.service.gate.entered === 1, { timeoutMs: 5000 });
    await s.server.close({ graceMs: 50 });
    const line = await accessLine(s, 'late-1');
    assert.equal(line.outcome, 'shutdown');
    assert.equal(line.status, undefined);
  });

  it('answers bytes that are not HTTP with 400 and logs them at debug only', async () => {
    s = await startUsersServer();
    const r = await slowRequest({ port: s.port, bytes: 'HELLO THERE\r\n\r\n', chunkSize: 100 });
    assert.equal(r.status, 400);
    await waitFor(() => s!.lines.find((l) => l.level === 'debug' && /client error/.test(l.message)), { timeoutMs: 5000 });
    await settled(s);
    assert.deepEqual(problems(s.lines), []);
  });

  it('keeps recording completed requests with their status and no outcome', async () => {
    s = await startUsersServer();
    await fetch(`${s.url}/users/4`, { headers: { 'X-Request-Id': 'ok-1' } });
    const line = await accessLine(s, 'ok-1');
    assert.equal(line.status, 200);
    assert.equal(line.outcome, undefined);
  });
});
