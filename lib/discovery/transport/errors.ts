/** Typed transport errors with stable codes. */

export type TransportErrorCode =
  'BIND_FAILED' | 'CLOSED' | 'CONNECT_FAILED' | 'TIMEOUT' | 'STREAM_TOO_LARGE' | 'STREAM_CLOSED' | 'SEND_FAILED';

export class TransportError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'TransportError';
  }
}
