import { strict as assert } from 'node:assert';
import { Counter, Histogram, Registry } from 'prom-client';
import { CounterSeries, HistogramSeries } from '../../lib/observability/metric-series';

/** A counter and a histogram as HttpMetrics declares them, on a registry of their own. */
function metrics(): { registry: Registry; counter: Counter<string>; histogram: Histogram<string> } {
  const registry = new Registry();
  const counter = new Counter({ name: 'requests', help: 'r', labelNames: ['path', 'method', 'status'], registers: [registry] });
  const histogram = new Histogram({ name: 'latency', help: 'l', labelNames: ['path', 'method'], registers: [registry] });
  return { registry, counter, histogram };
}

// values on every side of the default buckets' bounds, a bound itself, and one above the largest
const SECONDS = [0.0001, 0.005, 0.0051, 0.02, 0.3, 1, 2.4999, 9.99, 10, 11, 0.07];

describe('metric series', () => {
  it("records exactly what prom-client's own labelled calls record", async () => {
    const direct = metrics();
    const api = metrics();
    const count = new CounterSeries(direct.counter, { path: '/users/:id', method: 'GET', status: '200' });
    const time = new HistogramSeries(direct.histogram, { path: '/users/:id', method: 'GET' });
    for (const s of SECONDS) {
      count.inc();
      time.observe(s);
      api.counter.inc({ path: '/users/:id', method: 'GET', status: '200' });
      api.histogram.observe({ path: '/users/:id', method: 'GET' }, s);
    }
    assert.equal(await direct.registry.metrics(), await api.registry.metrics());
    assert.match(await direct.registry.metrics(), /requests\{path="\/users\/:id",method="GET",status="200"\} 11/);
  });

  it('keeps counting after the metric was reset, from zero', async () => {
    const m = metrics();
    const count = new CounterSeries(m.counter, { path: '/a', method: 'GET', status: '200' });
    const time = new HistogramSeries(m.histogram, { path: '/a', method: 'GET' });
    count.inc();
    time.observe(0.01);
    m.registry.resetMetrics();
    count.inc();
    count.inc();
    time.observe(0.2);
    const text = await m.registry.metrics();
    assert.match(text, /requests\{path="\/a",method="GET",status="200"\} 2/);
    assert.match(text, /latency_count\{path="\/a",method="GET"\} 1/);
    assert.match(text, /latency_sum\{path="\/a",method="GET"\} 0.2/);
  });

  it('adds to a series another recorder of the same labels created (a shared registry)', async () => {
    const m = metrics();
    m.counter.inc({ path: '/a', method: 'POST', status: '201' }, 5);
    const count = new CounterSeries(m.counter, { path: '/a', method: 'POST', status: '201' });
    count.inc();
    count.inc();
    assert.match(await m.registry.metrics(), /requests\{path="\/a",method="POST",status="201"\} 7/);
  });

  it('refuses what prom-client refuses, with its error', () => {
    const m = metrics();
    const time = new HistogramSeries(m.histogram, { path: '/a', method: 'GET' });
    time.observe(0.01);
    assert.throws(() => time.observe(Number.NaN), /not a valid number/);
    assert.throws(() => time.observe(Number.POSITIVE_INFINITY), /not a valid number/);
  });
});
