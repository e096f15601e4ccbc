/**
 * How one attempt goes over the wire. Two implementations share the same contract and error mapping:
 * `NodeHttpTransport` (default, node:http with a keep-alive agent) and `GotTransport` (got 11). The default
 * is node:http because got costs about 3–4× the CPU per call on loopback (bench/client: bare got vs raw
 * node:http in the same run), and a service calling another pays that on every request it serves.
 */
import type * as http from 'node:http';
import type * as https from 'node:https';
import type { Readable } from 'node:stream';
import type { CallTarget } from './errors';
import type { RawResponse } from './response-decoder';

export interface TransportOptions {
  /** Give up connecting to one instance after this long (the next attempt may try another). Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Give up on one attempt after this long without a full answer; 0 = no per-attempt limit (the policy's
   *  call timeout still applies). Default 0. */
  attemptTimeoutMs?: number;
  /** Use these agents instead of the client's own keep-alive agents (closeClient then leaves them alone). */
  agents?: { http?: http.Agent; https?: https.Agent };
}

export interface AttemptRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer | Readable;
}

export interface Transport {
  /** Sends one attempt; rejects with RemoteUnavailableError / ClientTimeoutError for transport failures. */
  send(req: AttemptRequest, target: CallTarget, signal?: AbortSignal): Promise<RawResponse>;
  /** Releases pooled connections. */
  close(): void;
}

/** Socket error codes that mean "nothing came back from this instance". */
export const CONNECTION_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'EADDRNOTAVAIL',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ESOCKETTIMEDOUT',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
]);

export const TRANSPORT_DEFAULTS = Object.freeze({ connectTimeoutMs: 5000, attemptTimeoutMs: 0 });
