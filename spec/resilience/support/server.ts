/** A real HttpServer on 127.0.0.1:0 with the given 'before' middleware, for the resilience specs. */
import type { Middleware } from 'koa';
import { HttpServer } from '../../../lib/http/server';
import { captureLogger, type LogLine } from '../../http/support/capture-logger';

export interface StartedServer {
  server: HttpServer;
  url: string;
  logLines: LogLine[];
  close(): Promise<void>;
}

export async function startServer(...middleware: Middleware[]): Promise<StartedServer> {
  const { logger, lines } = captureLogger();
  const server = new HttpServer({ logger, manage: { enable: false }, gzip: false });
  for (const m of middleware) server.use(m);
  const { port } = await server.listen({ host: '127.0.0.1', port: 0 });
  return { server, url: `http://127.0.0.1:${port}`, logLines: lines, close: () => server.close({ graceMs: 1000 }) };
}

/** A promise with its resolve function outside, to hold handlers open until a test lets them go. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
