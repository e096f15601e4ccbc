/**
 * The servers the client benchmark talks to, each in its own child process (so the client under test does
 * not share an event loop with them): the sample user service, and a tiny order service whose handler
 * calls the user service through a typed client (the sample's OrderServiceImpl).
 */
import winston from 'winston';
import { createClient } from '../../lib/client';
import { describeService } from '../../lib/decorators';
import { HttpServer } from '../../lib/http/server';
import { OrderServiceImpl } from '../../sample/ordersvc/service';
import { UserServiceContract } from '../../sample/usersvc/contract';
import { UserServiceImpl } from '../../sample/usersvc/service';
import { FileStore } from '../../sample/usersvc/file-store';
import { MemoryUserStore } from '../../sample/usersvc/user-store';

export type ServerKind = 'user' | 'order';

export interface StartedServer {
  port: number;
  close(): Promise<void>;
}

function silent(): winston.Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}

export async function startServer(kind: ServerKind, userUrl?: string): Promise<StartedServer> {
  const server = new HttpServer({ logger: silent(), serviceName: `${kind}svc` });
  if (kind === 'user') {
    server.mount(describeService(UserServiceImpl), new UserServiceImpl(new MemoryUserStore(), new FileStore()));
  } else {
    if (!userUrl) throw new Error('order server needs the user service URL');
    const users = createClient(UserServiceContract, { baseUrl: userUrl });
    server.mount(describeService(OrderServiceImpl), new OrderServiceImpl(users));
  }
  const { port } = await server.listen({ port: 0, host: '127.0.0.1' });
  return { port, close: () => server.close({ graceMs: 500 }) };
}
