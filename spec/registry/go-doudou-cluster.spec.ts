/**
 * Mixed clusters end to end, on real sockets in go-doudou's text address mode: ts-doudou nodes writing each
 * generation of go-doudou meta find each other's services, warn once about the older generations, and take
 * a go-doudou node's type-14 weights by go-doudou's rule — the go-doudou node being a fake replayed from
 * captured bytes (spec/support/go-doudou-peer.ts), since go-doudou cannot be built here.
 */
import { strict as assert } from 'node:assert';
import type { GossipNode } from '../../lib/discovery/node';
import type { MetaFormat } from '../../lib/registry/meta-generations';
import { LocalRegistration } from '../../lib/registry/local-registration';
import { ServiceRegistry } from '../../lib/registry/service-registry';
import { loadCaptures } from '../discovery/wire/support/captures';
import { StreamMessageReader } from '../../lib/discovery/wire/stream-reader';
import type { PushPullMessage } from '../../lib/discovery/wire/messages';
import { GoDoudouPeer } from '../support/go-doudou-peer';
import { NodeSet, seedOf } from '../support/gossip-nodes';
import { waitFor } from '../support/wait-for';

interface TsNode {
  node: GossipNode;
  registry: ServiceRegistry;
  warnings: string[];
}

/** The captured go1 NodeMeta (gosvc_rest on 26060), its last byte — the weight — set to 0 as GDD_MEM_WEIGHT=0 gives. */
function capturedDynamicWeightMeta(): Uint8Array {
  const reply = loadCaptures('go-doudou-v2.json').find((c) => c.transport === 'TCP' && c.fromPort === 27946)!;
  const reader = new StreamMessageReader({ isAcceptor: false, addrEncoding: 'text' });
  const meta = Uint8Array.from((reader.push(reply.bytes)!.message as PushPullMessage).nodes[0].meta!);
  meta[meta.length - 1] = 0x00;
  return meta;
}

