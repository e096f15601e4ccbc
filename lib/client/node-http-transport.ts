/**
 * One attempt over node:http (the default transport): a keep-alive agent per client, the answer read into a
 * Buffer and decompressed (gzip, deflate, br — lib/http compresses answers above 1 KiB), no redirects.
 * Timeouts: connecting is bounded by connectTimeoutMs (then RemoteUnavailableError CONNECT_TIMEOUT, so the
 * retry moves on), the whole attempt by attemptTimeoutMs when set (ClientTimeoutError, scope 'attempt');
 * the policy's abort signal (call deadline) destroys the request.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { pipeline } from 'node:stream';
import * as zlib from 'node:zlib';
import { ClientTimeoutError, RemoteUnavailableError, type CallTarget } from './errors';
import type { RawResponse } from './response-decoder';
import { CONNECTION_ERROR_CODES, TRANSPORT_DEFAULTS, type AttemptRequest, type Transport, type TransportOptions } from './transport';

const DEFAULT_HEADERS = Object.freeze({
  'user-agent': 'ts-doudou-client',
  accept: 'application/json',
  'accept-encoding': 'gzip, deflate, br',
});

/** Why we destroyed a request ourselves. */
class Stop extends Error {
  constructor(readonly kind: 'connect' | 'attempt' | 'abort') {
    super(kind);
  }
}

function decompress(encoding: string | undefined, body: Buffer): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(body);
    case 'deflate':
      return zlib.inflateSync(body);
    case 'br':
      return zlib.brotliDecompressSync(body);
    default:
      return body;
  }
}

export class NodeHttpTransport implements Transport {
  private readonly agents: { http: http.Agent; https: https.Agent };
  private readonly own: boolean;
  private readonly connectTimeoutMs: number;
  private readonly attemptTimeoutMs: number;

  constructor(options: TransportOptions = {}) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? TRANSPORT_DEFAULTS.connectTimeoutMs;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? TRANSPORT_DEFAULTS.attemptTimeoutMs;
    this.own = options.agents === undefined;
    this.agents = {
      http: options.agents?.http ?? new http.Agent({ keepAlive: true }),
      https: options.agents?.https ?? new https.Agent({ keepAlive: true }),
    };
  }

  send(req: AttemptRequest, target: CallTarget, signal?: AbortSignal): Promise<RawResponse> {
    if (signal?.aborted) return Promise.reject(this.translate(new Stop('abort'), target));
    return new Promise<RawResponse>((resolve, reject) => {
      const secure = req.url.startsWith('https:');
      const headers: Record<string, string | number> = { ...DEFAULT_HEADERS, ...req.headers };
      if (Buffer.isBuffer(req.body)) headers['content-length'] = req.body.length;
      const timers: NodeJS.Timeout[] = [];
      let settled = false;
      const finish = (err: unknown, value?: RawResponse): void => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        signal?.removeEventListener('abort', onAbort);
        if (err === undefined) resolve(value!);
        else reject(this.translate(err, target));
      };
      const request = (secure ? https : http).request(req.url, {
        method: req.method,
        headers,
        agent: secure ? this.agents.https : this.agents.http,
      });
      const stop = (kind: Stop['kind']): void => {
        request.destroy(new Stop(kind));
      };
      const onAbort = (): void => stop('abort');
      signal?.addEventListener('abort', onAbort, { once: true });
      if (this.attemptTimeoutMs > 0) timers.push(setTimeout(() => stop('attempt'), this.attemptTimeoutMs));
      request.once('socket', (socket) => {
        if (!socket.connecting) return;
        const t = setTimeout(() => stop('connect'), this.connectTimeoutMs);
        timers.push(t);
        socket.once('connect', () => clearTimeout(t));
      });
      request.once('error', (err) => finish(err));
      request.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('error', (err) => finish(err));
        res.once('aborted', () => finish(Object.assign(new Error('answer cut short'), { code: 'ECONNRESET' })));
        res.once('end', () => {
          let body: Buffer;
          try {
            body = decompress(res.headers['content-encoding'], Buffer.concat(chunks));
          } catch (err) {
            return finish(Object.assign(new Error(`answer does not decompress: ${(err as Error).message}`), { code: 'BAD_ENCODING' }));
          }
          finish(undefined, { statusCode: res.statusCode ?? 0, headers: res.headers, body });
        });
      });
      if (req.body === undefined) request.end();
      else if (Buffer.isBuffer(req.body)) request.end(req.body);
      else pipeline(req.body, request, (err) => err && finish(err));
    });
  }

  private translate(err: unknown, target: CallTarget): unknown {
    const where = target.instance ?? target.url ?? target.service;
    if (err instanceof Stop) {
      if (err.kind === 'abort') return new ClientTimeoutError(target, 'call', 'cancelled by the call deadline');
      if (err.kind === 'connect')
        return new RemoteUnavailableError(target, 'CONNECT_TIMEOUT', `could not connect to ${where} within ${this.connectTimeoutMs} ms`);
      return new ClientTimeoutError(target, 'attempt', `no answer from ${where} within ${this.attemptTimeoutMs} ms`);
    }
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code === 'BAD_ENCODING')) {
      return new RemoteUnavailableError(target, code, `${where} is unreachable: ${(err as Error).message}`);
    }
    if (err instanceof Error && /socket hang up/i.test(err.message))
      return new RemoteUnavailableError(target, 'ECONNRESET', `${where}: ${err.message}`);
    return err;
  }

  close(): void {
    if (!this.own) return;
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
