/**
 * How a response ended, as the access log and the metrics record it. A request is recorded with the
 * status actually sent — never Koa's 404 placeholder for a response that was not sent — and, when the
 * response did not complete, with who ended it:
 *
 *   completed      the whole response was written
 *   aborted        the client closed the connection first
 *   read-timeout   GDD_READ_TIMEOUT passed before the request was received: 408 sent, connection closed
 *   malformed      node:http could not parse the request: 400/413/431 JSON sent, connection closed
 *   write-timeout  the connection was idle for GDD_WRITE_TIMEOUT while the request was open: closed
 *   shutdown       still open at GDD_GRACE_TIMEOUT during shutdown: closed
 *
 * Whoever closes a connection on purpose marks its socket first (markConnectionCut), so the request's
 * 'close' listener can tell a server cut from a client abort.
 */
import type * as http from 'node:http';
import type { Socket } from 'node:net';

export type ResponseOutcome = 'completed' | 'aborted' | 'read-timeout' | 'malformed' | 'write-timeout' | 'shutdown';

/** Why the server itself closed a connection. */
export type ConnectionCut = Exclude<ResponseOutcome, 'completed' | 'aborted'>;

interface CutMark {
  readonly cut: ConnectionCut;
  /** Status of an answer written straight to the socket before closing it (the read timeout's 408). */
  readonly status?: number;
  readonly bytes: number;
}

const CUT = Symbol('gdd.connectionCut');

type MarkedSocket = Socket & { [CUT]?: CutMark };

/** Records why the server closes `socket`; the first reason given wins. */
export function markConnectionCut(socket: Socket, cut: ConnectionCut, answer?: { status: number; bytes: number }): void {
  const marked = socket as MarkedSocket;
  marked[CUT] ??= { cut, status: answer?.status, bytes: answer?.bytes ?? 0 };
}

/** Why the server closed `socket`, if it did. */
export function connectionCut(socket: Socket | null | undefined): CutMark | undefined {
  return socket ? (socket as MarkedSocket)[CUT] : undefined;
}

export interface RecordedResponse {
  outcome: ResponseOutcome;
  /** The status line sent, or undefined when none reached the socket. */
  status: number | undefined;
  /** Body bytes written, including an answer written straight to the socket. */
  bytes: number;
}

/** The outcome of `res` once it closed; `bodyBytes` is what the response itself wrote. */
export function recordedResponse(res: http.ServerResponse, bodyBytes: number): RecordedResponse {
  if (res.writableFinished) return { outcome: 'completed', status: res.statusCode, bytes: bodyBytes };
  const sent = res.headersSent ? res.statusCode : undefined;
  const mark = connectionCut(res.req?.socket);
  if (mark === undefined) return { outcome: 'aborted', status: sent, bytes: bodyBytes };
  return { outcome: mark.cut, status: sent ?? mark.status, bytes: bodyBytes + mark.bytes };
}

/** The response node:http has assigned to `socket` (a request is being answered), if any. */
export function inFlightResponse(socket: Socket): http.ServerResponse | undefined {
  // node:http's own bookkeeping (closeIdleConnections reads it the same way)
  const res = (socket as Socket & { _httpMessage?: http.ServerResponse | null })._httpMessage;
  return res ?? undefined;
}
