import { strict as assert } from 'node:assert';
import { Registry } from 'prom-client';
import { HttpMetrics, frameworkVersion } from '../../lib/observability/metrics';
import { request } from '../http/support/http-client';
import { startUsersServer } from '../http/support/start-server';
import { waitFor } from '../support/wait-for';

describe('metrics', () => {
  describe('HttpMetrics', () => {
    it('registers go-doudou metric names, app info and process metrics on its own registry', async () => {
      const m = new HttpMetrics({ serviceName: 'usersvc' });
      m.observe('/users/:id', 'GET', 200, 0.012);
      const { text, contentType } = await m.exposition();
      assert.match(contentType, /text\/plain/);
      assert.match(text, /go_doudou_http_request_count\{path="\/users\/:id",method="GET",status="200"\} 1/);
      assert.match(text, /go_doudou_http_response_time_seconds_bucket\{le="0\.025",path="\/users\/:id",method="GET"\} 1/);
      assert.match(text, /go_doudou_http_response_time_seconds_bucket\{le="0\.01",path="\/users\/:id",method="GET"\} 0/);
      assert.match(
        text,
        new RegExp(
          `go_doudou_app_info\\{nodeVer="${process.version.replace(/\./g, '\\.')}",gddVer="${frameworkVersion().replace(/\./g, '\\.')}",serviceName="usersvc"\\} 1`,
        ),
      );
      assert.match(text, /process_cpu_user_seconds_total/);
    });

    it('finds its own package version for gddVer', () => {
      assert.match(frameworkVersion(), /^\d+\.\d+\.\d+/);
    });

    it('shares a given registry between two instances without duplicate-registration errors', async () => {
      const registry = new Registry();
      const a = new HttpMetrics({ registry });
      const b = new HttpMetrics({ registry });
      a.observe('/a', 'GET', 200, 0.001);
      b.observe('/a', 'GET', 200, 0.001);
      assert.match(await registry.metrics(), /go_doudou_http_request_count\{path="\/a",method="GET",status="200"\} 2/);
    });
  });

  describe('over HTTP', () => {
    it('labels requests with the route template, never the raw path, and unmatched ones as unmatched', async () => {
      const s = await startUsersServer();
      try {
        await request(`${s.url}/users/101`);
        await request(`${s.url}/users/202`);
        await request(`${s.url}/users/abc`);
        await request(`${s.url}/no/such/path/999`);
        const text = await waitFor(
          async () => {
            const t = (await request(`${s.url}/go-doudou/prometheus`)).text;
            return /path="unmatched",method="GET",status="404"/.test(t) ? t : undefined;
          },
          { timeoutMs: 5000 },
        );
        assert.match(text, /go_doudou_http_request_count\{path="\/users\/:id",method="GET",status="200"\} 2/);
        assert.match(text, /go_doudou_http_request_count\{path="\/users\/:id",method="GET",status="400"\} 1/);
        assert.match(text, /go_doudou_http_request_count\{path="unmatched",method="GET",status="404"\} 1/);
        const paths = new Set([...text.matchAll(/go_doudou_http_request_count\{path="([^"]*)"/g)].map((m) => m[1]));
        for (const p of paths) assert.ok(['/users/:id', 'unmatched', '/go-doudou/prometheus'].includes(p!), `unexpected path label ${p}`);
        assert.doesNotMatch(text, /path="\/users\/101"|path="\/users\/202"|path="\/no\/such/);
      } finally {
        await s.server.close();
      }
    });
  });
});
