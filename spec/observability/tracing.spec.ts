import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import winston from 'winston';
import {
  App,
  Get,
  HttpError,
  Path,
  Service,
  StaticInstances,
  activeSpan,
  createClient,
  type AppOptions,
  type Client,
  type ListeningAddress,
} from '../../lib';
import { unregisterService } from '../../lib/decorators/service';
import { JaegerAgentStandIn } from '../support/jaeger-agent';
import { JaegerCollectorStandIn } from '../support/jaeger-collector';
import { request } from '../http/support/http-client';
import { freePort } from '../support/free-port';
import { NO_DRAIN_ENV } from '../support/no-drain';
import { waitFor } from '../support/wait-for';

const quiet = winston.createLogger({ silent: true });
const emptyDir = mkdtempSync(path.join(tmpdir(), 'tsd-tracing-'));

@Service('backsvc')
class BackService {
  @Get('/items/:id', {
    returns: { type: 'object', properties: { id: { type: 'integer' }, traced: { type: 'boolean' } }, required: ['id', 'traced'] },
  })
  async getItem(@Path('id', { integer: true }) id: number): Promise<{ id: number; traced: boolean }> {
    activeSpan()?.setTag('item.id', id);
    if (id === 500) throw new Error('the database is on fire');
    if (id === 404) throw new HttpError(404, 'NO_ITEM', 'no such item');
    if (id === 503) throw new HttpError(503, 'DOWN', 'down for maintenance');
    return { id, traced: activeSpan() !== undefined };
  }
}

/** Calls backsvc through a typed client from inside its handler; the client is set once backsvc listens. */
@Service('frontsvc')
class FrontService {
  back: Client<BackService> | undefined;

  @Get('/front/:id', { returns: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } })
  async getFront(@Path('id', { integer: true }) id: number): Promise<{ id: number }> {
    await Promise.resolve(); // the context must survive awaits before the call
    const item = await this.back!.getItem(id);
    return { id: item.id };
  }
}
unregisterService(BackService);
unregisterService(FrontService);

