/**
 * ts-doudou as a user runs it: an App serving a decorated service, configured from an empty environment
 * (every default on: request id, metrics, access log at info to stdout, CORS, compression negotiation,
 * validation, a serializer per route), plus whatever GDD_* overrides a variant sets.
 */
import { App, Body, Get, Path, Post, Prop, Query, Service } from '../../../lib';
import type { Tracing } from '../../../lib/observability/tracing';
import { HELLO, benchUser, type BenchUser } from '../shapes';
import type { RunningTarget } from './running-target';

class Hello {
  @Prop()
  message!: string;
}

class User implements BenchUser {
  @Prop({ integer: true, minimum: 1 })
  id!: number;

  @Prop()
  name!: string;

  @Prop()
  email!: string;

  @Prop({ optional: true })
  bio?: string;
}

@Service('benchsvc')
export class BenchService {
  @Get('/hello', { returns: Hello })
  hello(): Hello {
    return HELLO;
  }

  @Post('/echo', { returns: Object })
  echo(@Body({ type: Object }) body: Record<string, unknown>): Record<string, unknown> {
    return body;
  }

  @Get('/users/:id', { returns: User })
  getUser(@Path('id', { integer: true, minimum: 1 }) id: number, @Query('verbose', { optional: true }) verbose?: boolean): User {
    return benchUser(id, verbose === true);
  }
}

/** The stack with GDD_* `env` on top of the defaults (port and host are the bench's); logs go to stdout. */
export async function startStackApp(env: Record<string, string> = {}): Promise<RunningTarget> {
  const app = new App({
    services: [BenchService],
    env: { GDD_HOST: '127.0.0.1', GDD_PORT: '0', ...env },
    handleSignals: false,
  });
  const { port } = await app.listen();
  return { port, close: () => app.close() };
}

export type { Tracing };
