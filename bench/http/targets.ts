/**
 * The three servers the HTTP benchmark compares, doing the same in-memory work:
 *   GET  /users/:id   → one user from a Map, as JSON
 *   POST /page/users  → JSON body { page, size } → a page of users, as JSON
 * `stack` is HttpServer with every default middleware; `koa` is bare Koa + @koa/router; `node` is raw node:http.
 * All three parse the id / JSON body and serialize the same JSON: run.ts checks the bodies are byte-identical
 * before measuring.
 */
import Router from '@koa/router';
import Koa from 'koa';
import * as http from 'node:http';
import { Writable } from 'node:stream';
import type { ServiceDescriptor } from '../../lib/decorators/descriptors';
import { HttpServer } from '../../lib/http/server';
import { createLogger } from '../../lib/observability/logger';
import type { Tracing } from '../../lib/observability/tracing';

export type TargetName = 'stack' | 'koa' | 'node';
export const TARGET_NAMES: readonly TargetName[] = ['stack', 'koa', 'node'];

export interface RunningTarget {
  port: number;
  /** Log lines the target wrote to its sink so far (stack only; 0 for the baselines, which log nothing). */
  logLines(): number;
  close(): Promise<void>;
}

interface User {
  id: number;
  name: string;
  email: string;
}

const USERS = new Map<number, User>();
for (let i = 1; i <= 1000; i++) USERS.set(i, { id: i, name: `user ${i}`, email: `user${i}@example.com` });
const ALL = [...USERS.values()];

function getUser(id: number): User | undefined {
  return USERS.get(id);
}

function pageUsers(page: number, size: number): { items: User[]; page: number; size: number; total: number } {
  const start = (page - 1) * size;
  return { items: ALL.slice(start, start + size), page, size, total: ALL.length };
}

const descriptor: ServiceDescriptor = {
  name: 'benchsvc',
  rootPath: '',
  target: Object,
  schemas: {
    PageQuery: {
      type: 'object',
      properties: { page: { type: 'integer', minimum: 1 }, size: { type: 'integer', minimum: 1, maximum: 100 } },
      required: ['page', 'size'],
    },
  },
  routes: [
    {
      operationId: 'getUser',
      method: 'GET',
      path: '/users/:id',
      tags: [],
      response: {},
      params: [{ index: 0, name: 'id', in: 'path', required: true, coerce: 'integer', schema: { type: 'integer', minimum: 1 } }],
    },
    {
      operationId: 'pageUsers',
      method: 'POST',
      path: '/page/users',
      tags: [],
      response: {},
      bodyType: 'application/json',
      params: [{ index: 0, name: '', in: 'body', required: true, schema: { $ref: '#/components/schemas/PageQuery' } }],
    },
  ],
};

class BenchService {
  getUser(id: number): User | undefined {
    return getUser(id);
  }
  pageUsers(q: { page: number; size: number }) {
    return pageUsers(q.page, q.size);
  }
}

function readJson(req: http.IncomingMessage): Promise<{ page: number; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { page: number; size: number });
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

/** A real log sink that throws the bytes away: every line still goes through winston's formats and transport. */
function nullSink(): { stream: Writable; lines: () => number } {
  let lines = 0;
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      lines++;
      done();
    },
  });
  return { stream, lines: () => lines };
}

async function listenOn(listener: http.RequestListener): Promise<RunningTarget> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    logLines: () => 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * HttpServer as an App builds it from an empty environment: the GDD_LOG_* logger at its defaults (text
 * format, level info, GDD_ENV dev — so every request writes an access line) into a null sink.
 * BENCH_LOG_FORMAT=json switches to the json format a production deployment would pick.
 */
export function benchLogFormat(): 'text' | 'json' {
  return process.env.BENCH_LOG_FORMAT === 'json' ? 'json' : 'text';
}

/** The `stack` target, optionally traced (bench/tracing). */
export async function startStack(options: { tracing?: Tracing } = {}): Promise<RunningTarget> {
  const sink = nullSink();
  const logger = createLogger({
    level: 'info',
    format: benchLogFormat(),
    serviceName: 'benchsvc',
    env: 'dev',
    stream: sink.stream,
    colors: false,
  });
  const server = new HttpServer({ logger, serviceName: 'benchsvc', tracing: options.tracing });
  server.mount(descriptor, new BenchService());
  const { port } = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    port,
    logLines: sink.lines,
    close: async () => {
      await server.close({ graceMs: 1000 });
      await options.tracing?.close();
    },
  };
}

function koaListener(): http.RequestListener {
  const app = new Koa();
  const router = new Router();
  router.get('/users/:id', (ctx) => {
    const user = getUser(Number(ctx.params.id));
    if (!user) ctx.status = 404;
    else ctx.body = user;
  });
  router.post('/page/users', async (ctx) => {
    const q = await readJson(ctx.req);
    ctx.body = pageUsers(q.page, q.size);
  });
  app.use(router.routes());
  return app.callback();
}

function nodeListener(): http.RequestListener {
  const userPath = /^\/users\/(\d+)$/;
  return (req, res) => {
    const m = req.method === 'GET' ? userPath.exec(req.url ?? '') : null;
    if (m) {
      const user = getUser(Number(m[1]));
      const body = JSON.stringify(user ?? {});
      res.writeHead(user ? 200 : 404, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (req.method === 'POST' && req.url === '/page/users') {
      readJson(req).then(
        (q) => {
          const body = JSON.stringify(pageUsers(q.page, q.size));
          res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
          res.end(body);
        },
        () => {
          res.writeHead(400);
          res.end();
        },
      );
      return;
    }
    res.writeHead(404);
    res.end();
  };
}

/** Starts one target on 127.0.0.1. */
export function startTarget(name: TargetName): Promise<RunningTarget> {
  switch (name) {
    case 'stack':
      return startStack();
    case 'koa':
      return listenOn(koaListener());
    case 'node':
      return listenOn(nodeListener());
  }
}
