/**
 * node:http 'clientError's that are not read timeouts (read-timeout.ts answers those): the client sent
 * something node:http's parser refuses — conflicting Transfer-Encoding and Content-Length, bytes a header
 * cannot hold, headers over the size limit. Without a listener node:http answers a bare text 400; here
 * the answer has the documented shape (`{ error: { code, message, requestId } }`, X-Request-Id), the
 * connection is closed (the parser cannot resync on it), and the request is counted in the metrics and
 * the access log like any other (route `unmatched`). Logged at debug: it is the client's doing.
 */
import type { Socket } from 'node:net';
import type { Logger } from 'winston';
import { HttpError } from '../errors';
import type { HttpMetrics } from '../observability/metrics';
import type { AccessLog } from './access-log';
import { briefError } from './client-caused';
import type { OpenConnections } from './open-connections';
import { answerOnSocket } from './raw-response';
import { requestIdFrom } from './request-id';
import { UNMATCHED_ROUTE } from './request-state';
import { inFlightResponse, markConnectionCut } from './response-outcome';

export interface ClientErrorResponderOptions {
  metrics: HttpMetrics;
  accessLog: AccessLog;
  logger: Logger;
  connections: OpenConnections;
}

/** The answer to one parser error (llhttp's HPE_* codes, as node:http reports them; llhttp's reason says what was wrong). */
export function parserErrorAnswer(err: unknown): HttpError {
  const { code, reason } = (err ?? {}) as { code?: unknown; reason?: unknown };
  const why = typeof reason === 'string' && reason !== '' ? reason : err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return HttpError.of('HEADERS_TOO_LARGE', 'request headers are larger than the server accepts');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return HttpError.of('PAYLOAD_TOO_LARGE', 'chunk extensions are larger than the server accepts');
    default:
      return HttpError.of('MALFORMED_REQUEST', `the request is not valid HTTP/1.1: ${why}`);
  }
}

export class ClientErrorResponder {
  constructor(private readonly o: ClientErrorResponderOptions) {}

  answer(err: unknown, socket: Socket): void {
    const code = (err as { code?: unknown } | null)?.code;
    const requestId = requestIdFrom(undefined);
    this.o.logger.debug(`client error from ${socket.remoteAddress ?? '?'}: ${briefError(err)}`, { requestId });
    const res = inFlightResponse(socket);
    // A reset connection cannot be answered, nor one the client closed in the middle of a request (EOF
    // before the message was complete): both are client aborts, recorded as such by the request's own
    // lifecycle. An answer already started cannot be replaced.
    if (code === 'ECONNRESET' || code === 'HPE_INVALID_EOF_STATE' || !socket.writable || res?.headersSent === true) {
      socket.destroy();
      return;
    }
    const answer = parserErrorAnswer(err);
    const ms = this.o.connections.msSinceActivity(socket);
    const bytes = answerOnSocket(socket, answer, requestId);
    markConnectionCut(socket, 'malformed', { status: answer.status, bytes });
    // A request that reached Koa is recorded by its own lifecycle; one node:http could not parse is recorded here.
    if (res === undefined) {
      this.o.metrics.observe(UNMATCHED_ROUTE, '', answer.status, ms / 1000);
      this.o.accessLog.writeUnparsed({
        status: answer.status,
        outcome: 'malformed',
        ms,
        bytes,
        requestId,
        remoteAddr: socket.remoteAddress,
      });
    }
  }
}
