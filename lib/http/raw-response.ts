/**
 * Error answers written straight to a socket, for failures node:http reports outside any request
 * handler ('clientError': read timeouts, unparsable requests). Same JSON shape as every other error
 * (error-mapper.ts), then the connection is closed once the answer is flushed.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpError } from '../errors';
import { mapError } from './error-mapper';
import { REQUEST_ID_HEADER } from './request-id';

/** Writes `err` as a complete HTTP/1.1 response with `Connection: close`, then closes. Returns the body bytes written (0 if none). */
export function answerOnSocket(socket: Socket, err: HttpError, requestId: string): number {
  if (!socket.writable) {
    socket.destroy();
    return 0;
  }
  const mapped = mapError(err, requestId);
  const body = JSON.stringify(mapped.body);
  const head = [
    `HTTP/1.1 ${mapped.status} ${STATUS_CODES[mapped.status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `${REQUEST_ID_HEADER}: ${requestId}`,
    ...Object.entries(mapped.headers).map(([k, v]) => `${k}: ${v}`),
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  // flushed, then closed; a client that never reads is cut by the socket's own timeout (GDD_WRITE_TIMEOUT)
  socket.destroySoon();
  return Buffer.byteLength(body);
}
