/**
 * Micro mode on real processes: the sample user and order services as separate processes, finding
 * each other by gossip on 127.0.0.1, the order service calling the user service through the injected,
 * balanced, resilient client.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { MicroCluster as Cluster, type Member } from './support/micro-cluster';
import { waitFor } from './support/wait-for';

const USERSVC = path.resolve(__dirname, '../sample/usersvc/main.js');
const ORDERSVC = path.resolve(__dirname, '../sample/ordersvc/main.js');

/** How many GET /users/:id requests a user-service instance answered, from its own Prometheus counter. */
async function userLookups(member: Member): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${member.port}/go-doudou/prometheus`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('go_doudou_http_request_count{') && line.includes('path="/users/:id"') && line.includes('method="GET"')) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

/** Steady load on the order service: `workers` loops of GET /orders/1, each answered by calling usersvc. */
class Load {
  ok = 0;
  readonly failures: string[] = [];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(orderPort: number, workers: number) {
    this.loops = Array.from({ length: workers }, async () => {
      while (this.running) {
        try {
          const res = await fetch(`http://127.0.0.1:${orderPort}/orders/1`);
          const body = await res.text();
          if (res.status === 200) this.ok++;
          else this.failures.push(`${res.status} ${body}`);
        } catch (err) {
          this.failures.push(String(err));
        }
      }
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

async function placeOrder(orderPort: number): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${orderPort}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 1, item: 'tea', quantity: 2 }),
  });
  assert.equal(res.status, 200, await res.text());
}

describe('micro mode: services discover and call each other over gossip', function () {
  this.timeout(60_000);
  let cluster: Cluster;
  beforeEach(() => (cluster = new Cluster()));
  afterEach(() => cluster.stopAll());

  async function threeNodes(weights: [string, string] = ['1', '1']): Promise<[Member, Member, Member]> {
    const u1 = await cluster.start('usersvc-1', USERSVC, { GDD_SERVICE_NAME: 'usersvc', GDD_WEIGHT: weights[0] });
    const u2 = await cluster.start('usersvc-2', USERSVC, { GDD_SERVICE_NAME: 'usersvc', GDD_WEIGHT: weights[1] });
    const order = await cluster.start('ordersvc-1', ORDERSVC, { GDD_SERVICE_NAME: 'ordersvc' });
    await cluster.waitForUsers(order, ['usersvc-1', 'usersvc-2']);
    return [u1, u2, order];
  }

  it('three instances find each other and the order service calls usersvc through the client', async () => {
    const [u1, u2, order] = await threeNodes();
    await placeOrder(order.port);
    const got = await (await fetch(`http://127.0.0.1:${order.port}/orders/1`, { headers: { 'x-request-id': 'trace-42' } })).json();
    assert.equal((got as { userName: string }).userName, 'Ada Lovelace');
    // The request id of the incoming call travels with the client call to whichever usersvc answered.
    await waitFor(() => /trace-42/.test(u1.process.stdout + u2.process.stdout), { message: 'request id in a usersvc access log' });
    const rows = await cluster.registry(u1);
    assert.deepEqual(rows.map((r) => `${r.hostname}:${r.svcName}`).sort(), [
      'ordersvc-1:ordersvc_rest',
      'usersvc-1:usersvc_rest',
      'usersvc-2:usersvc_rest',
    ]);
  });

  it('spreads calls evenly over equal instances', async () => {
    const [u1, u2, order] = await threeNodes();
    await placeOrder(order.port);
    for (let i = 0; i < 40; i++) assert.equal((await fetch(`http://127.0.0.1:${order.port}/orders/1`)).status, 200);
    const [a, b] = [await userLookups(u1), await userLookups(u2)];
    assert.equal(a + b, 41);
    assert.ok(Math.abs(a - b) <= 1, `usersvc-1 ${a}, usersvc-2 ${b}`);
  });

  it('spreads calls by GDD_WEIGHT (smooth weighted round-robin)', async () => {
    const [u1, u2, order] = await threeNodes(['3', '1']);
    await placeOrder(order.port);
    for (let i = 0; i < 39; i++) assert.equal((await fetch(`http://127.0.0.1:${order.port}/orders/1`)).status, 200);
    const [a, b] = [await userLookups(u1), await userLookups(u2)];
    assert.equal(a + b, 40);
    assert.ok(Math.abs(a - 30) <= 1 && Math.abs(b - 10) <= 1, `usersvc-1 ${a}, usersvc-2 ${b}`);
  });

  it('loses no call when an instance is killed with SIGKILL under load', async () => {
    const [, u2, order] = await threeNodes();
    await placeOrder(order.port);
    const load = new Load(order.port, 4);
    await waitFor(() => load.ok >= 50, { timeoutMs: 20_000, message: 'load warmed up' });
    u2.process.kill('SIGKILL');
    await cluster.waitForUsers(order, ['usersvc-1']);
    const detectedAt = load.ok;
    await waitFor(() => load.ok >= detectedAt + 100, { timeoutMs: 20_000, message: 'load after detection' });
    await load.stop();
    assert.deepEqual(load.failures, []);
  });

  it('loses no call when an instance stops gracefully (SIGTERM) under load, and it leaves the cluster', async () => {
    const [, u2, order] = await threeNodes();
    await placeOrder(order.port);
    const load = new Load(order.port, 4);
    await waitFor(() => load.ok >= 50, { timeoutMs: 20_000, message: 'load warmed up' });
    u2.process.kill('SIGTERM');
    assert.equal(await u2.process.exited, 0);
    const out = u2.process.stdout;
    assert.match(out, /left the gossip cluster/);
    assert.ok(
      out.indexOf('left the gossip cluster') < out.indexOf('Http server is shutting down gracefully'),
      `it leaves before it stops listening:\n${out}`,
    );
    await cluster.waitForUsers(order, ['usersvc-1'], 5_000);
    const after = load.ok;
    await waitFor(() => load.ok >= after + 100, { timeoutMs: 20_000, message: 'load after leave' });
    await load.stop();
    assert.deepEqual(load.failures, []);
  });

  it('answers 503 NO_INSTANCE naming the service when no instance of a needed service exists', async () => {
    const order = await cluster.start('ordersvc-1', ORDERSVC, { GDD_SERVICE_NAME: 'ordersvc' });
    const res = await fetch(`http://127.0.0.1:${order.port}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 1, item: 'tea', quantity: 2 }),
    });
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(res.status, 503);
    assert.equal(body.error.code, 'NO_INSTANCE');
    assert.match(body.error.message, /usersvc/);
  });
});
