/**
 * The gossip transport: one UDP socket and one TCP listener on the same port (docs/gossip-wire-format.md#transport),
 * UDP sent from the bound socket (so the source port is the gossip port), TCP streams with deadlines and
 * a cap on concurrent inbound streams. It moves bytes only; decoding and protocol live above it.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { TransportCounters, TransportStats } from './counters';
import { TransportError } from './errors';
import { normalizeAddress, StreamConn } from './stream-conn';

/** Go reads every packet into a 65 536-byte buffer (docs/gossip-wire-format.md#sizes-and-limits); a UDP datagram cannot be larger anyway. */
export const UDP_RECEIVE_BUFFER = 65_536;
/** Go asks the kernel for a 2 MiB socket receive buffer, halving until accepted (docs/gossip-wire-format.md#sizes-and-limits). */
const UDP_SOCKET_BUFFER = 2 * 1024 * 1024;
/** Go accepts at most 128 concurrent inbound push/pulls (docs/gossip-wire-format.md#tcp-streams). */
export const DEFAULT_MAX_INBOUND_STREAMS = 128;
/** memberlist refuses stream frames over 20 MiB (docs/gossip-wire-format.md#push-pull); a little slack for framing. */
export const DEFAULT_MAX_STREAM_BYTES = 21 * 1024 * 1024;

export interface PacketSource {
  address: string;
  port: number;
}

export interface NetTransportOptions {
  bindAddr: string;
  /** 0 = pick a port free for both UDP and TCP. */
  bindPort: number;
  /** Deadline (ms) for connect and for a whole stream exchange (GDD_MEM_TCP_TIMEOUT). */
  tcpTimeoutMs: number;
  maxInboundStreams?: number;
  maxStreamBytes?: number;
  onPacket: (data: Buffer, from: PacketSource, receivedAt: number) => void;
  /** Handle an accepted stream; the transport closes it when the promise settles. */
  onStream: (conn: StreamConn) => Promise<void>;
}

export class NetTransport {
  readonly counters = new TransportCounters();
  private closed = false;
  private readonly inbound = new Set<StreamConn>();
  private readonly outbound = new Set<StreamConn>();

  private constructor(
    private readonly udp: dgram.Socket,
    private readonly tcp: net.Server,
    readonly bindAddr: string,
    readonly port: number,
    private readonly options: NetTransportOptions,
  ) {
    udp.on('message', (msg, rinfo) => {
      if (this.closed) return;
      this.counters.packetReceived(msg.length);
      try {
        options.onPacket(msg, { address: normalizeAddress(rinfo.address), port: rinfo.port }, Date.now());
      } catch {
        // A handler bug on one packet must not take the node down: count it as a drop.
        this.counters.dropPacket('handler-error');
      }
    });
    // Errors on an unconnected UDP socket (e.g. ICMP unreachable on some platforms) are not fatal.
    udp.on('error', () => this.counters.sendError());
    tcp.on('connection', (socket) => this.accept(socket));
    tcp.on('error', () => undefined);
  }

  static async listen(options: NetTransportOptions): Promise<NetTransport> {
    const family = net.isIPv6(options.bindAddr) ? 'udp6' : 'udp4';
    const attempts = options.bindPort === 0 ? 20 : 1;
    let lastError: unknown;
    for (let i = 0; i < attempts; i++) {
      const udp = dgram.createSocket({ type: family, reuseAddr: false });
      try {
        await new Promise<void>((resolve, reject) => {
          udp.once('error', reject);
          udp.bind(options.bindPort, options.bindAddr, () => {
            udp.off('error', reject);
            resolve();
          });
        });
      } catch (err) {
        udp.close();
        throw new TransportError('BIND_FAILED', `cannot bind UDP ${options.bindAddr}:${options.bindPort}: ${String(err)}`, { cause: err });
      }
      const port = udp.address().port;
      const tcp = net.createServer({ pauseOnConnect: false });
      try {
        await new Promise<void>((resolve, reject) => {
          tcp.once('error', reject);
          tcp.listen({ port, host: options.bindAddr, exclusive: true, backlog: 512 }, () => {
            tcp.off('error', reject);
            resolve();
          });
        });
      } catch (err) {
        lastError = err;
        await new Promise<void>((resolve) => udp.close(() => resolve()));
        // Port 0: UDP got a port whose TCP twin is taken — try another one.
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE' && options.bindPort === 0) continue;
        throw new TransportError('BIND_FAILED', `cannot listen TCP ${options.bindAddr}:${port}: ${String(err)}`, { cause: err });
      }
      setSocketBuffer(udp);
      return new NetTransport(udp, tcp, options.bindAddr, port, options);
    }
    throw new TransportError('BIND_FAILED', `no port free for both UDP and TCP on ${options.bindAddr}`, { cause: lastError });
  }

