/**
 * node:http 'clientError's that are not read timeouts (read-timeout.ts answers those): the client sent
 * something that is not HTTP, or its connection failed outside a request handler. Answered the way
 * node:http does without a listener — 400 (431 for oversized headers, 413 for oversized chunk
 * extensions) when nothing was sent yet, then the connection is closed — and logged at debug: it is
 * the client's doing.
 */
import type { Socket } from 'node:net';
import type { Logger } from 'winston';
import { briefError } from './client-caused';
import { inFlightResponse } from './response-outcome';

const STATUS_LINES: Readonly<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
};

export function answerClientError(err: unknown, socket: Socket, logger: Logger): void {
  const code = (err as { code?: unknown } | null)?.code;
  logger.debug(`client error from ${socket.remoteAddress ?? '?'}: ${briefError(err)}`);
  if (socket.writable && inFlightResponse(socket)?.headersSent !== true) {
    const status = (typeof code === 'string' && STATUS_LINES[code]) || '400 Bad Request';
    socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  }
  socket.destroy();
}
