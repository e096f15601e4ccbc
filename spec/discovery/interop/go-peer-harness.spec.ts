import { strict as assert } from 'node:assert';
import { freePort } from '../../support/free-port';
import { GoPeer, gonodeBinary } from '../../support/go-peer';
import { DEBIAN_GOSSIP_HINT, hasGoMemberlist, requireOrSkip } from '../../support/requirements';

describe('interop harness: two real Go memberlist nodes', function () {
  this.timeout(120_000);
  const peers: GoPeer[] = [];

  before(async function () {
    requireOrSkip(this, hasGoMemberlist(), DEBIAN_GOSSIP_HINT);
    await gonodeBinary();
  });

  afterEach(async () => {
    await Promise.all(peers.splice(0).map((p) => p.kill()));
  });

  it('builds gonode, starts two nodes that join, and reports a graceful leave', async () => {
    const p1 = await freePort();
    const a = await GoPeer.start({ name: 'go-a', port: p1, meta: { role: 'a' } });
    peers.push(a);
    const b = await GoPeer.start({ name: 'go-b', port: await freePort(), join: [`127.0.0.1:${p1}`] });
    peers.push(b);
    const seen = await a.waitForEvent((e) => e.event === 'join' && e.name === 'go-b');
    assert.equal(seen.addr, '127.0.0.1');
    const seenA = await b.waitForEvent((e) => e.event === 'join' && e.name === 'go-a');
    assert.deepEqual(seenA.meta, { role: 'a' });
    const exit = await b.stop();
    assert.equal(exit.code, 0);
    await a.waitForEvent((e) => e.event === 'leave' && e.name === 'go-b');
    assert.equal(a.sees('go-b'), false);
  });

  it('speaks the versions it is given and lists its members on a schedule', async () => {
    const a = await GoPeer.start({ name: 'go-v', port: await freePort(), proto: 3, delegateVsn: '2:5:4', membersEvery: '200ms' });
    peers.push(a);
    const start = a.events.find((e) => e.event === 'start');
    assert.deepEqual(start?.vsn, [1, 5, 3, 2, 5, 4]);
    const listed = await a.waitForEvent((e) => e.event === 'members', 10_000, 'a members line');
    assert.deepEqual(
      (listed.members as Array<{ name: string }>).map((m) => m.name),
      ['go-v'],
    );
  });
});
