import Router, { type Layer } from '@koa/router';
import { strict as assert } from 'node:assert';
import type { Context, Next } from 'koa';
import type { RequestLifecycle } from '../../lib/http/request-lifecycle';
import { RouteDispatch, type DirectHit } from '../../lib/http/route-dispatch';
import { request, type TestRequest, type TestResponse } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';
import { waitFor } from '../support/wait-for';

/** What a client can see of an answer, without what differs per request (date, a generated request id). */
function visible(r: TestResponse): { status: number; headers: Record<string, unknown>; body: string } {
  const headers: Record<string, unknown> = { ...r.headers };
  delete headers.date;
  if (!String(headers['x-request-id']).startsWith('spec-')) headers['x-request-id'] = '(generated)';
  const body = r.text.replace(/"requestId":"[0-9a-f-]{36}"/, '"requestId":"(generated)"');
  return { status: r.status, headers, body };
}

const REQUESTS: Array<[string, TestRequest]> = [
  ['/users/7?verbose=true', { headers: { 'x-request-id': 'spec-1', 'accept-encoding': 'gzip' } }],
  ['/users/7?verbose=1&verbose=0', {}],
  ['/users/abc', { headers: { origin: 'http://example.com' } }],
  ['/users?page=2&size=5&tags=a&tags[]=b', {}],
  ['/users?page=x', {}],
  ['/users/7/', {}],
  ['/USERS/7', {}],
  ['/page/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"page":1}' }],
  ['/page/users', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"page":' }],
  ['/page/users', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"page":1}' }],
  ['/boom', {}],
  ['/reject', {}],
  ['/teapot', { method: 'POST' }],
  ['/users/7', { method: 'DELETE' }],
  ['/users/7', { method: 'HEAD' }],
  ['/users/7', { method: 'PUT' }],
  ['/no/such/route', {}],
  ['/big', { headers: { 'accept-encoding': 'gzip' } }],
  ['/big', { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } }],
  ['/text', {}],
  ['/download/report.txt', {}],
  ['/download/report.txt', { method: 'HEAD' }],
  ['/download-stream', {}],
  ['/download-broken', {}],
];

describe('route dispatch', () => {
  let direct: Started;
  let chain: Started;
  const seen: string[] = [];

  before(async () => {
    direct = await startUsersServer();
    chain = await startUsersServer();
    // any user middleware sends every request through the Koa chain
    chain.server.use(async (ctx: Context, next: Next) => {
      seen.push(ctx.path);
      await next();
    });
  });

  after(async () => {
    await direct.server.close({ graceMs: 100, drainMs: 0 });
    await chain.server.close({ graceMs: 100, drainMs: 0 });
  });

  for (const [path, options] of REQUESTS) {
    it(`answers ${options.method ?? 'GET'} ${path} as the Koa chain does`, async () => {
      const a = await request(`${direct.url}${path}`, options);
      const b = await request(`${chain.url}${path}`, options);
      assert.deepEqual(visible(a), visible(b));
      assert.ok(seen.includes(new URL(path, chain.url).pathname), 'the chain server ran its middleware');
    });
  }

  it('logs and counts what the Koa chain logs and counts', async () => {
    for (const s of [direct, chain]) {
      await request(`${s.url}/users/9?verbose=true`, { headers: { 'x-request-id': 'spec-log' } });
      await request(`${s.url}/boom`, { headers: { 'x-request-id': 'spec-boom' } });
    }
    // the first line of each message: an error's stack differs by the frames between server and handler
    const lines = (s: Started): string[] =>
      s.lines
        .filter((l) => l.requestId === 'spec-log' || l.requestId === 'spec-boom')
        .map((l) => `${l.level} ${l.message.split('\n')[0]!.replace(/ [\d.]+ms /, ' ')}`);
    await waitFor(() => lines(direct).length >= 3 && lines(chain).length >= 3, { timeoutMs: 5000 });
    assert.deepEqual(lines(direct), lines(chain));
    const counts = async (s: Started): Promise<string[]> =>
      (await request(`${s.url}/go-doudou/prometheus`)).text
        .split('\n')
        .filter((l) => l.startsWith('go_doudou_http_request_count{path="/users/:id"'));
    assert.deepEqual(await counts(direct), await counts(chain));
  });

  it('sends requests through middleware added after listening', async () => {
    const late: string[] = [];
    direct.server.use(async (ctx: Context, next: Next) => {
      late.push(ctx.path);
      await next();
    });
    const r = await request(`${direct.url}/users/7`);
    assert.equal(r.status, 200);
    assert.deepEqual(late, ['/users/7']);
  });

  it('gives a route that takes the context the chain (it may read what the router leaves on ctx)', async () => {
    const s = await startUsersServer();
    try {
      const r = await request(`${s.url}/whoami`);
      assert.equal(r.status, 200);
      assert.equal(r.json().host, new URL(s.url).host);
    } finally {
      await s.server.close({ graceMs: 100, drainMs: 0 });
    }
  });
});

describe('RouteDispatch', () => {
  /** A router with direct routes whose runs answer their own name, and a fake lifecycle that passes it on. */
  function table(): { router: Router; dispatch: RouteDispatch; add: (pattern: string, method: string, direct: boolean) => void } {
    const router = new Router();
    const lifecycle = {
      start: (ctx: Context, inner: (c: Context) => unknown) => inner(ctx) as Promise<void>,
    } as unknown as RequestLifecycle;
    const dispatch = new RouteDispatch(router, lifecycle);
    const add = (pattern: string, method: string, direct: boolean): void => {
      const layer = router.register(pattern, [method], [() => undefined]) as Layer;
      if (direct) dispatch.add(layer, () => `${method} ${pattern}`);
    };
    return { router, dispatch, add };
  }
  const ran = (hit: DirectHit | undefined): unknown => (hit === undefined ? undefined : (hit.handle({} as Context) as unknown));

  it('finds the route @koa/router would run: the first registered whose pattern and method match', () => {
    const { dispatch, add } = table();
    add('/users/:id', 'GET', true);
    add('/users/me', 'GET', true);
    add('/things', 'GET', true);
    add('/things', 'POST', true);
    assert.equal(ran(dispatch.find('GET', '/users/me')), 'GET /users/:id');
    assert.deepEqual(dispatch.find('GET', '/users/me')?.params, { id: 'me' });
    assert.equal(ran(dispatch.find('GET', '/things')), 'GET /things');
    assert.equal(ran(dispatch.find('HEAD', '/things')), 'GET /things');
    assert.equal(ran(dispatch.find('POST', '/things')), 'POST /things');
    assert.equal(ran(dispatch.find('GET', '/things/')), 'GET /things');
    assert.equal(dispatch.find('DELETE', '/things'), undefined);
    assert.equal(dispatch.find('GET', '/nothing'), undefined);
  });

  it('leaves to the chain a request whose first matching layer is not direct, or is router middleware', () => {
    const { router, dispatch, add } = table();
    add('/go-doudou/health', 'GET', false);
    add('/:anything', 'GET', true);
    router.use('/mw', () => undefined);
    add('/mw/x', 'GET', true);
    assert.equal(dispatch.find('GET', '/go-doudou/health'), undefined);
    assert.equal(ran(dispatch.find('GET', '/other')), 'GET /:anything');
    assert.equal(dispatch.find('GET', '/mw/x'), undefined);
  });
});