describe('registry: a mixed go-doudou cluster on loopback (text addresses)', function () {
  this.timeout(60_000);
  const set = new NodeSet();
  const closers: Array<() => void | Promise<void>> = [];
  const nodes = new Map<string, TsNode>();
  let go: GoDoudouPeer;

  async function tsNode(name: string, metaFormat: MetaFormat, service: string, port: number, weight: number): Promise<TsNode> {
    const node = await set.start(name, { addrEncoding: 'text' });
    const warnings: string[] = [];
    const registry = new ServiceRegistry(node, { warn: (m) => warnings.push(m) });
    const registration = new LocalRegistration(node, { services: [{ name: service, port }], weight, metaFormat });
    registration.start();
    closers.push(
      () => registration.close(),
      () => registry.close(),
    );
    const t = { node, registry, warnings };
    nodes.set(name, t);
    return t;
  }

  const weightAt = (t: TsNode, service: string): number | undefined => t.registry.instances(service)[0]?.weight;

  before(async () => {
    const v2 = await tsNode('ts-v2', 'v2', 'alpha', 7101, 2);
    const v1m = await tsNode('ts-v1m', 'v1-msgpack', 'beta', 7102, 3);
    const v1j = await tsNode('ts-v1j', 'v1-json', 'gamma', 7103, 4);
    await v1m.node.join([seedOf(v2.node)]);
    await v1j.node.join([seedOf(v2.node)]);
    go = await GoDoudouPeer.start('go2', capturedDynamicWeightMeta());
    closers.push(() => go.close());
  });

  after(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await set.shutdownAll();
  });

  it('lists every service whichever generation of meta its node writes, with base URL and weight', async () => {
    for (const t of nodes.values()) {
      await waitFor(() => ['alpha', 'beta', 'gamma'].every((s) => t.registry.instances(s).length === 1), {
        timeoutMs: 15_000,
        message: `${t.node.localNode.name} lists alpha, beta and gamma`,
      });
      assert.deepEqual(
        ['alpha', 'beta', 'gamma'].map((s) => [t.registry.instances(s)[0].baseUrl, t.registry.instances(s)[0].weight]),
        [
          ['http://127.0.0.1:7101', 2],
          ['http://127.0.0.1:7102', 3],
          ['http://127.0.0.1:7103', 4],
        ],
      );
    }
  });

  it('warns once per node whose meta is an older generation, naming it and what it is, never about itself', async () => {
    const v2 = nodes.get('ts-v2')!;
    await waitFor(() => v2.warnings.length >= 2, { message: 'two warnings' });
    assert.equal(v2.warnings.length, 2);
    assert.ok(
      v2.warnings.some((w) =>
        /node ts-v1m .*go-doudou v1\.0\.5–v1\.3\.7 meta \(msgpack \{_meta…\}\); read as beta_rest.*GDD_MEM_META_FORMAT=v1-msgpack/.test(w),
      ),
    );
    assert.ok(
      v2.warnings.some((w) =>
        /node ts-v1j .*go-doudou v0\.5\.6–v1\.0\.0 meta \(JSON .*read as gamma_rest.*GDD_MEM_META_FORMAT=v1-json/.test(w),
      ),
    );
    const v1m = nodes.get('ts-v1m')!;
    assert.deepEqual(
      v1m.warnings.map((w) => /node (\S+)/.exec(w)?.[1]),
      ['ts-v1j'],
    );
  });

  it("takes a go-doudou node's gossiped weight when its meta weight is 0, and spreads it to the other nodes", async () => {
    const v2 = nodes.get('ts-v2')!;
    const v1j = nodes.get('ts-v1j')!;
    const joined = await go.join(v2.node.port);
    assert.ok(
      joined.nodes.some((n) => n.name === 'ts-v2' && n.addr === '127.0.0.1'),
      'the join answer lists ts-v2 with a text address',
    );
    await waitFor(() => v1j.registry.instances('gosvc').length === 1, { timeoutMs: 15_000, message: 'gosvc listed by gossip' });
    assert.equal(weightAt(v1j, 'gosvc'), 0, 'meta weight 0 and no weight gossiped yet');
    assert.equal(v1j.registry.instances('gosvc')[0].baseUrl, 'http://127.0.0.1:26060');

    // Like go-doudou, a weight every interval (a single broadcast may reach a node before it knows go2).
    const stop = go.gossipWeightEvery(v2.node.port, 5, Date.now(), 200);
    let t0: number;
    try {
      await waitFor(() => weightAt(v2, 'gosvc') === 5, { message: 'ts-v2 takes weight 5' });
      await waitFor(() => weightAt(v1j, 'gosvc') === 5, { timeoutMs: 15_000, message: 'ts-v1j learns weight 5 by gossip' });
    } finally {
      t0 = stop();
    }

    const ignoredBefore = v2.node.stats().swim.weightsIgnored;
    go.sendWeight(v2.node.port, 7, t0); // same WeightAt: stale
    await waitFor(() => v2.node.stats().swim.weightsIgnored > ignoredBefore, { message: 'the stale weight is ignored' });
    assert.equal(weightAt(v2, 'gosvc'), 5);

    const stopAgain = go.gossipWeightEvery(v2.node.port, 3, t0 + 1000, 200);
    try {
      await waitFor(() => weightAt(v2, 'gosvc') === 3 && weightAt(v1j, 'gosvc') === 3, {
        timeoutMs: 15_000,
        message: 'weight 3 everywhere',
      });
    } finally {
      stopAgain();
    }
  });

  it('drops and counts a malformed weight message, and keeps the weight it had', async () => {
    const v2 = nodes.get('ts-v2')!;
    // A weight message whose Weight is a string: 0e 85 … a6 "Weight" a1 "9" …
    const hostile = Buffer.concat([
      Buffer.from('0e85a446726f6da3676f32ab496e6361726e6174696f6e02a44e6f6465a3676f32a6576569676874a139a85765696768744174', 'hex'),
      Buffer.from('d3000001a23320f0d4', 'hex'),
    ]);
    const before = v2.node.stats().transport.packetsDropped['bad-weight-message'] ?? 0;
    go.sendRaw(v2.node.port, hostile);
    await waitFor(() => (v2.node.stats().transport.packetsDropped['bad-weight-message'] ?? 0) > before, { message: 'counted' });
    assert.equal(weightAt(v2, 'gosvc'), 3);
    assert.ok(v2.node.isRunning);
  });
});