describe('observability/tracing', function () {
  this.timeout(30_000);
  let agent: JaegerAgentStandIn;
  const apps: App[] = [];

  beforeEach(async () => {
    agent = await JaegerAgentStandIn.start();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await agent.close();
  });

  async function start(
    services: object[],
    name: string,
    env: Record<string, string> = agent.env(),
    setup: (app: App) => void = () => undefined,
  ): Promise<ListeningAddress> {
    const options: AppOptions = {
      env: { ...NO_DRAIN_ENV, GDD_SERVICE_NAME: name, ...env },
      cwd: emptyDir,
      logger: quiet,
      handleSignals: false,
      services,
      config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
    };
    const app = new App(options);
    setup(app);
    apps.push(app);
    return app.listen();
  }

  /** Records the uber-trace-id header of every request the app receives. */
  const recordTraceHeader = (into: string[]) => (app: App) =>
    app.use(async (ctx, next) => {
      into.push(ctx.get('uber-trace-id'));
      await next();
    });

  it('starts one server span per request, named by the route template, with OpenTracing tags and the request id', async () => {
    const { url } = await start([new BackService()], 'backsvc');
    const res = await request(`${url}/items/7?x=1`, { headers: { 'x-request-id': 'req-77' } });
    assert.equal(res.status, 200);
    assert.equal(res.json<{ traced: boolean }>().traced, true, 'the handler sees its active span');
    const span = await agent.waitForSpan((s) => s.tags['request.id'] === 'req-77');
    assert.equal(span.operationName, 'HTTP GET: /items/:id');
    assert.equal(span.service, 'backsvc');
    assert.equal(span.parentSpanId, '0');
    assert.equal(span.tags['span.kind'], 'server');
    assert.equal(span.tags['http.method'], 'GET');
    assert.equal(span.tags['http.url'], '/items/7?x=1');
    assert.equal(span.tags['http.status_code'], 200);
    assert.equal(span.tags['item.id'], 7, 'handler tags land on the span');
    assert.equal(span.tags.error, undefined);
  });

  it('continues the trace of an incoming uber-trace-id', async () => {
    const { url } = await start([new BackService()], 'backsvc');
    await request(`${url}/items/1`, { headers: { 'uber-trace-id': 'abc123def4567890:1122334455667788:0:1', 'x-request-id': 'r-uber' } });
    const span = await agent.waitForSpan((s) => s.tags['request.id'] === 'r-uber');
    assert.equal(span.traceId, 'abc123def4567890');
    assert.equal(span.parentSpanId, '1122334455667788');
  });

  it('continues a W3C traceparent when no uber-trace-id came', async () => {
    const { url } = await start([new BackService()], 'backsvc');
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await request(`${url}/items/1`, { headers: { traceparent, 'x-request-id': 'r-w3c' } });
    const span = await agent.waitForSpan((s) => s.tags['request.id'] === 'r-w3c');
    assert.equal(span.traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(span.parentSpanId, 'f067aa0ba902b7');
  });

  it('marks a 500 answer as an error and logs the exception on the span; a 404 is no error', async () => {
    const { url } = await start([new BackService()], 'backsvc');
    assert.equal((await request(`${url}/items/500`, { headers: { 'x-request-id': 'r-500' } })).status, 500);
    assert.equal((await request(`${url}/items/404`, { headers: { 'x-request-id': 'r-404' } })).status, 404);
    assert.equal((await request(`${url}/nowhere`, { headers: { 'x-request-id': 'r-none' } })).status, 404);
    const failed = await agent.waitForSpan((s) => s.tags['request.id'] === 'r-500');
    assert.equal(failed.tags.error, true);
    assert.equal(failed.tags['http.status_code'], 500);
    assert.ok(failed.logs.some((l) => l.event === 'error' && l.message === 'the database is on fire'));
    const missing = await agent.waitForSpan((s) => s.tags['request.id'] === 'r-404');
    assert.equal(missing.tags.error, undefined);
    const unmatched = await agent.waitForSpan((s) => s.tags['request.id'] === 'r-none');
    assert.equal(unmatched.operationName, 'HTTP GET: unmatched', 'never the raw URL');
  });

  it('gives each typed-client call a child span with the chosen instance, and the callee continues it', async () => {
    const back = await start([new BackService()], 'backsvc');
    const front = new FrontService();
    front.back = createClient(BackService, {
      instances: new StaticInstances({ backsvc: [{ id: 'back-1', baseUrl: back.url, weight: 1 }] }),
    });
    const { url } = await start([front], 'frontsvc');
    assert.equal((await request(`${url}/front/5`, { headers: { 'x-request-id': 'r-chain' } })).status, 200);

    const server = await agent.waitForSpan((s) => s.service === 'frontsvc' && s.tags['request.id'] === 'r-chain');
    const call = await agent.waitForSpan((s) => s.operationName === 'backsvc.getItem' && s.traceId === server.traceId);
    const callee = await agent.waitForSpan((s) => s.service === 'backsvc' && s.traceId === server.traceId);
    assert.equal(call.parentSpanId, server.spanId);
    assert.equal(callee.parentSpanId, call.spanId, 'uber-trace-id carried the client span');
    assert.equal(callee.tags['request.id'], 'r-chain', 'the request id travelled too');
    assert.equal(call.tags['span.kind'], 'client');
    assert.equal(call.tags['peer.service'], 'backsvc');
    assert.equal(call.tags['gdd.instance'], 'back-1');
    assert.equal(call.tags['http.status_code'], 200);
    assert.equal(call.tags['gdd.retries'], 0);
    assert.deepEqual(
      call.logs.filter((l) => l.event === 'attempt').map((l) => l.instance),
      ['back-1'],
    );
  });

  it('records retries on the client span: one log per attempt naming each instance', async () => {
    const back = await start([new BackService()], 'backsvc');
    const dead = `http://127.0.0.1:${await freePort()}`;
    const front = new FrontService();
    front.back = createClient(BackService, {
      instances: new StaticInstances({
        backsvc: [
          { id: 'dead-1', baseUrl: dead, weight: 1 },
          { id: 'live-1', baseUrl: back.url, weight: 1 },
        ],
      }),
      retryBaseDelayMs: 1,
    });
    const { url } = await start([front], 'frontsvc');
    // round-robin starts at the first instance: the dead one refuses, the retry goes to the live one
    assert.equal((await request(`${url}/front/6`, { headers: { 'x-request-id': 'r-retry' } })).status, 200);
    const server = await agent.waitForSpan((s) => s.service === 'frontsvc' && s.tags['request.id'] === 'r-retry');
    const call = await agent.waitForSpan((s) => s.operationName === 'backsvc.getItem' && s.traceId === server.traceId);
    assert.equal(call.tags['gdd.retries'], 1);
    assert.equal(call.tags['gdd.instance'], 'live-1');
    assert.deepEqual(
      call.logs.filter((l) => l.event === 'attempt').map((l) => l.instance),
      ['dead-1', 'live-1'],
    );
    assert.ok(call.logs.some((l) => l.event === 'attempt failed' && l.instance === 'dead-1'));
    assert.equal(call.tags.error, undefined, 'the call succeeded in the end');
  });

  it('tags a call the circuit breaker refused as an error with gdd.circuit_open', async () => {
    const back = await start([new BackService()], 'backsvc');
    const front = new FrontService();
    front.back = createClient(BackService, {
      baseUrl: back.url,
      retryCount: 0,
      breaker: { minimumCalls: 1, failureRatio: 0.5, halfOpenAfterMs: 60_000 },
    });
    const { url } = await start([front], 'frontsvc');
    assert.equal((await request(`${url}/front/503`, { headers: { 'x-request-id': 'r-open-1' } })).status, 503);
    assert.equal((await request(`${url}/front/1`, { headers: { 'x-request-id': 'r-open-2' } })).status, 503);
    const server = await agent.waitForSpan((s) => s.service === 'frontsvc' && s.tags['request.id'] === 'r-open-2');
    const call = await agent.waitForSpan((s) => s.operationName === 'backsvc.getItem' && s.traceId === server.traceId);
    assert.equal(call.tags['gdd.circuit_open'], true);
    assert.equal(call.tags.error, true);
    assert.ok(!call.logs.some((l) => l.event === 'attempt'), 'nothing was sent');
    const first = await agent.waitForSpan((s) => s.service === 'frontsvc' && s.tags['request.id'] === 'r-open-1');
    const failedCall = await agent.waitForSpan((s) => s.operationName === 'backsvc.getItem' && s.traceId === first.traceId);
    assert.equal(failedCall.tags['http.status_code'], 503);
    assert.equal(failedCall.tags.error, true);
  });

  it('sends buffered spans on graceful shutdown', async () => {
    const { url } = await start([new BackService()], 'backsvc', { ...agent.env(), JAEGER_REPORTER_FLUSH_INTERVAL: '1h' });
    await request(`${url}/items/3`, { headers: { 'x-request-id': 'r-flush' } });
    assert.equal(agent.spans.length, 0, 'nothing sent before the hour is over');
    await apps.pop()!.close();
    await agent.waitForSpan((s) => s.tags['request.id'] === 'r-flush', 5000);
  });

  it('samples nothing at JAEGER_SAMPLER_PARAM=0, yet still propagates the trace id (flags 0)', async () => {
    const seen: string[] = [];
    const back = await start([new BackService()], 'backsvc', { ...agent.env(), JAEGER_SAMPLER_PARAM: '0' }, recordTraceHeader(seen));
    const front = new FrontService();
    front.back = createClient(BackService, { baseUrl: back.url });
    const { url } = await start([front], 'frontsvc', { ...agent.env(), JAEGER_SAMPLER_PARAM: '0' });
    assert.equal((await request(`${url}/front/2`)).status, 200);
    for (const app of apps.splice(0)) await app.close();
    assert.equal(agent.spans.length, 0);
    assert.equal(seen.length, 1);
    assert.match(seen[0]!, /^[0-9a-f]{1,32}:[0-9a-f]{1,16}:[0-9a-f]{1,16}:0$/);
  });

  it('with JAEGER_DISABLED=true starts no span, sends nothing and adds no trace headers', async () => {
    const seen: string[] = [];
    const off = { ...agent.env(), JAEGER_DISABLED: 'true' };
    const back = await start([new BackService()], 'backsvc', off, recordTraceHeader(seen));
    const front = new FrontService();
    front.back = createClient(BackService, { baseUrl: back.url });
    const { url } = await start([front], 'frontsvc', off);
    assert.equal((await request(`${url}/front/2`)).status, 200);
    assert.equal((await request(`${back.url}/items/1`)).json<{ traced: boolean }>().traced, false);
    for (const app of apps.splice(0)) await app.close();
    assert.equal(agent.packets, 0);
    assert.deepEqual(seen, ['', '']);
  });

  it('names the process by JAEGER_SERVICE_NAME over GDD_SERVICE_NAME and puts JAEGER_TAGS on it', async () => {
    const { url } = await start([new BackService()], 'backsvc', { ...agent.env('back-traced'), JAEGER_TAGS: 'region=eu,team=billing' });
    await request(`${url}/items/1`, { headers: { 'x-request-id': 'r-named' } });
    const span = await agent.waitForSpan((s) => s.tags['request.id'] === 'r-named');
    assert.equal(span.service, 'back-traced');
    assert.equal(span.processTags.region, 'eu');
    assert.equal(span.processTags.team, 'billing');
  });

  it('posts spans to JAEGER_ENDPOINT with JAEGER_USER/JAEGER_PASSWORD, and not to the agent', async () => {
    const collector = await JaegerCollectorStandIn.start();
    try {
      const { url } = await start([new BackService()], 'backsvc', {
        ...agent.env(),
        JAEGER_ENDPOINT: collector.endpoint,
        JAEGER_USER: 'tracer',
        JAEGER_PASSWORD: 'span-pass',
      });
      await request(`${url}/items/2`, { headers: { 'x-request-id': 'r-collector' } });
      const span = await collector.waitForSpan((s) => s.tags['request.id'] === 'r-collector');
      assert.equal(span.operationName, 'HTTP GET: /items/:id');
      assert.equal(span.service, 'backsvc');
      assert.deepEqual(collector.posts[0], {
        path: '/api/traces',
        contentType: 'application/x-thrift',
        authorization: `Basic ${Buffer.from('tracer:span-pass').toString('base64')}`,
      });
      for (const app of apps.splice(0)) await app.close();
      assert.equal(agent.packets, 0, 'the endpoint wins over the agent');
    } finally {
      await collector.close();
    }
  });

  it('is off by default: without JAEGER_* there is no tracer', async () => {
    const { url } = await start([new BackService()], 'backsvc', {});
    assert.equal((await request(`${url}/items/1`)).json<{ traced: boolean }>().traced, false);
  });

  it("puts the tracer's own metrics on /go-doudou/prometheus under GDD_TRACING_METRICS_ROOT", async () => {
    const { url } = await start([new BackService()], 'backsvc', { ...agent.env(), GDD_TRACING_METRICS_ROOT: 'tracing' });
    await request(`${url}/items/1`);
    await agent.waitForSpan((s) => s.operationName === 'HTTP GET: /items/:id');
    const text = await waitFor(async () => {
      const t = (await request(`${url}/go-doudou/prometheus`)).text;
      return /tracing_jaeger_reporter_spans_total\{result="ok"\} [1-9]/.test(t) && t;
    });
    assert.match(text, /tracing_jaeger_started_spans_total\{sampled="y"\} [1-9]/);
    assert.match(text, /tracing_jaeger_finished_spans_total [1-9]/);
  });
});
