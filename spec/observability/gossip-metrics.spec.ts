import assert from 'node:assert/strict';
import winston from 'winston';
import { App } from '../../lib';
import { request } from '../http/support/http-client';
import { PingService, startMicroApp } from '../support/micro-app';

describe('observability/gossip-metrics', function () {
  this.timeout(20_000);
  let app: App | undefined;
  afterEach(async () => app?.close());

  it("shows the node's members by state, its health score and its protocol counters on /go-doudou/prometheus", async () => {
    const started = await startMicroApp([new PingService()]);
    app = started.app;
    const text = (await request(`${started.url}/go-doudou/prometheus`)).text;
    assert.match(text, /^go_doudou_gossip_members\{state="alive"\} 1$/m);
    assert.match(text, /^go_doudou_gossip_members\{state="suspect"\} 0$/m);
    assert.match(text, /^go_doudou_gossip_health_score 0$/m);
    for (const name of ['probes', 'probes_failed', 'suspicions', 'deaths_declared', 'refutations', 'packets_dropped']) {
      assert.match(text, new RegExp(`^# TYPE go_doudou_gossip_${name}_total counter$`, 'm'));
      assert.match(text, new RegExp(`^go_doudou_gossip_${name}_total \\d+$`, 'm'));
    }
  });

  it('is absent in mono mode', async () => {
    const mono = new App({
      env: {},
      logger: winston.createLogger({ silent: true }),
      services: [new PingService()],
      handleSignals: false,
      config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
    });
    app = mono;
    const { url } = await mono.listen();
    assert.doesNotMatch((await request(`${url}/go-doudou/prometheus`)).text, /go_doudou_gossip/);
  });
});
