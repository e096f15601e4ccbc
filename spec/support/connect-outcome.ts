/** What happens to a new TCP connection to 127.0.0.1:port: 'connected', or the error code (ECONNREFUSED once a server stopped listening). */
import * as net from 'node:net';

export function connectOutcome(port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve('connected');
    });
    sock.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}
