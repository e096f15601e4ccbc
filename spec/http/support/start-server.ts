/** Starts an HttpServer with the users fixture on 127.0.0.1:0 and a capturing logger. */
import type { Logger } from 'winston';
import { HttpServer } from '../../../lib/http/server';
import type { HttpServerOptions } from '../../../lib/http/server-options';
import { captureLogger, type LogLine } from './capture-logger';
import { UsersService, usersDescriptor } from './users-service';

export interface Started {
  server: HttpServer;
  service: UsersService;
  url: string;
  port: number;
  lines: LogLine[];
  logger: Logger;
}

export async function startUsersServer(options: HttpServerOptions = {}): Promise<Started> {
  const { logger, lines } = captureLogger();
  const server = new HttpServer({ logger, serviceName: 'usersvc', ...options });
  const service = new UsersService();
  server.mount(usersDescriptor, service);
  const { url, port } = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, service, url, port, lines, logger };
}
