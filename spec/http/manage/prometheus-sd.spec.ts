import assert from 'node:assert/strict';
import path from 'node:path';
import { targetGroups } from '../../../lib/http/manage/prometheus-sd';
import { basic } from '../support/http-client';
import { MicroCluster, type Member } from '../../support/micro-cluster';
import { PROMETHEUS_HINT, PrometheusServer } from '../../support/prometheus-server';
import { hasCommand, requireOrSkip } from '../../support/requirements';
import { waitFor } from '../../support/wait-for';

const USERSVC = path.resolve(__dirname, '../../../sample/usersvc/main.js');
const ORDERSVC = path.resolve(__dirname, '../../../sample/ordersvc/main.js');

describe('http/manage/prometheus-sd', () => {
  describe('targetGroups', () => {
    const t = (address: string, service: string, extra: Partial<{ version: string; group: string }> = {}) => ({
      address,
      service,
      hostname: `node-${address}`,
      version: '',
      group: '',
      ...extra,
    });

    it('gives one group per instance, scraped at /go-doudou/prometheus, labelled service/hostname/version/group', () => {
      assert.deepEqual(targetGroups([t('10.0.0.2:80', 'usersvc', { version: '1.2.0', group: 'blue' }), t('10.0.0.1:80', 'ordersvc')]), [
        {
          targets: ['10.0.0.1:80'],
          labels: { __metrics_path__: '/go-doudou/prometheus', service: 'ordersvc', hostname: 'node-10.0.0.1:80' },
        },
        {
          targets: ['10.0.0.2:80'],
          labels: {
            __metrics_path__: '/go-doudou/prometheus',
            service: 'usersvc',
            hostname: 'node-10.0.0.2:80',
            version: '1.2.0',
            group: 'blue',
          },
        },
      ]);
    });

    it('scrapes a process serving two services once, naming both', () => {
      const groups = targetGroups([t('10.0.0.1:80', 'usersvc'), t('10.0.0.1:80', 'ordersvc')]);
      assert.equal(groups.length, 1);
      assert.equal(groups[0]!.labels.service, 'ordersvc,usersvc');
    });
  });

  describe('with a real Prometheus discovering the sample services', function () {
    this.timeout(120_000);
    const user = 'ops';
    const pass = 'scrape-me';
    const auth = basic(user, pass);
    const cluster = new MicroCluster(auth);
    let prometheus: PrometheusServer | undefined;
    let order: Member;

    before(async function () {
      requireOrSkip(this, hasCommand('prometheus'), PROMETHEUS_HINT);
      const env = { GDD_MANAGE_USER: user, GDD_MANAGE_PASS: pass, GDD_SERVICE_VERSION: '1.2.3', GDD_SERVICE_GROUP: 'blue' };
      await cluster.start('usersvc-1', USERSVC, { ...env, GDD_SERVICE_NAME: 'usersvc' });
      await cluster.start('usersvc-2', USERSVC, { ...env, GDD_SERVICE_NAME: 'usersvc' });
      order = await cluster.start('ordersvc-1', ORDERSVC, { ...env, GDD_SERVICE_NAME: 'ordersvc' });
      await cluster.waitForUsers(order, ['usersvc-1', 'usersvc-2']);
    });
    after(() => {
      prometheus?.stop();
      cluster.stopAll();
    });

    const sdUrl = () => `http://127.0.0.1:${order.port}/go-doudou/prometheus/sd`;

    it('serves Prometheus HTTP SD JSON behind the manage auth, one group per live instance', async () => {
      assert.equal((await fetch(sdUrl())).status, 401);
      const res = await fetch(sdUrl(), { headers: { authorization: auth } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const groups = (await res.json()) as Array<{ targets: string[]; labels: Record<string, string> }>;
      assert.deepEqual(groups.map((g) => g.labels.hostname).sort(), ['ordersvc-1', 'usersvc-1', 'usersvc-2']);
      const ports = cluster.members.map((m) => `127.0.0.1:${m.port}`).sort();
      assert.deepEqual(groups.map((g) => g.targets[0]).sort(), ports);
      for (const g of groups) {
        assert.equal(g.labels.__metrics_path__, '/go-doudou/prometheus');
        assert.equal(g.labels.version, '1.2.3');
        assert.equal(g.labels.group, 'blue');
      }
    });

    it('lets Prometheus find every instance, scrape it with basic auth and query its request counter; a killed one drops out', async () => {
      prometheus = await PrometheusServer.start({ sdUrl: sdUrl(), basicAuth: { username: user, password: pass } });
      const p = prometheus;
      // traffic through ordersvc to both usersvc instances
      for (let i = 0; i < 4; i++) {
        const placed = await fetch(`http://127.0.0.1:${order.port}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: 1, item: 'tea', quantity: 1 }),
        });
        assert.equal(placed.status, 200);
      }
      const targets = await waitFor(
        async () => {
          const all = await p.targets();
          return all.length === 3 && all.every((t) => t.health === 'up') && all;
        },
        { timeoutMs: 30_000, intervalMs: 500, message: 'three targets up in Prometheus' },
      ).catch((err: unknown) => assert.fail(`${String(err)}\n${p.output}`));
      assert.deepEqual(targets.map((t) => t.labels.hostname).sort(), ['ordersvc-1', 'usersvc-1', 'usersvc-2']);
      assert.deepEqual(targets.map((t) => t.labels.service).sort(), ['ordersvc', 'usersvc', 'usersvc']);
      for (const t of targets) assert.match(t.scrapeUrl, /\/go-doudou\/prometheus$/);

      const series = await waitFor(
        async () => {
          const result = await p.query('sum by (hostname) (go_doudou_http_request_count)');
          return result.length === 3 && result;
        },
        { timeoutMs: 20_000, intervalMs: 500, message: 'request counter series from every instance' },
      );
      assert.deepEqual(series.map((s) => s.metric.hostname).sort(), ['ordersvc-1', 'usersvc-1', 'usersvc-2']);
      for (const s of series) assert.ok(Number(s.value[1]) > 0);

      cluster.members.find((m) => m.name === 'usersvc-2')!.process.kill('SIGKILL');
      const left = await waitFor(
        async () => {
          const all = await p.targets();
          return all.length === 2 && all;
        },
        { timeoutMs: 40_000, intervalMs: 500, message: 'the killed instance to drop out of the targets' },
      );
      assert.deepEqual(left.map((t) => t.labels.hostname).sort(), ['ordersvc-1', 'usersvc-1']);
    });
  });
});
