/**
 * The HTTP server's open connections: when each was accepted and when its last response ended (so a
 * failure that never reached Koa can still be timed), and a way to cut them all with a recorded reason.
 */
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { markConnectionCut, type ConnectionCut } from './response-outcome';

const SINCE = Symbol('gdd.connectionSince');

type StampedSocket = Socket & { [SINCE]?: number };

/** Notes that a response on `socket` ended: a later failure on the connection is timed from here. */
export function noteResponseEnded(socket: Socket | null | undefined, at: number): void {
  if (socket) (socket as StampedSocket)[SINCE] = at;
}

export class OpenConnections {
  private readonly sockets = new Set<Socket>();

  /** Call on the server's 'connection' event. */
  track(socket: Socket): void {
    (socket as StampedSocket)[SINCE] = performance.now();
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  get size(): number {
    return this.sockets.size;
  }

  /** Milliseconds since `socket` was accepted or its last response ended. */
  msSinceActivity(socket: Socket): number {
    const since = (socket as StampedSocket)[SINCE];
    return since === undefined ? 0 : performance.now() - since;
  }

  /** Destroys every open connection, recording `cut` as the reason for the requests still on them. */
  cutAll(cut: ConnectionCut): void {
    for (const socket of this.sockets) {
      markConnectionCut(socket, cut);
      socket.destroy();
    }
  }
}
