import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Get, Injectable, Path, RemoteUnavailableError, Service, UPSTREAM_ERRORS } from '../../lib';
import { OrderServiceImpl } from '../../sample/ordersvc/service';
import { UserServiceContract } from '../../sample/usersvc/contract';
import { UserServiceImpl } from '../../sample/usersvc/service';
import { provideUserStore } from '../../sample/usersvc/user-store-provider';
import { captureLogger, type LogLine } from '../http/support/capture-logger';
import { request } from '../http/support/http-client';
import { freePort } from '../support/free-port';
import { ResponseValidator } from '../support/openapi-responses';

interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, ErrorResponseDoc> }>>;
}
interface ErrorResponseDoc {
  content?: Record<string, { schema: { properties: { error: ErrorSchemaDoc } } }>;
}
interface ErrorSchemaDoc {
  properties?: { code?: { enum?: string[] }; details?: { required?: string[] } };
  oneOf?: ErrorSchemaDoc[];
}

const UPSTREAM = { 502: ['REMOTE_UNAVAILABLE', 'BAD_RESPONSE'], 503: ['NO_INSTANCE', 'CIRCUIT_OPEN'], 504: ['TIMEOUT'] };
const json = { 'content-type': 'application/json' };

/** A provider between a service and the contract it calls: the service still passes the client's failures on. */
@Injectable()
class UserNames {
  constructor(private readonly users: UserServiceContract) {}

  async of(id: number): Promise<string> {
    return (await this.users.getUser(id)).name;
  }
}

@Service('greeter')
class Greeter {
  constructor(private readonly names: UserNames) {}

  @Get('/greet/:id', { returns: String })
  async greet(@Path('id', { integer: true }) id: number): Promise<string> {
    return `hello ${await this.names.of(id)}`;
  }
}

@Service('plain')
class Plain {
  @Get('/ping', { returns: String })
  ping(): string {
    return 'pong';
  }
}

/** Builds its own client: declares what it passes on by hand. */
@Service('handmade')
class Handmade {
  @Get('/relay', { returns: String, errors: [...UPSTREAM_ERRORS] })
  relay(): string {
    throw new RemoteUnavailableError({ service: 'far', operationId: 'get', method: 'GET' }, 'ECONNREFUSED', 'connect ECONNREFUSED');
  }
}

async function start(services: Array<new (...args: never[]) => object>, env: Record<string, string>) {
  const captured = captureLogger();
  const app = new App({
    services,
    env: { GDD_ENV: 'dev', ...env },
    cwd: mkdtempSync(path.join(tmpdir(), 'tsd-upstream-')),
    logger: captured.logger,
    handleSignals: false,
    config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
  });
  if (services.includes(UserServiceImpl)) provideUserStore(app);
  const base = (await app.listen()).url;
  const doc = (await request(`${base}/go-doudou/openapi.json`)).json<Doc>();
  return { app, base, doc, lines: captured.lines };
}

function codesOf(doc: Doc, template: string, method: string, status: number): string[] {
  const error = doc.paths[template]?.[method]?.responses[String(status)]?.content?.['application/json'].schema.properties.error;
  return (error?.oneOf ?? (error ? [error] : [])).flatMap((m) => m.properties?.code?.enum ?? []);
}

const upstreamOf = (doc: Doc, template: string, method: string) =>
  Object.fromEntries(Object.keys(UPSTREAM).map((s) => [s, codesOf(doc, template, method, Number(s))]));

const noUpstream = { 502: [], 503: [], 504: [] };

const breaches = (lines: readonly LogLine[]): string[] =>
  lines.filter((l) => l.message.startsWith('contract breach:')).map((l) => l.message);

describe('client: the failures of an injected client are part of the calling routes’ contract', () => {
  describe('a service injected a client for a service served elsewhere (USERSVC points at a closed port)', () => {
    let served: Awaited<ReturnType<typeof start>>;
    before(async () => {
      served = await start([OrderServiceImpl, Plain], { USERSVC: `http://127.0.0.1:${await freePort()}` });
    });
    after(() => served?.app.close());

    it('documents 502 REMOTE_UNAVAILABLE/BAD_RESPONSE, 503 NO_INSTANCE/CIRCUIT_OPEN and 504 TIMEOUT on each of its routes', () => {
      assert.deepEqual(upstreamOf(served.doc, '/orders', 'post'), UPSTREAM);
      assert.deepEqual(upstreamOf(served.doc, '/orders/{id}', 'get'), UPSTREAM);
      const details = served.doc.paths['/orders']?.post?.responses['502']?.content?.['application/json'].schema.properties.error;
      assert.deepEqual(details?.properties?.details?.required, ['service', 'operationId']);
    });

    it('documents none of them on a service of the same App that calls nothing', () => {
      assert.deepEqual(upstreamOf(served.doc, '/ping', 'get'), noUpstream);
    });

    it('answers 502 REMOTE_UNAVAILABLE, then 503 CIRCUIT_OPEN once the breaker opens, as the document says and without a contract breach', async () => {
      const validator = new ResponseValidator(served.doc as unknown as Record<string, unknown>);
      const seen = new Set<string>();
      for (let i = 0; i < 20 && !seen.has('503 CIRCUIT_OPEN'); i++) {
        const res = await request(`${served.base}/orders`, {
          method: 'POST',
          headers: json,
          body: '{"userId":1,"item":"tea","quantity":1}',
        });
        const body = res.json<{ error: { code: string } }>();
        seen.add(`${res.status} ${body.error.code}`);
        assert.deepEqual(validator.validate('/orders', 'post', String(res.status), body), [], res.text);
      }
      assert.deepEqual([...seen], ['502 REMOTE_UNAVAILABLE', '503 CIRCUIT_OPEN']);
      assert.deepEqual(breaches(served.lines), []);
    });
  });

  it('documents them on a service that reaches the client through a provider of its own', async () => {
    const served = await start([Greeter, Plain], { USERSVC: `http://127.0.0.1:${await freePort()}` });
    try {
      assert.deepEqual(upstreamOf(served.doc, '/greet/{id}', 'get'), UPSTREAM);
      assert.deepEqual(upstreamOf(served.doc, '/ping', 'get'), noUpstream);
      const res = await request(`${served.base}/greet/1`);
      assert.equal(res.status, 502);
      assert.deepEqual(breaches(served.lines), []);
    } finally {
      await served.app.close();
    }
  });

  it('documents none of them when the App serves the called service itself (monolith: the implementation is injected)', async () => {
    const served = await start([OrderServiceImpl, UserServiceImpl, Greeter], {});
    try {
      assert.deepEqual(upstreamOf(served.doc, '/orders', 'post'), noUpstream);
      assert.deepEqual(upstreamOf(served.doc, '/greet/{id}', 'get'), noUpstream);
    } finally {
      await served.app.close();
    }
  });

  it('takes them by hand as errors: [...UPSTREAM_ERRORS], documented the same and answered without a breach', async () => {
    const served = await start([Handmade], {});
    try {
      assert.deepEqual(upstreamOf(served.doc, '/relay', 'get'), UPSTREAM);
      const res = await request(`${served.base}/relay`);
      assert.equal(res.status, 502);
      const validator = new ResponseValidator(served.doc as unknown as Record<string, unknown>);
      assert.deepEqual(validator.validate('/relay', 'get', '502', res.json()), []);
      assert.deepEqual(breaches(served.lines), []);
    } finally {
      await served.app.close();
    }
  });
});
