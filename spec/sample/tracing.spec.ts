import assert from 'node:assert/strict';
import path from 'node:path';
import { AppProcess } from '../support/app-process';
import { JaegerAgentStandIn } from '../support/jaeger-agent';

/**
 * One trace across real processes: the sample cluster (ordersvc → usersvc, each its own process) reporting
 * to a Jaeger agent stand-in that decodes the UDP batches jaeger-client sends.
 */
describe('sample cluster tracing (one trace across processes)', function () {
  this.timeout(90_000);
  let launcher: AppProcess | undefined;
  let agent: JaegerAgentStandIn | undefined;
  afterEach(async () => {
    launcher?.kill('SIGTERM');
    await launcher?.exited;
    await agent?.close();
  });

  it('gives a request to ordersvc that calls usersvc one trace: server span → client span → usersvc server span', async () => {
    agent = await JaegerAgentStandIn.start();
    // Spans only leave at shutdown: this also proves the graceful stop flushes them in every process.
    launcher = new AppProcess(path.resolve(__dirname, '../../sample/main.js'), {
      GDD_PORT: '0',
      ...agent.env(),
      JAEGER_REPORTER_FLUSH_INTERVAL: '1h',
    });
    const docs = (await launcher.waitForLine(/API docs: +(http:\/\/localhost:\d+)\/go-doudou\/doc/, 45_000))[1];
    const base = docs.replace('localhost', '127.0.0.1');
    const created = await fetch(`${base}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-across-1' },
      body: JSON.stringify({ userId: 3, item: 'coffee', quantity: 1 }),
    });
    assert.equal(created.status, 200);

    launcher.child.kill('SIGTERM');
    assert.equal(await launcher.exited, 0);

    const order = await agent.waitForSpan(
      (s) => s.service === 'ordersvc' && s.tags['request.id'] === 'trace-across-1',
      10_000,
      'ordersvc server span',
    );
    assert.equal(order.operationName, 'HTTP POST: /orders');
    assert.equal(order.parentSpanId, '0', 'the trace starts at ordersvc');
    assert.equal(order.tags['span.kind'], 'server');
    assert.equal(order.tags['http.status_code'], 200);

    const call = await agent.waitForSpan(
      (s) => s.traceId === order.traceId && s.operationName === 'usersvc.getUser',
      10_000,
      'client span',
    );
    assert.equal(call.service, 'ordersvc');
    assert.equal(call.parentSpanId, order.spanId);
    assert.equal(call.tags['span.kind'], 'client');
    assert.match(String(call.tags['gdd.instance']), /^usersvc-[12]$/, 'the instance the balancer chose');

    const user = await agent.waitForSpan((s) => s.traceId === order.traceId && s.service === 'usersvc', 10_000, 'usersvc server span');
    assert.equal(user.operationName, 'HTTP GET: /users/:id');
    assert.equal(user.parentSpanId, call.spanId, 'usersvc continued the uber-trace-id it received');
    assert.equal(user.tags['request.id'], 'trace-across-1', 'and got the same request id');
    assert.equal(user.tags['http.url'], '/users/3');
    assert.notEqual(user.processTags['client-uuid'], order.processTags['client-uuid'], 'two processes reported');
    assert.equal(agent.undecodable, 0);
  });
});
