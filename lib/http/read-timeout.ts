/**
 * GDD_READ_TIMEOUT, enforced: node:http checks headersTimeout/requestTimeout only every
 * connectionsCheckingInterval (30 s by default, so a 15 s timeout fired after up to 45 s); HttpServer
 * checks often enough (readTimeoutCheckInterval) that the answer comes within a second of the timeout.
 * When one passes, node:http raises ERR_HTTP_REQUEST_TIMEOUT through 'clientError'; this answers it:
 * 408 REQUEST_TIMEOUT as JSON, connection closed, recorded as `read-timeout` with status 408, logged at
 * debug (a slow client is the client's doing, not an error of the server).
 */
import type { Socket } from 'node:net';
import type { Logger } from 'winston';
import { HttpError } from '../errors';
import type { HttpMetrics } from '../observability/metrics';
import type { AccessLog } from './access-log';
import { briefError } from './client-caused';
import type { OpenConnections } from './open-connections';
import { answerOnSocket } from './raw-response';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';
import { UNMATCHED_ROUTE } from './request-state';
import { inFlightResponse, markConnectionCut } from './response-outcome';

/** How often node:http looks for connections past their read timeout: at most every 500 ms, at least every 50 ms. */
export function readTimeoutCheckInterval(readMs: number): number {
  return Math.max(50, Math.min(500, Math.floor(readMs / 2)));
}

export function isReadTimeout(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ERR_HTTP_REQUEST_TIMEOUT';
}

export interface ReadTimeoutResponderOptions {
  readMs: number;
  metrics: HttpMetrics;
  accessLog: AccessLog;
  logger: Logger;
  connections: OpenConnections;
}

export class ReadTimeoutResponder {
  constructor(private readonly o: ReadTimeoutResponderOptions) {}

  /** Answers `err` when it is a read timeout (true); leaves every other client error alone (false). */
  answer(err: unknown, socket: Socket): boolean {
    if (!isReadTimeout(err)) return false;
    const res = inFlightResponse(socket);
    const requestId = requestIdFrom(res?.getHeader(REQUEST_ID_HEADER) as string | undefined);
    const ms = this.o.connections.msSinceActivity(socket);
    const timeout = HttpError.of('REQUEST_TIMEOUT', `request not received within ${this.o.readMs} ms (GDD_READ_TIMEOUT)`);
    let bytes = 0;
    if (res?.headersSent === true)
      socket.destroy(); // an answer already started: nothing else can be said
    else bytes = answerOnSocket(socket, timeout, requestId);
    // 'close' (which reads the mark) comes on a later tick, never from within end()/destroy()
    markConnectionCut(socket, 'read-timeout', bytes > 0 ? { status: 408, bytes } : undefined);
    this.o.logger.debug(`read timeout after ${Math.round(ms)}ms from ${socket.remoteAddress ?? '?'}: ${briefError(err)}`, { requestId });
    // A request that reached Koa is recorded by its own lifecycle; one whose headers never arrived is recorded here.
    if (res === undefined) this.recordUnparsed(requestId, ms, bytes, socket.remoteAddress);
    return true;
  }

  private recordUnparsed(requestId: string, ms: number, bytes: number, remoteAddr: string | undefined): void {
    this.o.metrics.observe(UNMATCHED_ROUTE, '', 408, ms / 1000);
    this.o.accessLog.writeUnparsed({ status: 408, outcome: 'read-timeout', ms, bytes, requestId, remoteAddr });
  }
}
