import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { waitFor } from '../support/wait-for';
import { startUsersServer, type Started } from './support/start-server';

interface RawAnswer {
  status: number;
  raw: string;
  body: string;
}

/** Writes raw bytes on a fresh connection and reads until the server closes it. */
function rawRequest(port: number, bytes: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('the server did not close the connection')));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0), raw, body: raw.slice(raw.indexOf('\r\n\r\n') + 4) });
    });
    socket.end(bytes);
  });
}

describe('client-error', () => {
  let s: Started;
  before(async () => {
    s = await startUsersServer();
  });
  after(() => s.server.close({ graceMs: 0 }));

  function assertJsonError(r: RawAnswer, status: number, code: string): void {
    assert.equal(r.status, status, r.raw);
    assert.match(r.raw, /\r\nContent-Type: application\/json; charset=utf-8\r\n/i);
    assert.match(r.raw, /\r\nConnection: close\r\n/i);
    const e = (JSON.parse(r.body) as { error: { code: string; message: string; requestId: string } }).error;
    assert.equal(e.code, code);
    assert.match(r.raw, new RegExp(`\\r\\nX-Request-Id: ${e.requestId}\\r\\n`, 'i'));
  }

  it('answers Transfer-Encoding together with Content-Length with 400 MALFORMED_REQUEST in the JSON error shape', async () => {
    const r = await rawRequest(
      s.port,
      'POST /page/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\nContent-Type: application/json\r\n\r\n0\r\n\r\n',
    );
    assertJsonError(r, 400, 'MALFORMED_REQUEST');
    assert.match(r.body, /not valid HTTP\/1\.1: Content-Length can't be present with Transfer-Encoding/);
  });

  it('answers a header with a control byte with 400 MALFORMED_REQUEST', async () => {
    assertJsonError(await rawRequest(s.port, 'GET /users/1 HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n'), 400, 'MALFORMED_REQUEST');
  });

  it('answers headers over the size limit with 431 HEADERS_TOO_LARGE', async () => {
    const r = await rawRequest(s.port, `GET /users/1 HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    assertJsonError(r, 431, 'HEADERS_TOO_LARGE');
  });

  it('counts such requests in the metrics and logs them as unmatched malformed', async () => {
    const before = s.lines.length;
    await rawRequest(s.port, 'GARBAGE\r\n\r\n');
    const line = await waitFor(() => s.lines.slice(before).find((l) => l.route === 'unmatched'), { timeoutMs: 5000 });
    assert.match(line.message, /^- unmatched 400 [\d.]+ms \d+B \S+ malformed$/);
    const text = (await s.server.metrics.exposition()).text;
    assert.match(text, /go_doudou_http_request_count\{path="unmatched",method="",status="400"[^}]*\} [1-9]/);
    assert.match(text, /go_doudou_http_request_count\{path="unmatched",method="",status="431"[^}]*\} 1/);
  });

  it('records a request the client closes half-way through its body as aborted, not as a malformed 400', async () => {
    const before = s.lines.length;
    const r = await rawRequest(
      s.port,
      'POST /page/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"page":',
    );
    assert.equal(r.raw, '', 'nothing is answered to a client that has gone');
    const line = await waitFor(() => s.lines.slice(before).find((l) => l.url === '/page/users'), { timeoutMs: 5000 });
    assert.equal(line.outcome, 'aborted', line.message);
    assert.equal(line.status, undefined, line.message);
  });

  it('keeps serving after garbage', async () => {
    const r = await rawRequest(s.port, 'GET /users/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(r.status, 200);
  });
});
