/**
 * Read one whole stream message from a StreamConn with an incremental decoder (bytes arrive in chunks).
 */
import { StreamConn } from './stream-conn';
import { TransportError } from './errors';

/** Incremental decoder: feed chunks, get the message once complete. */
export interface IncrementalDecoder<T> {
  push(chunk: Uint8Array): T | undefined;
  /** Called at EOF; returns a message if the buffered bytes form one, else throws. */
  finish(): T | undefined;
}

export async function readStreamMessage<T>(conn: StreamConn, decoder: IncrementalDecoder<T>): Promise<T> {
  for (;;) {
    const chunk = await conn.read();
    if (chunk === null) {
      const last = decoder.finish();
      if (last !== undefined) return last;
      throw new TransportError('STREAM_CLOSED', 'stream ended before a whole message arrived');
    }
    const msg = decoder.push(chunk);
    if (msg !== undefined) return msg;
  }
}
