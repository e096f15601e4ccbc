import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GossipNode } from '../../../lib/discovery/node';
import { GossipError } from '../../../lib/discovery/node-errors';
import { GOSSIP_PROFILES } from '../../../lib/config/gossip-options';
import { silentPeerDeadWithinMs } from '../../support/failure-detection';
import { freePort } from '../../support/free-port';
import { GoPeer, gonodeBinary } from '../../support/go-peer';
import { NodeSet, seedOf } from '../../support/gossip-nodes';
import { DEBIAN_GOSSIP_HINT, hasGoMemberlist, requireOrSkip } from '../../support/requirements';
import { waitFor } from '../../support/wait-for';
import { isCode } from '../../support/errors';

/** memberlist's DefaultLocalConfig, the profile gonode runs with (docs/gossip-wire-format.md#default-profiles). */
const LOCAL = { profile: 'local' as const, bindAddr: '127.0.0.1', bindPort: 0 };
const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

describe('interop: ts GossipNode ↔ real Go memberlist 0.2.2 (gonode)', function () {
  this.timeout(60_000);
  const set = new NodeSet();
  const peers: GoPeer[] = [];
  let tmp: string;

  before(async function () {
    requireOrSkip(this, hasGoMemberlist(), DEBIAN_GOSSIP_HINT);
    this.timeout(180_000); // first use builds gonode (seconds; longer on a cold, loaded machine)
    await gonodeBinary();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tsd-interop-'));
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((p) => p.kill()));
    await set.shutdownAll();
  });

  async function go(name: string, opts: Partial<ConstructorParameters<typeof GoPeer>[0]> = {}): Promise<GoPeer> {
    const peer = await GoPeer.start({ name, port: await freePort(), ...opts });
    peers.push(peer);
    return peer;
  }

  async function ts(name: string, opts: Parameters<NodeSet['start']>[1] = {}): Promise<GossipNode> {
    return set.start(name, { ...LOCAL, ...opts });
  }

  const goSeed = (p: GoPeer): string => `127.0.0.1:${p.options.port}`;

  it('a ts node joins a Go cluster and both list each other with address, port and meta', async () => {
    const g = await go('go1', { meta: { role: 'go' } });
    const t = await ts('ts1', { meta: '{"role":"ts"}' });
    assert.equal(await t.join([goSeed(g)]), 1);
    const seen = await g.waitForEvent((e) => e.event === 'join' && e.name === 'ts1');
    assert.equal(seen.addr, '127.0.0.1');
    assert.equal(seen.port, t.port);
    assert.deepEqual(seen.meta, { role: 'ts' });
    assert.deepEqual(seen.vsn, [1, 5, 2, 0, 0, 0]);
    const goAtTs = await waitFor(() => t.members().find((m) => m.name === 'go1'), { message: 'ts sees go1' });
    assert.equal(goAtTs.addr, '127.0.0.1');
    assert.equal(goAtTs.port, g.options.port);
    assert.deepEqual(JSON.parse(text(goAtTs.meta)), { role: 'go' });
  });

  it('a Go node joins a ts cluster and gossip spreads it to a second ts node', async () => {
    const t1 = await ts('ts1', { meta: '{"n":1}' });
    const t2 = await ts('ts2');
    await t2.join([seedOf(t1)]);
    const g = await go('go1', { join: [seedOf(t1)] });
    await g.waitForEvent((e) => e.event === 'join' && e.name === 'ts1' && JSON.stringify(e.meta) === '{"n":1}');
    await g.waitForEvent((e) => e.event === 'join' && e.name === 'ts2');
    await waitFor(() => t2.members().some((m) => m.name === 'go1' && m.port === g.options.port), { message: 'ts2 learns go1 by gossip' });
  });

  it('detects a SIGKILLed Go node as dead, and Go detects a ts node shut down without leave', async function () {
    // Each Go node must get there on its own: a confirmation from the other may never arrive (failure-detection.ts).
    const goDeclaresDeadWithin = (probed: number): number => silentPeerDeadWithinMs({ timings: GOSSIP_PROFILES.local, known: 4, probed });
    const go1DeadWithin = goDeclaresDeadWithin(3);
    const ts1DeadWithin = goDeclaresDeadWithin(2);
    this.timeout(30_000 + go1DeadWithin + ts1DeadWithin);
    const t = await ts('ts1');
    const g1 = await go('go1', { join: [seedOf(t)] });
    const g2 = await go('go2', { join: [seedOf(t)] });
    const g3 = await go('go3', { join: [seedOf(t)] });
    await waitFor(() => t.members().length === 4, { message: 'ts sees 4' });
    const dead = new Promise<string>((resolve) => t.on('dead', (m) => resolve(m.name)));
    await g1.kill();
    // go2 knows 4 nodes, itself included, and probes the other 3.
    const [deadAtTs] = await Promise.all([
      dead,
      g2.waitForEvent((e) => e.event === 'leave' && e.name === 'go1', go1DeadWithin, 'go2 marks go1 failed'),
    ]);
    assert.equal(deadAtTs, 'go1');
    await t.shutdown();
    // Each Go node probes the other and ts1; go1 still counts among the 4 it knows (3 once reaped: the same timeout).
    await Promise.all([
      g2.waitForEvent((e) => e.event === 'leave' && e.name === 'ts1', ts1DeadWithin, 'go2 marks ts1 failed'),
      g3.waitForEvent((e) => e.event === 'leave' && e.name === 'ts1', ts1DeadWithin, 'go3 marks ts1 failed'),
    ]);
  });

  it('sees graceful leaves both ways', async () => {
    const t = await ts('ts1');
    const t2 = await ts('ts2');
    await t2.join([seedOf(t)]);
    const g = await go('go1', { join: [seedOf(t)] });
    await g.waitForEvent((e) => e.event === 'join' && e.name === 'ts2');
    const left = new Promise<string>((resolve) => t.on('leave', (m) => resolve(m.name)));
    await t2.leave(3000);
    await g.waitForEvent((e) => e.event === 'leave' && e.name === 'ts2', 10_000, 'go1 sees ts2 leave');
    const g2 = await go('go2', { join: [goSeed(g)] });
    await waitFor(() => t.members().some((m) => m.name === 'go2'), { message: 'ts sees go2' });
    const exit = await g2.stop();
    assert.equal(exit.code, 0);
    assert.equal(await Promise.race([left, waitFor(() => t.allNodes().find((m) => m.name === 'go2' && m.state === 'left')?.name)]), 'ts2');
    await waitFor(() => t.allNodes().some((m) => m.name === 'go2' && m.state === 'left'), { message: 'ts marks go2 left' });
  });

  it('forms an encrypted cluster with a shared key both ways and keeps out a node without it', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const g = await go('go1', { key });
    const t = await ts('ts1', { keys: [key] });
    assert.equal(await t.join([goSeed(g)]), 1);
    await g.waitForEvent((e) => e.event === 'join' && e.name === 'ts1');
    const g2 = await go('go2', { key, join: [seedOf(t)] });
    await g2.waitForEvent((e) => e.event === 'join' && e.name === 'ts1');
    const outsider = await ts('outsider');
    await assert.rejects(outsider.join([goSeed(g)]), isCode(GossipError, 'GOSSIP_JOIN_FAILED'));
    const goOutsider = new GoPeer({ name: 'go-outsider', port: await freePort(), join: [seedOf(t)] }, await gonodeBinary());
    peers.push(goOutsider);
    const joined = await goOutsider.waitForEvent((e) => e.event === 'joined');
    assert.ok(joined.error, 'a Go node without the key must fail to join');
    assert.ok(!t.members().some((m) => m.name === 'go-outsider' || m.name === 'outsider'));
  });

  it('propagates meta updates both ways', async () => {
    const metaFile = path.join(tmp, 'go1.meta');
    fs.writeFileSync(metaFile, '{"v":1}');
    const g = await go('go1', { metaFile });
    const t = await ts('ts1', { meta: '{"v":"a"}' });
    await t.join([goSeed(g)]);
    await g.waitForEvent((e) => e.event === 'join' && e.name === 'ts1');
    const updated = new Promise<string>((resolve) => t.on('update', (m) => m.name === 'go1' && resolve(text(m.meta))));
    fs.writeFileSync(metaFile, '{"v":2}');
    g.signal('SIGUSR1');
    assert.deepEqual(JSON.parse(await updated), { v: 2 });
    t.updateMeta('{"v":"b"}');
    const seen = await g.waitForEvent((e) => e.event === 'update' && e.name === 'ts1');
    assert.deepEqual(seen.meta, { v: 'b' });
  });

  it('delivers user messages to Go over UDP, over TCP (reliable) and as piggy-backed broadcasts', async () => {
    const g = await go('go1');
    const t = await ts('ts1');
    await t.join([goSeed(g)]);
    await t.sendUser('go1', Buffer.from('hello-udp'));
    await g.waitForEvent((e) => e.event === 'user-msg' && e.len === 9, 10_000, 'UDP user message');
    await t.sendUser('go1', Buffer.from('hello-tcp-reliable'), { reliable: true });
    await g.waitForEvent((e) => e.event === 'user-msg' && e.len === 18, 10_000, 'TCP user message');
    t.broadcastUser(Buffer.from('broadcast-to-all-27-bytes!!'));
    await g.waitForEvent((e) => e.event === 'user-msg' && e.len === 27, 10_000, 'user broadcast');
  });

  it('interoperates with compression off on either side and with the Go LAN profile', async () => {
    const g = await go('go1', { compress: false, profile: 'lan' });
    const t = await ts('ts1', { meta: 'x' });
    assert.equal(await t.join([goSeed(g)]), 1);
    const t2 = await ts('ts2', { compress: false });
    assert.equal(await t2.join([goSeed(g)]), 1);
    await g.waitForEvent((e) => e.event === 'join' && e.name === 'ts2');
    await waitFor(() => t.members().length === 3 && t2.members().length === 3, { message: 'all see 3' });
  });
});
