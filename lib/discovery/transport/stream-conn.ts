/**
 * One TCP gossip connection (docs/gossip-wire-format.md#tcp-streams: one request, at most one response, then close),
 * with a deadline over the whole exchange like Go's `conn.SetDeadline(now + TCPTimeout)`: a slow or silent
 * peer is cut when it passes. Reads are pull-based so a decoder can take bytes as they arrive.
 */
import type * as net from 'node:net';
import { TransportError } from './errors';

export class StreamConn {
  private readonly chunks: Buffer[] = [];
  private waiter?: { resolve: (b: Buffer | null) => void; reject: (e: Error) => void };
  private ended = false;
  private failure?: Error;
  private deadlineTimer?: NodeJS.Timeout;
  private bytesRead = 0;

  constructor(
    readonly socket: net.Socket,
    /** Hard cap on bytes read from this connection (memberlist refuses frames > 20 MiB, docs/gossip-wire-format.md#push-pull). */
    private readonly maxBytes: number,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.bytesRead += chunk.length;
      if (this.bytesRead > this.maxBytes) {
        this.fail(new TransportError('STREAM_TOO_LARGE', `stream exceeded ${this.maxBytes} bytes`));
        return;
      }
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = undefined;
        w.resolve(chunk);
      } else {
        this.chunks.push(chunk);
        // Back-pressure: stop reading until the consumer catches up.
        if (this.chunks.length > 64) socket.pause();
      }
    });
    socket.on('end', () => {
      this.ended = true;
      this.settleWaiter();
    });
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => {
      this.ended = true;
      this.clearDeadline();
      this.settleWaiter();
    });
  }

  get remoteAddress(): string {
    return normalizeAddress(this.socket.remoteAddress ?? '');
  }

  get remotePort(): number {
    return this.socket.remotePort ?? 0;
  }

  /** Cut the connection with a TIMEOUT error if it is still open `ms` from now (replaces an earlier deadline). */
  setDeadline(ms: number): void {
    this.clearDeadline();
    this.deadlineTimer = setTimeout(() => {
      this.fail(new TransportError('TIMEOUT', `stream deadline of ${ms} ms passed`));
    }, ms);
    this.deadlineTimer.unref();
  }

  clearDeadline(): void {
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
  }

  /** Next chunk of bytes, or null at a clean end of stream. Rejects on deadline, reset or size limit. */
  read(): Promise<Buffer | null> {
    if (this.failure) return Promise.reject(this.failure);
    const next = this.chunks.shift();
    if (next) {
      if (this.chunks.length < 16) this.socket.resume();
      return Promise.resolve(next);
    }
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  write(data: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.socket.write(data, (err) => (err ? reject(this.failure ?? err) : resolve()));
    });
  }

  /** Half-close after our last write (the peer reads to EOF). */
  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.clearDeadline();
    this.socket.destroy();
  }

  /** Resolves when the socket is fully closed. */
  closed(): Promise<void> {
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  private fail(err: Error): void {
    if (!this.failure) this.failure = err;
    this.clearDeadline();
    this.socket.destroy();
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.reject(this.failure);
    }
  }

  private settleWaiter(): void {
    if (!this.waiter) return;
    const w = this.waiter;
    this.waiter = undefined;
    if (this.failure) w.reject(this.failure);
    else w.resolve(null);
  }
}

/** '::ffff:127.0.0.1' → '127.0.0.1' (dual-stack sockets report IPv4 peers in mapped form). */
export function normalizeAddress(addr: string): string {
  return addr.startsWith('::ffff:') && addr.includes('.') ? addr.slice(7) : addr;
}
