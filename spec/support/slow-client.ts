/**
 * A client that sends a request a few bytes at a time over a raw TCP socket — a slow or stalled client
 * (slowloris) as a server sees it — and reports what came back and when.
 */
import * as net from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * The most a timing bound in a test allows beyond what the requirement itself allows: a loaded 2-core
 * machine can hold a timer or a socket event back by this much. The one place such slack is granted.
 */
export const SCHEDULING_SLACK_MS = 1500;

export interface SlowRequestOptions {
  port: number;
  host?: string;
  /** What to send, in order; sending stops when the server answers or closes. */
  bytes: Buffer | string;
  /** Bytes per write. Default 1. */
  chunkSize?: number;
  /** Pause between writes (ms). Default 100. */
  intervalMs?: number;
  /** Give up (and destroy the socket) after this long. Default 20000. */
  giveUpMs?: number;
}

export interface SlowRequestResult {
  /** Status of the answer, undefined when the connection closed without one. */
  status: number | undefined;
  /** Raw response text (head and body). */
  raw: string;
  /** Body of the answer (after the blank line). */
  body: string;
  /** Local port of the connection (the server sees it as the remote port). */
  localPort: number;
  /** performance.now() when the connection was established / when the first byte of the answer came. */
  connectedAt: number;
  answeredAt: number | undefined;
  /** performance.now() when the connection closed. */
  closedAt: number;
  /** Bytes written before the answer or close. */
  sent: number;
  /** Socket error code seen (after the answer, a reset of the rest of the writes is normal). */
  errorCode: string | undefined;
}

export function slowRequest(options: SlowRequestOptions): Promise<SlowRequestResult> {
  const data = Buffer.isBuffer(options.bytes) ? options.bytes : Buffer.from(options.bytes);
  const chunk = options.chunkSize ?? 1;
  return new Promise((resolve) => {
    const socket = net.connect(options.port, options.host ?? '127.0.0.1');
    let raw = '';
    let sent = 0;
    let connectedAt = performance.now();
    let localPort = 0;
    let answeredAt: number | undefined;
    let errorCode: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => socket.destroy(), options.giveUpMs ?? 20_000);
    const writeNext = (): void => {
      timer = undefined;
      if (answeredAt !== undefined || socket.destroyed || sent >= data.length) return;
      const piece = data.subarray(sent, sent + chunk);
      sent += piece.length;
      socket.write(piece);
      timer = setTimeout(writeNext, options.intervalMs ?? 100);
    };
    socket.once('connect', () => {
      connectedAt = performance.now();
      localPort = socket.localPort ?? 0;
      writeNext();
    });
    socket.on('data', (d: Buffer) => {
      answeredAt ??= performance.now();
      raw += d.toString('latin1');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      errorCode ??= err.code ?? err.message;
    });
    socket.once('close', () => {
      clearTimeout(giveUp);
      if (timer) clearTimeout(timer);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1];
      const split = raw.indexOf('\r\n\r\n');
      resolve({
        status: status === undefined ? undefined : Number(status),
        raw,
        body: split >= 0 ? raw.slice(split + 4) : '',
        localPort,
        connectedAt,
        answeredAt,
        closedAt: performance.now(),
        sent,
        errorCode,
      });
    });
  });
}

/**
 * Opens a connection and sends a request head plus the first `sendBytes` of `body` (with the whole
 * body's Content-Length), then holds the connection open: an upload in progress, as long as the test likes.
 */
export function partialRequest(options: {
  port: number;
  method?: string;
  path: string;
  contentType: string;
  body: Buffer;
  sendBytes: number;
  headers?: Record<string, string>;
}): Promise<net.Socket> {
  const extra = Object.entries(options.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return new Promise((resolve, reject) => {
    const socket = net.connect(options.port, '127.0.0.1', () => {
      socket.off('error', reject);
      socket.on('error', () => undefined); // a reset once the server cuts it is expected
      socket.write(
        `${options.method ?? 'POST'} ${options.path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${options.contentType}\r\n` +
          `Content-Length: ${options.body.length}\r\n${extra}\r\n`,
      );
      socket.write(options.body.subarray(0, options.sendBytes));
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
