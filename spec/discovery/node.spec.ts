import { strict as assert } from 'node:assert';
import { GossipNode } from '../../lib/discovery/node';
import { GossipError, GossipNodeError } from '../../lib/discovery/node-errors';
import type { GossipEvent } from '../../lib/discovery/node-events';
import { freePort } from '../support/free-port';
import { memberNames, NodeSet, seedOf } from '../support/gossip-nodes';
import { waitFor } from '../support/wait-for';
import { isCode } from '../support/errors';

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

describe('discovery/node GossipNode (ts ↔ ts on loopback)', function () {
  this.timeout(30_000);
  const set = new NodeSet();
  afterEach(() => set.shutdownAll());

  it('joins a seed and both list each other with address, port and meta', async () => {
    const a = await set.start('a', { meta: 'meta-a' });
    const b = await set.start('b', { meta: 'meta-b' });
    const joined = new Promise<string>((resolve) => a.once('join', (m) => resolve(m.name)));
    assert.equal(await b.join([seedOf(a)]), 1);
    assert.equal(await joined, 'b');
    await waitFor(() => memberNames(a).join() === 'a,b' && memberNames(b).join() === 'a,b', { message: 'both see both' });
    const bAtA = a.members().find((m) => m.name === 'b');
    assert.ok(bAtA);
    assert.equal(bAtA.addr, '127.0.0.1');
    assert.equal(bAtA.port, b.port);
    assert.equal(text(bAtA.meta), 'meta-b');
    const aAtB = b.members().find((m) => m.name === 'a');
    assert.equal(text(aAtB?.meta ?? new Uint8Array()), 'meta-a');
    assert.equal(b.localNode.port, b.port);
  });

  it('fails a join nobody answers with GOSSIP_JOIN_FAILED', async () => {
    const a = await set.start('a');
    const port = await freePort();
    await assert.rejects(a.join([`127.0.0.1:${port}`]), isCode(GossipError, 'GOSSIP_JOIN_FAILED'));
    await assert.rejects(a.join(['no-such-host.invalid:7946']), isCode(GossipError, 'GOSSIP_JOIN_FAILED'));
  });

  it('propagates a meta update as an update event', async () => {
    const a = await set.start('a', { meta: 'v1' });
    const b = await set.start('b');
    await b.join([seedOf(a)]);
    const updated = new Promise<string>((resolve) => b.on('update', (m) => m.name === 'a' && resolve(text(m.meta))));
    a.updateMeta('v2');
    assert.equal(await updated, 'v2');
  });

  it('reports a graceful leave as leave, and a silent shutdown as dead', async () => {
    const a = await set.start('a');
    const b = await set.start('b');
    const c = await set.start('c');
    await b.join([seedOf(a)]);
    await c.join([seedOf(a)]);
    await waitFor(() => memberNames(a).length === 3 && memberNames(b).length === 3 && memberNames(c).length === 3, {
      message: '3 members everywhere',
    });
    const left = new Promise<string>((resolve) => a.on('leave', (m) => resolve(m.name)));
    await c.leave(3000);
    assert.equal(await left, 'c');
    await c.shutdown();
    const died = new Promise<string>((resolve) => a.on('dead', (m) => resolve(m.name)));
    await b.shutdown();
    assert.equal(await died, 'b');
    assert.deepEqual(memberNames(a), ['a']);
  });

  it('delivers user messages over UDP and over TCP (reliable)', async () => {
    const a = await set.start('a');
    const b = await set.start('b');
    await b.join([seedOf(a)]);
    const got: Array<{ text: string; reliable: boolean }> = [];
    a.on('user', (u) => got.push({ text: text(u.payload), reliable: u.reliable }));
    await b.sendUser('a', Buffer.from('hello-udp'));
    await b.sendUser({ addr: '127.0.0.1', port: a.port }, Buffer.from('hello-tcp'), { reliable: true });
    await waitFor(() => got.length === 2, { message: 'two user messages' });
    assert.deepEqual(
      got.sort((x, y) => x.text.localeCompare(y.text)),
      [
        { text: 'hello-tcp', reliable: true },
        { text: 'hello-udp', reliable: false },
      ],
    );
    await assert.rejects(b.sendUser('nobody', Buffer.from('x')), isCode(GossipNodeError, 'GOSSIP_UNKNOWN_MEMBER'));
  });

  it('yields events through an async iterator that ends at shutdown', async () => {
    const a = await set.start('a');
    const b = await set.start('b');
    const seen: GossipEvent[] = [];
    const consumer = (async () => {
      for await (const ev of a.events()) seen.push(ev);
    })();
    await b.join([seedOf(a)]);
    await waitFor(() => seen.some((e) => e.type === 'join' && e.node.name === 'b'), { message: 'join via iterator' });
    await a.shutdown();
    await consumer; // ends by itself
    await assert.rejects(a.join([seedOf(b)]), isCode(GossipNodeError, 'GOSSIP_NOT_RUNNING'));
  });

  it('joins an encrypted cluster only with the shared key', async () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const a = await set.start('a', { keys: [key] });
    const b = await set.start('b', { keys: [key] });
    assert.equal(await b.join([seedOf(a)]), 1);
    await waitFor(() => memberNames(a).join() === 'a,b', { message: 'a sees b' });
    const outsider = await set.start('outsider');
    await assert.rejects(outsider.join([seedOf(a)]), isCode(GossipError, 'GOSSIP_JOIN_FAILED'));
    const wrong = await set.start('wrong', { keys: [Buffer.alloc(16, 1).toString('base64')] });
    await assert.rejects(wrong.join([seedOf(a)]));
    assert.deepEqual(memberNames(a), ['a', 'b']);
  });

  it('joins only nodes carrying the same label', async () => {
    const a = await set.start('a', { label: 'cluster-a' });
    const b = await set.start('b', { label: 'cluster-a' });
    assert.equal(await b.join([seedOf(a)]), 1);
    const other = await set.start('other', { label: 'cluster-b' });
    await assert.rejects(other.join([seedOf(a)]), isCode(GossipError, 'GOSSIP_JOIN_FAILED'));
    const unlabeled = await set.start('unlabeled');
    await assert.rejects(unlabeled.join([seedOf(a)]));
    await waitFor(() => memberNames(a).join() === 'a,b', { message: 'a sees only b' });
  });

  it("speaks go-doudou's text addresses when asked: host names are gossiped as written", async () => {
    const a = await set.start('a', { addrEncoding: 'text', advertiseAddr: 'localhost' });
    const b = await set.start('b', { addrEncoding: 'text', advertiseAddr: 'localhost' });
    assert.equal(await b.join([seedOf(a)]), 1);
    const bAtA = await waitFor(() => a.members().find((m) => m.name === 'b'), { message: 'a sees b' });
    assert.equal(bAtA.addr, 'localhost');
    assert.equal(bAtA.port, b.port);
    // Probes go to 'localhost' and are answered: b stays alive at a over several probe rounds.
    await waitFor(() => a.stats().swim.probes >= 3, { message: '3 probes' });
    assert.equal(a.members().find((m) => m.name === 'b')?.state, 'alive');
    const hashicorp = await set.start('hashicorp');
    await assert.rejects(hashicorp.join([seedOf(a)]), isCode(GossipError, 'GOSSIP_JOIN_FAILED'));
  });

  it('releases its port on shutdown', async () => {
    const a = await GossipNode.create({ name: 'solo', bindAddr: '127.0.0.1', bindPort: 0, profile: 'local' });
    const port = a.port;
    await a.shutdown();
    const again = await set.start('again', { bindPort: port });
    assert.equal(again.port, port);
  });
});
