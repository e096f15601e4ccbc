import * as http from 'node:http';
import type { RunningTarget } from './running-target';

/** A node:http server for `listener` on 127.0.0.1 and a free port. */
export async function listenOn(listener: http.RequestListener): Promise<RunningTarget> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `Number(raw)` when it is a whole number of at least 1, else undefined: the parsing every peer does for `:id`. */
export function positiveInteger(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** `true`/`false` (also 1/0) or absent; anything else is undefined-with-error (`'bad'`). */
export function optionalBoolean(raw: string | undefined): boolean | undefined | 'bad' {
  if (raw === undefined) return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  return 'bad';
}
