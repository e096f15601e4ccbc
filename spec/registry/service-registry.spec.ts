import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InstanceSource } from '../../lib/client/instances';
import type { GossipNode } from '../../lib/discovery/node';
import { encodeNodeMeta } from '../../lib/registry/node-meta';
import { LocalRegistration, LocalRegistrationOptions } from '../../lib/registry/local-registration';
import { RegistryChange, ServiceRegistry } from '../../lib/registry/service-registry';
import { NodeSet, seedOf } from '../support/gossip-nodes';
import { waitFor } from '../support/wait-for';

const packageVersion = (): string =>
  (JSON.parse(fs.readFileSync(path.resolve(process.cwd(), 'package.json'), 'utf8')) as { version: string }).version;

/** One gossip node with its registry and registration, as App will wire them. */
interface Peer {
  node: GossipNode;
  registry: ServiceRegistry;
  registration?: LocalRegistration;
}

describe('registry/service-registry ServiceRegistry (real gossip nodes on loopback)', function () {
  this.timeout(30_000);
  const set = new NodeSet();
  const closers: Array<() => void> = [];
  afterEach(async () => {
    closers.splice(0).forEach((close) => close());
    await set.shutdownAll();
  });

  async function peer(
    name: string,
    registration?: Omit<LocalRegistrationOptions, 'services'> & { services?: LocalRegistrationOptions['services'] },
  ): Promise<Peer> {
    const node = await set.start(name);
    const registry = new ServiceRegistry(node);
    closers.push(() => registry.close());
    let reg: LocalRegistration | undefined;
    if (registration) {
      reg = new LocalRegistration(node, { services: [{ name: 'usersvc', port: 6060 }], ...registration });
      closers.push(() => reg?.close());
      reg.start();
    }
    return { node, registry, registration: reg };
  }

  const ids = (p: Peer, service = 'usersvc'): string[] => p.registry.instances(service).map((i) => i.id);

  it('lists the instances of every node, itself included, with base URL and weight', async () => {
    const a = await peer('a', { services: [{ name: 'usersvc', port: 6061, routeRootPath: '/api' }], weight: 2 });
    const b = await peer('b', { services: [{ name: 'usersvc', port: 6062, host: 'users.local' }], weight: 5 });
    await b.node.join([seedOf(a.node)]);
    await waitFor(() => ids(a).join() === 'a,b' && ids(b).join() === 'a,b', { message: 'both registries list a and b' });
    const [ia, ib] = a.registry.instances('usersvc');
    assert.equal(ia.baseUrl, 'http://127.0.0.1:6061/api');
    assert.equal(ia.weight, 2);
    assert.equal(ib.baseUrl, 'http://users.local:6062');
    assert.equal(ib.weight, 5);
    assert.equal(ib.service, 'usersvc_rest');
    assert.deepEqual(ib.node, { name: 'b', addr: '127.0.0.1', port: b.node.port });
    assert.equal(ib.state, 'alive');
    assert.equal(a.registry.instances('usersvc_rest'), a.registry.instances('usersvc'), 'the same cached array for both spellings');
    assert.deepEqual(a.registry.services(), ['usersvc_rest']);
  });

  it('publishes several services from one node (monolith mode) and finds each by name', async () => {
    const a = await peer('a', {
      services: [
        { name: 'usersvc', port: 6060 },
        { name: 'ordersvc', port: 6060, routeRootPath: '/orders' },
      ],
    });
    const b = await peer('b');
    await b.node.join([seedOf(a.node)]);
    await waitFor(() => b.registry.services().join() === 'ordersvc_rest,usersvc_rest', { message: 'b sees both services' });
    assert.deepEqual(
      b.registry.instances('ordersvc').map((i) => i.baseUrl),
      ['http://127.0.0.1:6060/orders'],
    );
    assert.deepEqual(
      b.registry.instances('usersvc').map((i) => i.baseUrl),
      ['http://127.0.0.1:6060'],
    );
    assert.deepEqual(b.registry.instances('nosuchsvc'), []);
  });

  it('re-reads the meta on update: new weight and address, a change event, a new cached array', async () => {
    const a = await peer('a', { weight: 1 });
    const b = await peer('b');
    await b.node.join([seedOf(a.node)]);
    const before = await waitFor(() => b.registry.instances('usersvc').length === 1 && b.registry.instances('usersvc'), {
      message: 'b sees a',
    });
    const changes: RegistryChange[] = [];
    b.registry.on('change', (c) => changes.push(c));
    a.node.updateMeta(
      encodeNodeMeta({
        ...a.registration!.meta,
        weight: 7,
        serviceInfo: [{ name: 'usersvc_rest', host: '127.0.0.1', port: 7070, routeRootPath: '/v2', type: 'rest' }],
      }),
    );
    const after = await waitFor(() => b.registry.instances('usersvc')[0]?.weight === 7 && b.registry.instances('usersvc'), {
      message: 'b sees weight 7',
    });
    assert.notEqual(after, before);
    assert.equal(after[0].baseUrl, 'http://127.0.0.1:7070/v2');
    assert.ok(changes.some((c) => c.node === 'a' && c.cause === 'update' && c.services.includes('usersvc_rest')));
  });

  it('drops a node that leaves', async () => {
    const a = await peer('a', {});
    const b = await peer('b', {});
    await b.node.join([seedOf(a.node)]);
    await waitFor(() => ids(a).join() === 'a,b', { message: 'a sees b' });
    const left = new Promise<RegistryChange>((resolve) => a.registry.on('change', (c) => c.cause === 'leave' && resolve(c)));
    await b.node.leave(3000);
    assert.deepEqual((await left).services, ['usersvc_rest']);
    assert.deepEqual(ids(a), ['a']);
    assert.deepEqual(
      a.registry.view().rows.map((r) => r.hostname),
      ['a'],
    );
  });

  it('keeps a node that left on the page as "left" for departedRetentionMs, never in instances() or rows', async () => {
    let now = 1_000_000;
    const a = await peer('a', {});
    const b = await peer('b', {});
    const watcher = new ServiceRegistry(a.node, { now: () => now, departedRetentionMs: 10_000 });
    closers.push(() => watcher.close());
    await b.node.join([seedOf(a.node)]);
    await waitFor(() => watcher.instances('usersvc').length === 2, { message: 'a sees b' });
    const left = new Promise<void>((resolve) => watcher.on('change', (c) => c.cause === 'leave' && resolve()));
    now += 1000;
    await b.node.leave(3000);
    await left;
    assert.deepEqual(
      watcher.instances('usersvc').map((i) => i.id),
      ['a'],
    );
    assert.deepEqual(
      watcher.view().rows.map((r) => r.hostname),
      ['a'],
    );
    const page = watcher.view().instances!;
    assert.deepEqual(
      page.map((i) => [i.node, i.state]),
      [
        ['a', 'alive'],
        ['b', 'left'],
      ],
    );
    assert.equal(page[1]!.since, new Date(now).toISOString());
    now += 10_000;
    assert.deepEqual(
      watcher.view().instances!.map((i) => i.node),
      ['a'],
      'gone once the retention passed',
    );
  });

  it('takes a silently stopped node out of instances() as soon as it is suspect, before it is dead', async () => {
    const a = await peer('a', {});
    const b = await peer('b', {});
    const c = await peer('c', {});
    await b.node.join([seedOf(a.node)]);
    await c.node.join([seedOf(a.node)]);
    await waitFor(() => ids(a).join() === 'a,b,c', { message: 'a sees a, b, c' });
    let deadSeen = false;
    a.node.on('dead', (m) => {
      if (m.name === 'c') deadSeen = true;
    });
    const atSuspect = new Promise<{ ids: string[]; status: unknown; dead: boolean }>((resolve) =>
      a.registry.on('change', (ch) => {
        if (ch.node !== 'c' || ch.cause !== 'suspect') return;
        resolve({ ids: ids(a), status: a.registry.view().rows.find((r) => r.hostname === 'c')?.status, dead: deadSeen });
      }),
    );
    await c.node.shutdown();
    const seen = await atSuspect;
    assert.deepEqual(seen.ids, ['a', 'b'], 'c left instances() on suspect');
    assert.equal(seen.status, 'suspect', 'the registry page still shows c, as suspect');
    assert.equal(seen.dead, false, 'before c was declared dead');
    await waitFor(() => a.registry.view().rows.every((r) => r.hostname !== 'c'), {
      message: 'c gone from the page once dead',
      timeoutMs: 20_000,
    });
    assert.deepEqual(ids(a), ['a', 'b']);
  });

  it('renders /go-doudou/registry rows per (node, service) with go-doudou columns', async () => {
    const registerAt = new Date(Date.now() - (3 * 3600 + 2 * 60 + 5) * 1000);
    const a = await peer('a', {
      services: [
        { name: 'usersvc', port: 6060, routeRootPath: '/api', data: { zone: 'eu-1' } },
        { name: 'ordersvc', port: 6060 },
      ],
      version: '1.2.0',
      buildUser: 'ci',
      buildTime: '2024-05-06',
      gddVer: '9.9.9',
      weight: 3,
      registerAt,
    });
    const b = await peer('b', { services: [{ name: 'usersvc', port: 6070 }] });
    await b.node.join([seedOf(a.node)]);
    await waitFor(() => b.registry.view().rows.length === 3, { message: 'b has 3 rows' });
    const rows = b.registry.view().rows;
    assert.deepEqual(
      rows.map((r) => [r.index, r.svcName, r.hostname]),
      [
        [1, 'ordersvc_rest', 'a'],
        [2, 'usersvc_rest', 'a'],
        [3, 'usersvc_rest', 'b'],
      ],
    );
    const row = rows[1];
    assert.equal(row.baseUrl, 'http://127.0.0.1:6060/api');
    assert.equal(row.status, 'up');
    assert.equal(row.uptime, '3 hours 2 minutes');
    assert.equal(row.version, '1.2.0');
    assert.equal(row.goVer, `node ${process.version}`);
    assert.equal(row.gddVer, '9.9.9');
    assert.equal(row.buildUser, 'ci');
    assert.equal(row.buildTime, '2024-05-06');
    assert.deepEqual(row.data, { zone: 'eu-1' });
    assert.equal(row.host, '127.0.0.1');
    assert.equal(row.svcPort, 6060);
    assert.equal(row.memPort, a.node.port);
    assert.equal(row.weight, 3);
    assert.ok(!Number.isNaN(Date.parse(String(row.lastChange))));
    assert.equal(rows[2].gddVer, packageVersion(), 'gddVer defaults to the ts-doudou version');
  });

  it('counts and ignores nodes whose meta is not go-doudou NodeMeta', async () => {
    const a = await peer('a', {});
    const serf = await set.start('serf-like', {
      meta: Uint8Array.from([0xff, 0x81, 0xa4, 0x72, 0x6f, 0x6c, 0x65, 0xa3, 0x77, 0x65, 0x62]),
    });
    const plain = await set.start('plain', { meta: 'just-bytes' });
    await serf.join([seedOf(a.node)]);
    await plain.join([seedOf(a.node)]);
    await waitFor(() => a.node.members().length === 3, { message: 'a sees 3 members' });
    await waitFor(() => a.registry.stats().ignoredNodes === 2, { message: 'two ignored nodes' });
    assert.deepEqual(a.registry.stats(), { nodes: 3, ignoredNodes: 2, undecodableMeta: 2 });
    assert.deepEqual(ids(a), ['a']);
    assert.deepEqual(
      a.registry.view().rows.map((r) => r.hostname),
      ['a'],
    );
  });

  it("serves lib/client's InstanceSource with the contract's plain service name", async () => {
    const a = await peer('a', { weight: 2 });
    const source: InstanceSource = a.registry; // structural: lib/registry does not import lib/client
    assert.deepEqual(
      source.instances('usersvc').map((i) => [i.id, i.baseUrl, i.weight]),
      [['a', 'http://127.0.0.1:6060', 2]],
    );
  });

  it('stops following the membership after close()', async () => {
    const a = await peer('a', {});
    a.registry.close();
    const b = await peer('b', {});
    await b.node.join([seedOf(a.node)]);
    await waitFor(() => ids(b).join() === 'a,b', { message: 'b sees a' });
    assert.deepEqual(ids(a), ['a']);
  });
});
