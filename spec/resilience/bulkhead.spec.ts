import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { Context, Next } from 'koa';
import { bulkhead, type BulkheadMiddleware } from '../../lib/resilience/bulkhead';
import { request, type TestResponse } from '../http/support/http-client';
import { waitFor } from '../support/wait-for';
import { gate, startServer, type StartedServer } from './support/server';
import { ResilienceConfigError } from '../../lib/resilience/errors';
import { throwsCode } from '../support/errors';

interface ErrorJson {
  error: { code: string; message: string; requestId: string };
}

/** Terminal middleware: /hold waits for the test's gate, /boom throws, anything else answers at once. */
function handlers(hold: { promise: Promise<void> }, started: { count: number }) {
  return async (ctx: Context, _next: Next): Promise<void> => {
    started.count++;
    if (ctx.path === '/boom') throw new Error('handler failed');
    if (ctx.path === '/hold') await hold.promise;
    ctx.body = { ok: true };
  };
}

describe('resilience/bulkhead', () => {
  let s: StartedServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  async function start(limiter: BulkheadMiddleware, hold: { promise: Promise<void> }, started: { count: number }): Promise<string> {
    s = await startServer(limiter, handlers(hold, started));
    return s.url;
  }

  it('runs maxConcurrent, queues maxQueue and answers the rest 429 JSON with Retry-After; the queued one runs after a release', async () => {
    const mw = bulkhead({ maxConcurrent: 2, maxQueue: 1 });
    const hold = gate();
    const started = { count: 0 };
    const url = await start(mw, hold, started);
    const done: TestResponse[] = [];
    const all = Array.from({ length: 5 }, () => request(`${url}/hold`).then((r) => (done.push(r), r)));
    await waitFor(() => done.length === 2 && mw.stats().executing === 2 && mw.stats().queued === 1, {
      message: '2 running, 1 queued, 2 rejected',
    });
    assert.equal(started.count, 2, 'exactly two handlers run');
    for (const r of done) {
      assert.equal(r.status, 429);
      assert.equal(r.headers['retry-after'], '1');
      assert.match(String(r.headers['content-type']), /application\/json/);
      const body = r.json<ErrorJson>();
      assert.equal(body.error.code, 'TOO_MANY_REQUESTS');
      assert.equal(body.error.requestId, r.headers['x-request-id']);
    }
    assert.equal(mw.stats().rejectedQueueFull, 2);
    hold.open();
    const results = await Promise.all(all);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 200, 429, 429]);
    assert.equal(started.count, 3, 'the queued request ran after a slot was released');
    assert.deepEqual([mw.stats().executing, mw.stats().queued], [0, 0]);
  });

  it('answers 429 to a request that waited longer than maxWaitMs, and the next request still gets the freed slot', async () => {
    const mw = bulkhead({ maxConcurrent: 1, maxQueue: 5, maxWaitMs: 100 });
    const hold = gate();
    const started = { count: 0 };
    const url = await start(mw, hold, started);
    const running = request(`${url}/hold`);
    await waitFor(() => mw.stats().executing === 1);
    const waited = await request(`${url}/hold`);
    assert.equal(waited.status, 429);
    assert.equal(waited.headers['retry-after'], '1');
    assert.match(waited.json<ErrorJson>().error.message, /no capacity within 100 ms/);
    assert.deepEqual([mw.stats().rejectedTimeout, mw.stats().queued], [1, 0]);
    hold.open();
    assert.equal((await running).status, 200);
    assert.equal((await request(`${url}/now`)).status, 200);
    assert.equal(started.count, 2, 'the timed-out request never reached its handler');
  });

  it('frees the slot of a handler that throws', async () => {
    const mw = bulkhead({ maxConcurrent: 1, maxQueue: 0 });
    const hold = gate();
    hold.open();
    const url = await start(mw, hold, { count: 0 });
    const boom = await request(`${url}/boom`);
    assert.equal(boom.status, 500);
    assert.equal(boom.json<ErrorJson>().error.code, 'INTERNAL');
    assert.equal(mw.stats().executing, 0);
    assert.equal((await request(`${url}/ok`)).status, 200);
  });

  it('drops a queued request whose client disconnects, without running its handler', async () => {
    const mw = bulkhead({ maxConcurrent: 1, maxQueue: 1 });
    const hold = gate();
    const started = { count: 0 };
    const url = await start(mw, hold, started);
    const running = request(`${url}/hold`);
    await waitFor(() => mw.stats().executing === 1);
    const leaving = http.get(`${url}/hold`, { agent: false });
    leaving.on('error', () => undefined); // the abort below surfaces as a socket hang-up
    await waitFor(() => mw.stats().queued === 1);
    leaving.destroy();
    await waitFor(() => mw.stats().queued === 0 && mw.stats().abandoned === 1, { message: 'abandoned waiter left the queue' });
    hold.open();
    assert.equal((await running).status, 200);
    assert.equal(started.count, 1);
    assert.equal(mw.stats().executing, 0);
  });

  it('keeps the slot of a running request whose client disconnects until its handler finishes', async () => {
    const mw = bulkhead({ maxConcurrent: 1, maxQueue: 0 });
    const hold = gate();
    const started = { count: 0 };
    const url = await start(mw, hold, started);
    const leaving = http.get(`${url}/hold`, { agent: false });
    leaving.on('error', () => undefined);
    await waitFor(() => mw.stats().executing === 1);
    leaving.destroy();
    const meanwhile = await request(`${url}/now`);
    assert.equal(meanwhile.status, 429, 'the disconnected handler still holds the only slot');
    hold.open();
    await waitFor(() => mw.stats().executing === 0, { message: 'slot released when the handler finished' });
    assert.equal((await request(`${url}/now`)).status, 200);
  });

  it('runs 15 at once when maxConcurrent is <= 0 (go-doudou default workers)', async () => {
    const mw = bulkhead({ maxConcurrent: 0, maxQueue: 0 });
    const hold = gate();
    const started = { count: 0 };
    const url = await start(mw, hold, started);
    const all = Array.from({ length: 16 }, () => request(`${url}/hold`));
    await waitFor(() => mw.stats().executing === 15 && mw.stats().rejectedQueueFull === 1);
    hold.open();
    const statuses = (await Promise.all(all)).map((r) => r.status);
    assert.equal(statuses.filter((st) => st === 200).length, 15);
    assert.equal(started.count, 15);
    throwsCode(() => bulkhead({ maxWaitMs: -1 }), ResilienceConfigError, 'INVALID_BULKHEAD_OPTION', 'maxWaitMs must be >= 0, got -1');
    throwsCode(() => bulkhead({ maxQueue: -1 }), ResilienceConfigError, 'INVALID_BULKHEAD_OPTION', 'maxQueue');
  });
});
