import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Body, DeclaredError, Get, HttpError, MemoryRateLimiter, Path, Post, Prop, Service, perMinute, rateLimit } from '../../lib';
import { unregisterService } from '../../lib/decorators/service';
import { describeService } from '../../lib/decorators/describe';
import { HttpServer } from '../../lib/http/server';
import { ResponseValidator } from '../support/openapi-responses';
import { captureLogger, type LogLine } from './support/capture-logger';
import { request } from './support/http-client';

class Pet {
  @Prop({ minLength: 1 }) name!: string;
}

const PetNotFound = new DeclaredError({ status: 404, code: 'PET_NOT_FOUND', description: 'No pet has this id' });

@Service('pets')
class PetService {
  @Get('/pets/:id', { returns: Pet, errors: [PetNotFound] })
  async getPet(@Path('id', { integer: true }) id: number): Promise<Pet> {
    if (id === 1) return { name: 'Rex' };
    if (id === 2) throw new HttpError(404, 'PET_GONE', 'a code the route does not declare');
    if (id === 3) throw new HttpError(418, 'TEAPOT', 'a status the route does not declare');
    throw PetNotFound.error(`no pet ${id}`);
  }

  @Post('/pets', { returns: Pet })
  async addPet(@Body() pet: Pet): Promise<Pet> {
    return pet;
  }
}
unregisterService(PetService);

const breaches = (lines: readonly LogLine[]): string[] =>
  lines.filter((l) => l.level === 'warn' && l.message.startsWith('contract breach:')).map((l) => l.message);

describe('route errors: what a route may answer, over HTTP', () => {
  describe('in development (contract checks on)', () => {
    let server: HttpServer;
    let url: string;
    let lines: LogLine[];
    before(async () => {
      const captured = captureLogger();
      lines = captured.lines;
      server = new HttpServer({ logger: captured.logger, contractChecks: true }).mount(describeService(PetService), new PetService());
      url = (await server.listen({ port: 0, host: '127.0.0.1' })).url;
    });
    after(() => server.close({ graceMs: 1000 }));

    it('reports nothing for declared errors and for ts-doudou’s own answers', async () => {
      assert.equal((await request(`${url}/pets/9`)).status, 404);
      assert.equal((await request(`${url}/pets/abc`)).status, 400);
      const json = { 'content-type': 'application/json' };
      assert.equal((await request(`${url}/pets`, { method: 'POST', headers: json, body: '{"name":' })).status, 400);
      assert.equal((await request(`${url}/pets`, { method: 'POST', headers: json, body: '{"name":""}' })).status, 400);
      assert.equal((await request(`${url}/pets`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })).status, 415);
      assert.deepEqual(breaches(lines), []);
    });

    it('logs an undeclared status or code as a contract breach naming the route, once, and still answers it', async () => {
      const teapot = await request(`${url}/pets/3`);
      assert.equal(teapot.status, 418);
      assert.equal(teapot.json<{ error: { code: string } }>().error.code, 'TEAPOT');
      await request(`${url}/pets/3`);
      assert.equal((await request(`${url}/pets/2`)).status, 404);
      assert.deepEqual(breaches(lines), [
        'contract breach: getPet answered 418 TEAPOT, which its errors: [...] do not declare',
        'contract breach: getPet answered 404 PET_GONE, which its errors: [...] do not declare',
      ]);
    });
  });

  it('checks nothing in production', async () => {
    const captured = captureLogger();
    const server = new HttpServer({ logger: captured.logger }).mount(describeService(PetService), new PetService());
    try {
      const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
      assert.equal((await request(`${url}/pets/3`)).status, 418);
      assert.deepEqual(breaches(captured.lines), []);
    } finally {
      await server.close({ graceMs: 1000 });
    }
  });

  describe('an App with a rate limiter mounted', () => {
    let app: App;
    let url: string;
    let lines: LogLine[];
    before(async () => {
      const captured = captureLogger();
      lines = captured.lines;
      app = new App({
        services: [PetService],
        cwd: mkdtempSync(path.join(tmpdir(), 'tsd-route-errors-')),
        logger: captured.logger,
        handleSignals: false,
        env: { GDD_ENV: 'dev' },
        config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
      });
      app.use(rateLimit({ limiter: new MemoryRateLimiter({ limit: perMinute(1, 2) }), skip: (ctx) => ctx.path.startsWith('/go-doudou') }));
      url = (await app.listen()).url;
    });
    after(() => app?.close());

    it('documents 429 on every route, and its 429 answer matches the document without a contract breach', async () => {
      const doc = (await request(`${url}/go-doudou/openapi.json`)).json<{ paths: Record<string, Record<string, { responses: object }>> }>();
      for (const item of Object.values(doc.paths)) for (const op of Object.values(item)) assert.ok('429' in op.responses);
      const validator = new ResponseValidator(doc);
      let tooMany;
      for (let i = 0; i < 5 && tooMany === undefined; i++) {
        const res = await request(`${url}/pets/1`);
        if (res.status === 429) tooMany = res;
      }
      assert.ok(tooMany, 'the third request within a minute is limited');
      assert.deepEqual(validator.validate('/pets/{id}', 'get', '429', tooMany.json()), []);
      assert.equal(tooMany.json<{ error: { requestId: string } }>().error.requestId, tooMany.headers['x-request-id']);
      assert.deepEqual(breaches(lines), []);
    });
  });
});
