import { strict as assert } from 'node:assert';
import * as zlib from 'node:zlib';
import { ConfigError, HttpError } from '../../lib/errors';
import { HttpServer } from '../../lib/http/server';
import { gddState } from '../../lib/http/request-state';
import { connectOutcome } from '../support/connect-outcome';
import { waitFor } from '../support/wait-for';
import { captureLogger } from './support/capture-logger';
import { request } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';
import { UsersService, usersDescriptor } from './support/users-service';
import { throwsCode } from '../support/errors';

describe('server', () => {
  describe('middleware', () => {
    let s: Started;
    before(async () => {
      s = await startUsersServer();
    });
    after(() => s.server.close({ graceMs: 1000 }));

    it('gzips a large JSON response when the client accepts gzip', async () => {
      const res = await request(`${s.url}/big`, { headers: { 'Accept-Encoding': 'gzip' } });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], 'gzip');
      const items = JSON.parse(zlib.gunzipSync(res.body).toString('utf8')) as unknown[];
      assert.equal(items.length, 500);
      const plain = await request(`${s.url}/big`);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.ok(plain.body.length > res.body.length);
    });

    it('answers a CORS preflight for business routes (default: any origin)', async () => {
      const res = await request(`${s.url}/users/1`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'GET' },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.match(String(res.headers['access-control-allow-methods']), /GET/);
    });

    it('opens /go-doudou/openapi.json to any origin but gives other manage endpoints no CORS headers', async () => {
      const spec = await request(`${s.url}/go-doudou/openapi.json`, { headers: { Origin: 'http://tool.example' } });
      assert.equal(spec.headers['access-control-allow-origin'], '*');
      const prom = await request(`${s.url}/go-doudou/prometheus`, { headers: { Origin: 'http://tool.example' } });
      assert.equal(prom.status, 200);
      assert.equal(prom.headers['access-control-allow-origin'], undefined);
    });

    it('trusts X-Forwarded-For/-Proto/-Host for ctx.ip, protocol and host', async () => {
      const res = await request(`${s.url}/whoami`, {
        headers: { 'X-Forwarded-For': '203.0.113.9, 10.0.0.1', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'api.example' },
      });
      assert.deepEqual(res.json(), { ip: '203.0.113.9', protocol: 'https', host: 'api.example' });
    });
  });

  describe('options', () => {
    it('ignores proxy headers when trustProxy is false', async () => {
      const s = await startUsersServer({ trustProxy: false });
      try {
        const res = await request(`${s.url}/whoami`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
        assert.equal(res.json().ip, '127.0.0.1');
      } finally {
        await s.server.close();
      }
    });

    it('prefixes business routes with rootPath but not /go-doudou/*', async () => {
      const s = await startUsersServer({ rootPath: '/api/v1' });
      try {
        assert.equal((await request(`${s.url}/api/v1/users/1`)).status, 200);
        assert.equal((await request(`${s.url}/users/1`)).status, 404);
        assert.equal((await request(`${s.url}/go-doudou/health`)).status, 200);
        assert.equal((await request(`${s.url}/api/v1/go-doudou/health`)).status, 404);
      } finally {
        await s.server.close();
      }
    });

    it('maps the timeouts onto the node:http server', async () => {
      const s = await startUsersServer({ timeouts: { readMs: 5000, writeMs: 7000, idleMs: 9000 } });
      try {
        const node = s.server.nodeServer!;
        assert.equal(node.requestTimeout, 5000);
        assert.equal(node.headersTimeout, 5000);
        assert.equal(node.timeout, 7000);
        assert.equal(node.keepAliveTimeout, 9000);
      } finally {
        await s.server.close();
      }
    });
  });

  describe('use()', () => {
    it("runs 'before' middleware for every request and 'after' middleware only for matched business routes", async () => {
      const s = await startUsersServer();
      const afterSaw: string[] = [];
      s.server.use(async (ctx, next) => {
        ctx.set('X-Before', 'yes');
        await next();
      });
      s.server.use(
        async (ctx, next) => {
          afterSaw.push(gddState(ctx).routeTemplate ?? '?');
          if (ctx.get('X-Deny')) throw new HttpError(403, 'DENIED', 'denied by policy');
          await next();
        },
        { position: 'after' },
      );
      try {
        const ok = await request(`${s.url}/users/5`);
        assert.equal(ok.headers['x-before'], 'yes');
        const missing = await request(`${s.url}/nope`);
        assert.equal(missing.headers['x-before'], 'yes');
        assert.equal((await request(`${s.url}/go-doudou/health`)).status, 200);
        assert.deepEqual(afterSaw, ['/users/:id']);
        const denied = await request(`${s.url}/page/users`, {
          method: 'POST',
          headers: { 'X-Deny': '1', 'Content-Type': 'application/json' },
          body: '{"page":1}',
        });
        assert.equal(denied.status, 403);
        assert.equal(s.service.lastPage, undefined, 'handler was not called');
      } finally {
        await s.server.close();
      }
    });
  });

  describe('routes()', () => {
    it('lists business routes first, then the /go-doudou/* routes', () => {
      const server = new HttpServer({ logger: captureLogger().logger, registry: () => ({ rows: [] }) });
      server.mount(usersDescriptor, new UsersService());
      const routes = server.routes();
      assert.deepEqual(routes[0], { name: 'getUser', method: 'GET', pattern: '/users/:id' });
      assert.equal(routes.length, usersDescriptor.routes.length + 6);
      assert.deepEqual(
        routes.slice(usersDescriptor.routes.length).map((r) => `${r.method} ${r.pattern}`),
        [
          'GET /go-doudou/openapi.json',
          'GET /go-doudou/doc',
          'GET /go-doudou/doc/:file',
          'GET /go-doudou/prometheus',
          'GET /go-doudou/health',
          'GET /go-doudou/registry',
        ],
      );
    });

    it('fails at mount with a ConfigError when the instance lacks a handler', () => {
      const server = new HttpServer({ logger: captureLogger().logger });
      throwsCode(() => server.mount(usersDescriptor, {}), ConfigError, 'HANDLER_MISSING', 'getUser');
    });
  });

  describe('close()', () => {
    it('lets an in-flight request finish while new connections are refused', async () => {
      const s = await startUsersServer();
      const inFlight = request(`${s.url}/slow`);
      await waitFor(() => s.service.gate.entered === 1, { timeoutMs: 5000 });
      const closing = s.server.close({ graceMs: 10_000 });
      assert.equal(s.server.close(), closing, 'close() is idempotent');
      await waitFor(async () => (await connectOutcome(s.port)) === 'ECONNREFUSED', {
        timeoutMs: 5000,
        message: 'new connections still accepted',
      });
      s.service.gate.releaseAll();
      const res = await inFlight;
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), { slow: 'done' });
      assert.equal(res.headers.connection, 'close');
      await closing;
    });

    it('cuts a request that outlives graceMs', async () => {
      const s = await startUsersServer();
      const inFlight = request(`${s.url}/slow`).then(
        () => 'answered',
        (err: NodeJS.ErrnoException) => err.code ?? err.message,
      );
      await waitFor(() => s.service.gate.entered === 1, { timeoutMs: 5000 });
      await s.server.close({ graceMs: 50 });
      assert.equal(await inFlight, 'ECONNRESET');
      s.service.gate.releaseAll();
    });

    it('resolves at once when the server never listened', async () => {
      const server = new HttpServer({ logger: captureLogger().logger });
      await server.close();
      await assert.rejects(server.listen({ port: 0, host: '127.0.0.1' }), /closed/);
    });
  });
});
