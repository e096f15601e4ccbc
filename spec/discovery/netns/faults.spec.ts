import { strict as assert } from 'node:assert';
import { GoPeer, gonodeBinary } from '../../support/go-peer';
import { TestNetwork } from '../../support/netns';
import { DEBIAN_GOSSIP_HINT, hasGoMemberlist, hasNetns, requireOrSkip } from '../../support/requirements';
import { TsCliPeer } from '../../support/ts-peer';
import { waitFor } from '../../support/wait-for';

/**
 * Real network faults between processes in network namespaces (silent drops in a bridge, like a lossy or
 * cut wire): 3 ts cli nodes + 1 Go memberlist node, local profile (probe 1 s, docs/gossip-wire-format.md#default-profiles).
 */
describe('netns: ts gossip nodes under packet loss, UDP loss and a long partition', function () {
  this.timeout(150_000);
  const net = new TestNetwork(`tsd${process.pid}`, 4);
  const ts: TsCliPeer[] = [];
  let go: GoPeer | undefined;

  const env = (i: number): Record<string, string> => ({
    GDD_MEM_PROFILE: 'local',
    GDD_MEM_BIND_ADDR: net.address(i),
    GDD_MEM_PORT: '7946',
    GDD_MEM_REJOIN_INTERVAL: '2s',
    ...(i > 1 ? { GDD_MEM_SEED: net.address(1) } : {}),
  });

  before(async function () {
    requireOrSkip(this, hasNetns(), 'run as root with iproute2 and nftables (ip netns, nft)');
    requireOrSkip(this, hasGoMemberlist(), DEBIAN_GOSSIP_HINT);
    await gonodeBinary();
    TestNetwork.removeStale();
    net.setup();
    for (let i = 1; i <= 3; i++) ts.push(await TsCliPeer.start(`n${i}`, env(i), net.ns(i)));
    go = await GoPeer.start({ name: 'g4', bind: net.address(4), port: 7946, join: [`${net.address(1)}:7946`], netns: net.ns(4) });
    await waitFor(() => ts.every((p) => ['n1', 'n2', 'n3', 'g4'].filter((n) => n !== p.name).every((n) => p.sees(n))), {
      timeoutMs: 20_000,
      message: 'every ts node sees the 3 others',
    });
  });

  after(async () => {
    await Promise.all([...ts.map((p) => p.kill()), go?.kill()]);
    net.teardown();
  });

  it('does not declare a node with 20% egress loss dead (Lifeguard) over a dozen probe rounds', async () => {
    const deadBefore = ts.map((p) => p.eventsWhere((e) => e.event === 'dead' && e.name === 'n3').length);
    net.loss(3, 20);
    try {
      await waitFor(() => net.lossDropped(3) >= 12, { timeoutMs: 60_000, intervalMs: 500, message: '12 of n3’s packets lost' });
    } finally {
      net.loss(3, 0);
    }
    const deadAfter = ts.map((p) => p.eventsWhere((e) => e.event === 'dead' && e.name === 'n3').length);
    assert.deepEqual(deadAfter, deadBefore, 'no node declared n3 dead');
    assert.ok(ts[0].sees('n3') && ts[1].sees('n3'));
    assert.ok(go!.sees('n3'));
  });

  it('keeps a node whose UDP is lost but TCP works alive through TCP fallback pings, for ts and Go peers', async () => {
    const deadBefore = [...ts, go!].map((p) => p.eventsWhere((e) => (e.event === 'dead' || e.event === 'leave') && e.name === 'n3').length);
    const n3DeadBefore = ts[2].eventsWhere((e) => e.event === 'dead').length;
    net.blockUdp(3, true);
    try {
      // ~8 probe rounds of every node: each failed UDP probe of or by n3 is rescued by a TCP ping.
      await waitFor(() => net.udpDropped(3) >= 40, { timeoutMs: 60_000, intervalMs: 500, message: '40 UDP datagrams of n3 lost' });
    } finally {
      net.blockUdp(3, false);
    }
    const deadAfter = [...ts, go!].map((p) => p.eventsWhere((e) => (e.event === 'dead' || e.event === 'leave') && e.name === 'n3').length);
    assert.deepEqual(deadAfter, deadBefore, 'nobody (ts or Go) declared n3 failed');
    assert.equal(ts[2].eventsWhere((e) => e.event === 'dead').length, n3DeadBefore, 'n3 declared nobody dead');
    // Go logs this when its UDP probe failed and our answer to its TCP ping saved the probe.
    assert.ok(
      go!.stderrLines.some((l) => l.includes('Was able to connect to n3')),
      'Go fell back to a TCP ping of n3',
    );
  });

  it('marks both sides of a partition (≥ 25 s) dead and is whole again within 30 s of healing', async () => {
    const [n1, n2, n3] = ts;
    const cutAt = Date.now();
    net.partition(3, true);
    try {
      // The cut-off side has no one to confirm its suspicions, so its timers run to the Lifeguard maximum
      // (6 × min, docs/gossip-wire-format.md#suspicion-timeout) while its health score slows its probing (docs/gossip-wire-format.md#local-health): ~30 s, not ~4 s.
      await waitFor(() => !n1.sees('n3') && !n2.sees('n3') && !n3.sees('n1') && !n3.sees('n2'), {
        timeoutMs: 50_000,
        intervalMs: 200,
        message: 'both sides declare the other dead',
      });
      await go!.waitForEvent((e) => e.event === 'leave' && e.name === 'n3' && Date.parse(String(e.ts)) >= cutAt, 10_000, 'g4 drops n3');
      // Keep the cut for the whole 25 s: longer than GossipToTheDeadTime (15 s), after which plain memberlist never heals.
      await waitFor(() => Date.now() - cutAt >= 25_000, { timeoutMs: 26_000, intervalMs: 250, message: 'partition held 25 s' });
    } finally {
      net.partition(3, false);
    }
    await waitFor(() => n1.sees('n3') && n2.sees('n3') && n3.sees('n1') && n3.sees('n2') && n3.sees('g4'), {
      timeoutMs: 30_000,
      intervalMs: 250,
      message: 'cluster whole again after healing',
    });
    await go!.waitForEvent((e) => e.event === 'join' && e.name === 'n3' && Date.parse(String(e.ts)) > cutAt, 30_000, 'g4 sees n3 again');
  });
});
