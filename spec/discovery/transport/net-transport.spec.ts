import { strict as assert } from 'node:assert';
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { NetTransport, NetTransportOptions, StreamConn, TransportError } from '../../../lib/discovery/transport';
import { waitFor } from '../../support/wait-for';
import { isCode } from '../../support/errors';

type Partial2 = Partial<NetTransportOptions>;

describe('discovery/transport NetTransport', () => {
  const open: NetTransport[] = [];
  const sockets: Array<{ close: () => void }> = [];

  async function listen(extra: Partial2 = {}): Promise<NetTransport> {
    const t = await NetTransport.listen({
      bindAddr: '127.0.0.1',
      bindPort: 0,
      tcpTimeoutMs: 2000,
      onPacket: () => undefined,
      onStream: async () => undefined,
      ...extra,
    });
    open.push(t);
    return t;
  }

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await Promise.all(open.splice(0).map((t) => t.close()));
  });

  it('binds UDP and TCP to the same port when asked for port 0', async () => {
    const t = await listen();
    assert.ok(t.port > 0);
    const udpBusy = dgram.createSocket('udp4');
    await assert.rejects(
      new Promise<void>((resolve, reject) => {
        udpBusy.once('error', reject);
        udpBusy.bind(t.port, '127.0.0.1', () => resolve());
      }),
      /EADDRINUSE/,
    );
    udpBusy.close();
    await new Promise<void>((resolve, reject) => {
      const c = net.connect(t.port, '127.0.0.1', () => {
        c.destroy();
        resolve();
      });
      c.once('error', reject);
    });
  });

  it('sends datagrams from the bound gossip port and delivers received ones with their source', async () => {
    const got: Array<{ data: Buffer; port: number; address: string }> = [];
    const a = await listen({ onPacket: (data, from) => got.push({ data, ...from }) });
    const b = await listen();
    await b.sendPacket(Buffer.from('hello'), '127.0.0.1', a.port);
    const first = await waitFor(() => got[0], { message: 'packet at a' });
    assert.equal(first.data.toString(), 'hello');
    assert.equal(first.port, b.port);
    assert.equal(first.address, '127.0.0.1');
    assert.equal(a.stats.packetsReceived, 1);
    assert.equal(b.stats.packetsSent, 1);
  });

  it('counts a packet whose handler throws as dropped and keeps receiving', async () => {
    let calls = 0;
    const a = await listen({
      onPacket: () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
    });
    const b = await listen();
    await b.sendPacket(Buffer.from('x'), '127.0.0.1', a.port);
    await b.sendPacket(Buffer.from('y'), '127.0.0.1', a.port);
    await waitFor(() => calls === 2, { message: 'two packets handled' });
    assert.equal(a.stats.packetsDropped['handler-error'], 1);
  });

  it('carries a request and a reply over one stream', async () => {
    const a = await listen({
      onStream: async (conn: StreamConn) => {
        const chunk = await conn.read();
        await conn.write(Buffer.concat([Buffer.from('re:'), chunk ?? Buffer.alloc(0)]));
      },
    });
    const b = await listen();
    const conn = await b.dial('127.0.0.1', a.port);
    await conn.write(Buffer.from('ping'));
    const parts: Buffer[] = [];
    for (let c = await conn.read(); c; c = await conn.read()) parts.push(c);
    conn.destroy();
    assert.equal(Buffer.concat(parts).toString(), 're:ping');
    assert.equal(b.stats.streamsDialed, 1);
    assert.equal(a.stats.streamsAccepted, 1);
  });

  it('cuts an inbound peer that connects and sends nothing after tcpTimeout, counting a timeout', async () => {
    const a = await listen({
      tcpTimeoutMs: 300,
      onStream: async (conn) => {
        await conn.read();
      },
    });
    const silent = net.connect(a.port, '127.0.0.1');
    sockets.push({ close: () => silent.destroy() });
    const closedAt = new Promise<void>((resolve) => silent.once('close', () => resolve()));
    silent.on('error', () => undefined);
    await closedAt;
    await waitFor(() => a.stats.streamsDropped.timeout === 1, { message: 'timeout counted' });
  });

  it('fails a dial to a port nobody listens on with CONNECT_FAILED', async () => {
    const a = await listen();
    const probe = await listen();
    const deadPort = probe.port;
    await probe.close();
    await assert.rejects(a.dial('127.0.0.1', deadPort), isCode(TransportError, 'CONNECT_FAILED'));
  });

  it('times out reading from a silent server', async () => {
    const server = net.createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    sockets.push({ close: () => server.close() });
    const port = (server.address() as net.AddressInfo).port;
    const a = await listen();
    const conn = await a.dial('127.0.0.1', port, 300);
    await assert.rejects(conn.read(), isCode(TransportError, 'TIMEOUT'));
    server.getConnections(() => undefined);
  });

  it('closes inbound streams beyond the concurrency cap and counts them', async () => {
    const hold: Array<() => void> = [];
    const a = await listen({
      maxInboundStreams: 2,
      onStream: () => new Promise<void>((resolve) => hold.push(resolve)),
    });
    const clients = [0, 1, 2].map(() => {
      const c = net.connect(a.port, '127.0.0.1');
      c.on('error', () => undefined);
      sockets.push({ close: () => c.destroy() });
      return c;
    });
    await waitFor(() => a.stats.streamsAccepted + (a.stats.streamsDropped['too-many'] ?? 0) === 3, { message: '3 connections seen' });
    assert.equal(a.stats.streamsAccepted, 2);
    assert.equal(a.stats.streamsDropped['too-many'], 1);
    hold.forEach((r) => r());
    clients.forEach((c) => c.destroy());
  });

  it('refuses a port already in use with BIND_FAILED', async () => {
    const a = await listen();
    await assert.rejects(listen({ bindPort: a.port }), isCode(TransportError, 'BIND_FAILED'));
  });

  it('releases the port on close so it can be bound again', async () => {
    const a = await listen();
    const port = a.port;
    await a.close();
    const again = await listen({ bindPort: port });
    assert.equal(again.port, port);
  });
});
