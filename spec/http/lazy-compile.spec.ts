import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteDescriptor, ServiceDescriptor } from '../../lib/decorators/descriptors';
import { HttpServer } from '../../lib/http/server';
import { captureLogger } from './support/capture-logger';
import { request, type TestResponse } from './support/http-client';

/** Routes whose validator and serializer do real work: a bounded path id, typed query values, a DTO body and answer. */
const things: ServiceDescriptor = {
  name: 'things',
  rootPath: '',
  target: Object,
  schemas: {
    Thing: {
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' }, owner: { $ref: '#/components/schemas/Owner' } },
      required: ['id', 'name'],
    },
    Owner: { type: 'object', properties: { email: { type: 'string' } } },
    NewThing: { type: 'object', properties: { name: { type: 'string', minLength: 2 } }, required: ['name'] },
  },
  routes: [
    {
      operationId: 'getThing',
      method: 'GET',
      path: '/things/:id',
      params: [
        { index: 0, name: 'id', in: 'path', schema: { type: 'integer', minimum: 1 }, required: true, coerce: 'integer', isArray: false },
        {
          index: 1,
          name: 'limit',
          in: 'query',
          schema: { type: 'integer', maximum: 10 },
          required: false,
          coerce: 'integer',
          isArray: false,
        },
      ],
      response: { schema: { $ref: '#/components/schemas/Thing' }, description: 'OK' },
      errors: [],
      tags: [],
    },
    {
      operationId: 'addThing',
      method: 'POST',
      path: '/things',
      params: [{ index: 0, name: '', in: 'body', schema: { $ref: '#/components/schemas/NewThing' }, required: true }],
      bodyType: 'application/json',
      response: { schema: { $ref: '#/components/schemas/Thing' }, description: 'OK' },
      errors: [],
      tags: [],
    },
  ] satisfies RouteDescriptor[],
};

class ThingService {
  getThing(id: number) {
    return { id, name: `thing ${id}`, secret: 'dropped', owner: { email: 'a@example.com', internal: 'dropped' } };
  }
  addThing(body: { name: string }) {
    return { id: 1, name: body.name, version: 3 };
  }
}

const exchanges: Array<[string, { method?: string; body?: string }]> = [
  ['/things/7', {}],
  ['/things/0?limit=99', {}],
  ['/things/abc', {}],
  ['/things', { method: 'POST', body: JSON.stringify({ name: 'kettle', extra: true }) }],
  ['/things', { method: 'POST', body: JSON.stringify({ name: 'k' }) }],
];

/** What must not differ between two servers: status, media type and the exact bytes (request ids do). */
function observed(r: TestResponse): [number, string | undefined, string] {
  return [r.status, r.headers['content-type'], r.text.replace(/"requestId":"[^"]*"/g, '"requestId":"…"')];
}

async function exchange(base: string): Promise<Array<[number, string | undefined, string]>> {
  const out: Array<[number, string | undefined, string]> = [];
  for (const [path, o] of exchanges) {
    const headers = o.body !== undefined ? { 'content-type': 'application/json' } : undefined;
    out.push(observed(await request(`${base}${path}`, { ...o, headers })));
  }
  return out;
}

describe('lazily compiled validators and serializers (compile-queue.ts)', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('a route answers the same when compiled by its first request as after the background precompilation', async () => {
    // served through callback() on a node:http server of its own: HttpServer.listen() never ran, so nothing
    // was precompiled and each route's validator and serializer compile at the request that needs them
    const lazy = new HttpServer({ logger: captureLogger().logger }).mount(things, new ThingService());
    const plain = http.createServer(lazy.callback());
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => plain.close(() => resolve())));
    const before = await exchange(`http://127.0.0.1:${(plain.address() as AddressInfo).port}`);

    const eager = new HttpServer({ logger: captureLogger().logger }).mount(things, new ThingService());
    const { url } = await eager.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => eager.close({ graceMs: 0, drainMs: 0 }));
    await eager.compiled();
    const after = await exchange(url);

    assert.deepEqual(after, before);
    // and what both said is the contract: undeclared fields dropped, every bad field named
    assert.deepEqual(JSON.parse(before[0]![2]), { id: 7, name: 'thing 7', owner: { email: 'a@example.com' } });
    assert.equal(before[1]![0], 400);
    assert.match(before[1]![2], /path\.id/);
    assert.match(before[1]![2], /query\.limit/);
    assert.deepEqual(JSON.parse(before[3]![2]), { id: 1, name: 'kettle' });
    assert.equal(before[4]![0], 400);
    assert.match(before[4]![2], /body\.name/);
  });
});
