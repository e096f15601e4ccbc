/** Real HttpServers on 127.0.0.1:0 with a silent logger, closed by the spec's after hooks. */
import { classOf } from '../../../lib/decorators/class-type';
import winston from 'winston';
import { describeService } from '../../../lib/decorators';
import { HttpServer } from '../../../lib/http/server';
import type { HttpServerOptions } from '../../../lib/http/server-options';

export interface RunningServer {
  server: HttpServer;
  url: string;
  port: number;
  close(): Promise<void>;
}

export function silentLogger(): winston.Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}

/** Serves `instance` (an implementation class instance) on a fresh port. */
export async function serve(instance: object, options: HttpServerOptions = {}): Promise<RunningServer> {
  const server = new HttpServer({ logger: silentLogger(), manage: { enable: false }, ...options });
  server.mount(describeService(classOf(instance)), instance);
  const { url, port } = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, url, port, close: () => server.close({ graceMs: 100 }) };
}