  get stats(): TransportStats {
    return this.counters.snapshot();
  }

  /** Send one datagram from the gossip socket. Errors are counted, never thrown (UDP is best effort). */
  sendPacket(data: Uint8Array, addr: string, port: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.udp.send(data, port, addr, (err) => {
        if (err) this.counters.sendError();
        else this.counters.packetSent(data.length);
        resolve();
      });
    });
  }

  /** Open a stream to a peer; connect must finish within tcpTimeout, and so must the whole exchange. */
  async dial(addr: string, port: number, timeoutMs = this.options.tcpTimeoutMs): Promise<StreamConn> {
    if (this.closed) throw new TransportError('CLOSED', 'transport is closed');
    const socket = net.connect({ host: addr, port });
    socket.setNoDelay(true);
    const conn = new StreamConn(socket, this.options.maxStreamBytes ?? DEFAULT_MAX_STREAM_BYTES);
    conn.setDeadline(timeoutMs);
    this.outbound.add(conn);
    socket.once('close', () => this.outbound.delete(conn));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        socket.off('connect', onConnect);
        reject(new TransportError('CONNECT_FAILED', `cannot connect to ${addr}:${port}: ${err.message}`, { cause: err }));
      };
      const onConnect = () => {
        socket.off('error', onError);
        resolve();
      };
      socket.once('error', onError);
      socket.once('close', () => onError(new TransportError('STREAM_CLOSED', 'connection closed (deadline or reset)')));
      socket.once('connect', onConnect);
    });
    this.counters.streamDialed();
    return conn;
  }

  private accept(socket: net.Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const max = this.options.maxInboundStreams ?? DEFAULT_MAX_INBOUND_STREAMS;
    if (this.inbound.size >= max) {
      this.counters.dropStream('too-many');
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const conn = new StreamConn(socket, this.options.maxStreamBytes ?? DEFAULT_MAX_STREAM_BYTES);
    conn.setDeadline(this.options.tcpTimeoutMs);
    this.inbound.add(conn);
    this.counters.streamAccepted();
    const done = () => {
      this.inbound.delete(conn);
      conn.destroy();
    };
    this.options
      .onStream(conn)
      .catch((err: unknown) => {
        this.counters.dropStream(err instanceof TransportError ? err.code.toLowerCase() : 'handler-error');
      })
      .finally(() => {
        // Let a written reply drain before closing.
        conn.clearDeadline();
        conn.end();
        const t = setTimeout(done, 1000);
        t.unref();
        conn.closed().then(() => {
          clearTimeout(t);
          done();
        }, done);
      });
  }

  get inboundStreams(): number {
    return this.inbound.size;
  }

  /** Release both sockets and every open stream. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of [...this.inbound, ...this.outbound]) c.destroy();
    this.inbound.clear();
    this.outbound.clear();
    await Promise.all([
      new Promise<void>((resolve) => this.udp.close(() => resolve())),
      new Promise<void>((resolve) => this.tcp.close(() => resolve())),
    ]);
  }
}

function setSocketBuffer(udp: dgram.Socket): void {
  for (let size = UDP_SOCKET_BUFFER; size >= UDP_RECEIVE_BUFFER; size /= 2) {
    try {
      udp.setRecvBufferSize(size);
      return;
    } catch {
      /* halve and retry, like Go */
    }
  }
}
