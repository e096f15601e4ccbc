/** Typed transport errors with registered codes. */
import { DoudouError, defineErrorCodes, type CodeOf } from '../../errors';

export const TransportErrorCodes = defineErrorCodes('transport', 'TransportError', {
  BIND_FAILED: { meaning: 'The UDP or TCP gossip port cannot be bound (in use, not permitted), or no port is free for both.' },
  CLOSED: { meaning: 'dial() on a transport that is closed.' },
  CONNECT_FAILED: { meaning: 'A TCP connection to a peer could not be opened.' },
  TIMEOUT: { meaning: 'A TCP stream exchange passed its deadline (`tcpTimeout`).' },
  STREAM_TOO_LARGE: { meaning: 'A peer sent more bytes on one stream than the cap allows.' },
  STREAM_CLOSED: { meaning: 'A stream ended before a whole message arrived, or a connection closed while it was being opened.' },
});

export type TransportErrorCode = CodeOf<typeof TransportErrorCodes>;

export class TransportError extends DoudouError<TransportErrorCode> {}
