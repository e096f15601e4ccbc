import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import Koa, { type Context } from 'koa';
import { answerDirectly, type KoaHandleRequest } from '../../lib/http/direct-respond';
import { request, type TestRequest, type TestResponse } from './support/http-client';

/** What the route leaves on ctx before the answer is written. */
type Route = (ctx: Context) => Promise<void> | undefined;

const ROUTES: Record<string, Route> = {
  '/json': (ctx) => {
    ctx.body = '{"hello":"world"}';
    ctx.type = 'application/json';
    return undefined;
  },
  '/buffer': (ctx) => {
    ctx.status = 201;
    ctx.body = Buffer.from('bytes');
    return undefined;
  },
  '/later': (ctx) =>
    new Promise<void>((resolve) =>
      setImmediate(() => {
        ctx.body = 'later';
        resolve();
      }),
    ),
  '/stream': (ctx) => {
    ctx.body = Readable.from(['a', 'b', 'c']);
    return undefined;
  },
  '/empty': (ctx) => {
    ctx.status = 204;
    return undefined;
  },
  '/not-modified': (ctx) => {
    ctx.body = 'dropped';
    ctx.status = 304;
    return undefined;
  },
  '/nothing': () => undefined,
  '/bypass': (ctx) => {
    ctx.respond = false;
    ctx.res.statusCode = 202;
    ctx.res.end('raw');
    return undefined;
  },
  '/throws': () => {
    throw Object.assign(new Error('sync'), { status: 409, expose: true });
  },
  '/rejects': () => Promise.reject(Object.assign(new Error('async'), { status: 422, expose: true })),
};

/** Two servers on one Koa app: one answers through Koa's chain, the other through answerDirectly. */
async function servers(): Promise<{ chain: string; direct: string; sockets: http.Server; close: () => Promise<void> }> {
  const koa = new Koa();
  koa.silent = true;
  koa.use((ctx) => ROUTES[ctx.path]?.(ctx));
  const handleRequest = (koa as unknown as { handleRequest: KoaHandleRequest }).handleRequest.bind(koa);
  const chain = http.createServer(koa.callback());
  const direct = http.createServer((req, res) => {
    const ctx = koa.createContext(req, res);
    void answerDirectly(ctx, (c) => ROUTES[c.path]?.(c), handleRequest);
  });
  const url = async (s: http.Server): Promise<string> => {
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  };
  return {
    chain: await url(chain),
    direct: await url(direct),
    sockets: direct,
    close: async () => {
      for (const s of [chain, direct]) await new Promise((resolve) => s.close(resolve));
    },
  };
}

function visible(r: TestResponse): { status: number; headers: Record<string, unknown>; body: string } {
  const headers: Record<string, unknown> = { ...r.headers };
  delete headers.date;
  return { status: r.status, headers, body: r.text };
}

describe('answerDirectly (the answer of a directly dispatched route)', () => {
  let s: Awaited<ReturnType<typeof servers>>;
  before(async () => {
    s = await servers();
  });
  after(() => s.close());

  const cases: Array<[string, TestRequest]> = [
    ...Object.keys(ROUTES).map((path): [string, TestRequest] => [path, {}]),
    ['/json', { method: 'HEAD' }],
    ['/stream', { method: 'HEAD' }],
  ];
  for (const [path, options] of cases) {
    it(`answers ${options.method ?? 'GET'} ${path} byte for byte as Koa's handleRequest and respond() do`, async () => {
      const direct = await request(`${s.direct}${path}`, options);
      const chain = await request(`${s.chain}${path}`, options);
      assert.deepEqual(visible(direct), visible(chain));
    });
  }

  it('adds no listener to the socket or the response for a plain body (Koa attaches on-finished ones)', async () => {
    const counts: number[] = [];
    const onRequest = (_req: http.IncomingMessage, res: http.ServerResponse): void => {
      res.once('finish', () => counts.push(res.socket?.listenerCount('close') ?? -1, res.listenerCount('finish')));
    };
    s.sockets.prependListener('request', onRequest);
    const baseline = http.createServer((_req, res) => {
      res.once('finish', () => counts.push(res.socket?.listenerCount('close') ?? -1, res.listenerCount('finish')));
      res.end('x');
    });
    await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
    try {
      await request(`${s.direct}/json`);
      await request(`http://127.0.0.1:${(baseline.address() as AddressInfo).port}/`);
      assert.deepEqual(counts.slice(0, 2), counts.slice(2, 4), 'the same listeners as a bare node:http answer');
    } finally {
      s.sockets.off('request', onRequest);
      await new Promise((resolve) => baseline.close(resolve));
    }
  });
});
