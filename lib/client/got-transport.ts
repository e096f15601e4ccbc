/**
 * One attempt over HTTP with got (`transport: 'got'`): a keep-alive agent per client, no got-level retries (the policy owns
 * retrying), no throwing on HTTP errors (response-decoder maps them), no redirects (a contract route does
 * not redirect). Socket-level failures become RemoteUnavailableError, timeouts ClientTimeoutError.
 */
import got, { CancelError, RequestError, TimeoutError, type Got } from 'got';
import * as http from 'node:http';
import * as https from 'node:https';
import { ClientTimeoutError, RemoteUnavailableError, type CallTarget } from './errors';
import type { RawResponse } from './response-decoder';
import { CONNECTION_ERROR_CODES, TRANSPORT_DEFAULTS, type AttemptRequest, type Transport, type TransportOptions } from './transport';

export class GotTransport implements Transport {
  private readonly got: Got;
  private readonly ownAgents?: { http: http.Agent; https: https.Agent };
  private readonly connectTimeoutMs: number;
  private readonly attemptTimeoutMs: number;

  constructor(options: TransportOptions = {}) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? TRANSPORT_DEFAULTS.connectTimeoutMs;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? TRANSPORT_DEFAULTS.attemptTimeoutMs;
    const agents =
      options.agents ?? (this.ownAgents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) });
    this.got = got.extend({
      agent: { http: agents.http, https: agents.https },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'buffer',
      decompress: true,
      timeout:
        this.attemptTimeoutMs > 0 ? { connect: this.connectTimeoutMs, request: this.attemptTimeoutMs } : { connect: this.connectTimeoutMs },
      headers: { 'user-agent': 'ts-doudou-client', accept: 'application/json' },
    });
  }

  async send(req: AttemptRequest, target: CallTarget, signal?: AbortSignal): Promise<RawResponse> {
    const pending = this.got(req.url, { method: req.method as 'GET', headers: req.headers, body: req.body });
    const abort = (): void => pending.cancel();
    if (signal) {
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
    }
    try {
      const r = await pending;
      return { statusCode: r.statusCode, headers: r.headers, body: r.body as unknown as Buffer };
    } catch (err) {
      throw this.translate(err, target);
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  private translate(err: unknown, target: CallTarget): unknown {
    if (err instanceof CancelError) return new ClientTimeoutError(target, 'call', 'cancelled by the call deadline');
    if (err instanceof TimeoutError) {
      if (err.event === 'connect' || err.event === 'lookup' || err.event === 'secureConnect') {
        return new RemoteUnavailableError(
          target,
          'CONNECT_TIMEOUT',
          `could not connect to ${target.instance ?? target.url} within ${this.connectTimeoutMs} ms`,
        );
      }
      return new ClientTimeoutError(
        target,
        'attempt',
        `no answer from ${target.instance ?? target.url} within ${this.attemptTimeoutMs} ms`,
      );
    }
    if (err instanceof RequestError) {
      const code = err.code ?? '';
      if (CONNECTION_ERROR_CODES.has(code) || /socket hang up/i.test(err.message)) {
        return new RemoteUnavailableError(target, code || 'ECONNRESET', `${target.instance ?? target.url} is unreachable: ${err.message}`);
      }
    }
    return err;
  }

  /** Destroys the client's own keep-alive sockets. */
  close(): void {
    this.ownAgents?.http.destroy();
    this.ownAgents?.https.destroy();
  }
}
