import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { KeepAliveLoad } from '../support/keep-alive-load';
import { connectOutcome } from '../support/connect-outcome';
import { waitFor } from '../support/wait-for';
import { startUsersServer, type Started } from './support/start-server';

/** A raw keep-alive connection: send a request, read one response, keep the socket. */
class RawConnection {
  readonly socket: net.Socket;
  private buffer = '';
  closed = false;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (d: Buffer) => (this.buffer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.once('close', () => (this.closed = true));
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends GET `path` and resolves with the response head once a complete answer (with Content-Length) is in. */
  async get(path: string): Promise<string> {
    this.buffer = '';
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`);
    return waitFor(
      () => {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) return undefined;
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(this.buffer)?.[1] ?? 0);
        return this.buffer.length >= end + 4 + length ? this.buffer.slice(0, end) : undefined;
      },
      { timeoutMs: 5000, message: `answer to GET ${path}` },
    );
  }
}

describe('connection-drain', () => {
  let s: Started;
  beforeEach(async () => {
    s = await startUsersServer();
  });
  afterEach(() => s.server.close({ graceMs: 0 }));

  it('keeps an idle keep-alive connection open, answers its next request with Connection: close, then closes it', async () => {
    const conn = await RawConnection.open(s.port);
    assert.match(await conn.get('/users/1'), /^HTTP\/1\.1 200/);
    const closing = s.server.close({ graceMs: 30_000, drainMs: 20_000 });
    await waitFor(async () => (await connectOutcome(s.port)) === 'ECONNREFUSED', { timeoutMs: 5000, message: 'listening stopped' });
    assert.equal(conn.closed, false, 'the idle connection survived the start of the shutdown');
    const head = await conn.get('/users/2');
    assert.match(head, /^HTTP\/1\.1 200/);
    assert.match(head, /\r\nConnection: close/i);
    await waitFor(() => conn.closed, { timeoutMs: 5000, message: 'connection closed after its response' });
    await closing; // resolves once no connection is left, long before the 20 s window
  });

  it('closes connections still idle at the end of the drain window', async () => {
    const conn = await RawConnection.open(s.port);
    await conn.get('/users/1');
    await s.server.close({ graceMs: 30_000, drainMs: 200 });
    await waitFor(() => conn.closed, { timeoutMs: 5000 });
  });

  it('lets a request in flight at the end of the window finish, then closes its connection', async () => {
    const conn = await RawConnection.open(s.port);
    const slow = conn.get('/slow');
    await waitFor(() => s.service.gate.entered === 1, { timeoutMs: 5000 });
    const closing = s.server.close({ graceMs: 30_000, drainMs: 50 });
    // the window ends while /slow is held; the request still gets its whole answer
    await waitFor(async () => (await connectOutcome(s.port)) === 'ECONNREFUSED', { timeoutMs: 5000 });
    s.service.gate.releaseAll();
    assert.match(await slow, /^HTTP\/1\.1 200[\s\S]*\r\nConnection: close/i);
    await closing;
    assert.equal(conn.closed, true);
  });

  it('costs keep-alive clients that honour Connection: close no reset: every request before close() answered, then only refusals', async () => {
    const load = new KeepAliveLoad({ url: `${s.url}/users/1`, clients: 20 }).start();
    await waitFor(() => load.answered >= 400, { timeoutMs: 20_000, message: 'load running' });
    load.mark();
    await s.server.close({ graceMs: 20_000, drainMs: 10_000 });
    const report = await load.finished();
    assert.equal(report.answeredBeforeMark, report.sentBeforeMark, JSON.stringify(report));
    assert.deepEqual(Object.keys(report.failures), ['ECONNREFUSED'], JSON.stringify(report));
    assert.ok(report.answeredAfterMark > 0, 'requests on open connections were served during the drain');
  });
});
