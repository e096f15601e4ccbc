/**
 * Shutting the HTTP server down like a lame duck. Destroying idle keep-alive sockets at once (what
 * http.Server.close() does since Node 19) resets clients that are writing their next request on them
 * at that moment. Instead:
 *
 *  1. stop listening: a new connection is refused (ECONNREFUSED), cleanly;
 *  2. for the drain window, answer every request on an open connection — with `Connection: close`
 *     (request-lifecycle.ts sets it while closing), so node:http closes each connection after its
 *     response and the client reconnects elsewhere;
 *  3. at the end of the window, close the connections that are idle, and from then on each one as soon
 *     as its last response ends;
 *  4. at the grace timeout, cut whatever is left (recorded as `shutdown`).
 *
 * Resolves as soon as no connection is left, whichever step that happens in. HTTP/1.1 has no way to
 * tell an idle client "stop" before it writes; a client sending on an idle connection at the very end of
 * the window can still see a reset — the window makes that rare: every client that sends during it is
 * told to close.
 */
import type * as http from 'node:http';
import * as net from 'node:net';
import type { OpenConnections } from './open-connections';

export interface DrainOptions {
  /** GDD_DRAIN_WINDOW: how long open connections are still served. Capped at graceMs. */
  drainMs: number;
  /** GDD_GRACE_TIMEOUT: when whatever is left is cut. */
  graceMs: number;
}

/** After the window, how often connections whose last response ended are looked for and closed. */
const IDLE_SWEEP_MS = 100;

/** node:http's timer that enforces headersTimeout/requestTimeout; http.Server.close() clears it, net close does not. */
function stopRequestTimeoutChecks(server: http.Server): void {
  for (const symbol of Object.getOwnPropertySymbols(server)) {
    if (symbol.description === 'http.server.connectionsCheckingInterval') {
      clearInterval((server as unknown as Record<symbol, NodeJS.Timeout | undefined>)[symbol]);
    }
  }
}

export function drainConnections(server: http.Server, connections: OpenConnections, options: DrainOptions): Promise<void> {
  const graceMs = Math.max(0, options.graceMs);
  const drainMs = Math.min(Math.max(0, options.drainMs), graceMs);
  return new Promise<void>((resolve) => {
    let sweep: NodeJS.Timeout | undefined;
    const windowEnd = setTimeout(() => {
      server.closeIdleConnections();
      sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    }, drainMs);
    const graceEnd = setTimeout(() => connections.cutAll('shutdown'), graceMs);
    // Stops listening but leaves open connections alone; the callback runs once the last one closed.
    net.Server.prototype.close.call(server, () => {
      clearTimeout(windowEnd);
      clearTimeout(graceEnd);
      if (sweep) clearInterval(sweep);
      stopRequestTimeoutChecks(server);
      resolve();
    });
  });
}
