import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from '../../lib';
import { request } from '../http/support/http-client';
import { JaegerAgentStandIn } from '../support/jaeger-agent';
import { PingService, startMicroApp } from '../support/micro-app';

const dashboard = JSON.parse(readFileSync(path.resolve(process.cwd(), 'docs/grafana/ts-doudou-dashboard.json'), 'utf8')) as {
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
};

/** PromQL words that are not metric names. */
const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/** The metric names a PromQL expression selects: identifiers left after removing strings, matchers, ranges, grouping and calls. */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    if (m[2] !== undefined || PROMQL_WORDS.has(m[1]!.toLowerCase())) continue; // a function call or a keyword
    names.add(m[1]!);
  }
  return [...names];
}

/** Every series name a /go-doudou/prometheus exposition can contain (histograms as _bucket/_sum/_count). */
function exportedNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const m of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = m;
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name! + suffix);
    else if (type === 'summary') for (const suffix of ['', '_sum', '_count']) names.add(name! + suffix);
    else names.add(name!);
  }
  return names;
}

describe('docs/grafana/ts-doudou-dashboard.json', function () {
  this.timeout(20_000);
  let app: App | undefined;
  let agent: JaegerAgentStandIn | undefined;
  after(async () => {
    await app?.close();
    await agent?.close();
  });

  it('finds metric names in PromQL, and nothing else', () => {
    assert.deepEqual(
      metricNames(
        'histogram_quantile(0.95, sum by (le, path) (rate(go_doudou_http_response_time_seconds_bucket{job=~"$job", a="b(c)"}[$__rate_interval])))',
      ),
      ['go_doudou_http_response_time_seconds_bucket'],
    );
    assert.deepEqual(metricNames('sum(up{x="1"}) / count(nodejs_x == 0) and on (a) b'), ['up', 'nodejs_x', 'b']);
  });

  it("queries only metrics a ts-doudou service exports (micro mode, traced), plus Prometheus's own up", async () => {
    agent = await JaegerAgentStandIn.start();
    const started = await startMicroApp([new PingService()], agent.env());
    app = started.app;
    await request(`${started.url}/ping`);
    await agent.waitForSpan((s) => s.operationName === 'HTTP GET: /ping'); // the tracer's reporter counters exist now
    const exported = exportedNames((await request(`${started.url}/go-doudou/prometheus`)).text);
    exported.add('up');
    const queried = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => metricNames(t.expr))));
    assert.ok(queried.size >= 12, `found ${[...queried].join(', ')}`);
    const unknown = [...queried].filter((n) => !exported.has(n));
    assert.deepEqual(unknown, [], 'every queried metric is exported');
  });

  it('has the panels the issue asks for: requests/s, error rate, latency quantiles by route, instances up, gossip health', () => {
    const uses = (metric: string) => dashboard.panels.filter((p) => p.targets.some((t) => t.expr.includes(metric))).map((p) => p.title);
    assert.ok(uses('rate(go_doudou_http_request_count').length >= 2);
    assert.ok(dashboard.panels.some((p) => p.targets.some((t) => /histogram_quantile\(0\.99, sum by \(le, service, path\)/.test(t.expr))));
    assert.ok(uses('up{').length >= 1);
    assert.ok(uses('go_doudou_gossip_').length >= 3);
  });
});
