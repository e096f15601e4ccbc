/**
 * A request refused before its body was read (413, or a body that cannot be decoded) is still being sent
 * by the client. Answering and closing at once cuts the socket under the upload: the kernel resets the
 * connection on the unread bytes and the client sees EPIPE/ECONNRESET instead of the answer. So the rest
 * of the body is read and dropped first — up to a bound, so a client cannot make the server read forever
 * (GDD_READ_TIMEOUT bounds the time) — then the answer goes out with `Connection: close`.
 */
import type { IncomingMessage } from 'node:http';

/** At most this many bytes of a refused body are read and dropped before the answer is sent anyway. */
export const DISCARD_BOUND = 16 * 1024 * 1024;

/** Reads and drops the rest of `req`; true when the body ended within `bound` bytes (the client is then listening). */
export function discardBody(req: IncomingMessage, bound: number = DISCARD_BOUND): Promise<boolean> {
  req.unpipe();
  if (req.complete || req.readableEnded || req.destroyed) return Promise.resolve(req.complete);
  return new Promise<boolean>((resolve) => {
    let dropped = 0;
    const done = (ended: boolean): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      // past the bound nothing more is read; the connection closes after the answer
      if (!ended) req.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer): void => {
      dropped += chunk.length;
      if (dropped > bound) done(false);
    };
    const onEnd = (): void => done(true);
    const onClose = (): void => done(req.complete);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    req.once('error', onClose);
    req.resume();
  });
}
