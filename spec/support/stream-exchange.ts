/** One TCP gossip exchange from the dialing side, on a raw socket: write `request`, read one stream message back. */
import * as net from 'node:net';
import { StreamMessageReader, type StreamReadResult, type StreamReaderOptions } from '../../lib/discovery/wire/stream-reader';

export function exchangeStream(
  port: number,
  request: Uint8Array,
  reader: Omit<StreamReaderOptions, 'isAcceptor'> = {},
): Promise<StreamReadResult> {
  return new Promise((resolve, reject) => {
    const incoming = new StreamMessageReader({ ...reader, isAcceptor: false });
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    socket.setTimeout(10_000, () => socket.destroy(new Error('TCP exchange timed out')));
    socket.on('data', (chunk) => {
      try {
        const r = incoming.push(chunk);
        if (r) {
          socket.destroy();
          resolve(r);
        }
      } catch (e) {
        socket.destroy();
        reject(e);
      }
    });
    socket.on('end', () => {
      try {
        incoming.end();
      } catch (e) {
        reject(e);
      }
    });
    socket.on('error', reject);
  });
}
