import { strict as assert } from 'node:assert';
import type { PushPullRequest, SwimOutput } from '../../../lib/discovery/core/types';
import { makeNode, pump, withPeers } from './swim-node-helpers';

const rejoins = (outs: SwimOutput[]): PushPullRequest[] =>
  outs.filter((o): o is PushPullRequest => o.kind === 'pushPull' && o.reason === 'rejoin');

describe('discovery/core/swim-node: rejoin loop (healing memberlist lacks)', () => {
  it('push/pulls recently dead members and absent seeds every rejoinInterval, never live ones', () => {
    const seed = { addr: '10.0.5.5', port: 7946 };
    const a = withPeers(makeNode({ seeds: [seed, { addr: '10.0.0.3', port: 7946 }] }), ['b', 'c']);
    a.receive({ addr: '10.0.0.3', port: 7946 }, { type: 'dead', incarnation: 1, node: 'b', from: 'c' }, 100);
    const reqs = rejoins(pump(a, 10_100, new Set(['c'])));
    assert.equal(reqs.length, 2, 'one round within the first interval');
    const targets = reqs.map((r) => `${r.to.addr}:${r.to.port}`).sort();
    assert.deepEqual(targets, ['10.0.0.2:7946', '10.0.5.5:7946'], 'dead b and the absent seed; not the live seed c');
    assert.ok(reqs.every((r) => !r.join));
  });

  it('caps a round at rejoinMaxPeers and stops when rejoinInterval is 0', () => {
    const a = withPeers(
      makeNode({
        rejoinMaxPeers: 1,
        seeds: [
          { addr: '10.0.5.5', port: 7946 },
          { addr: '10.0.5.6', port: 7946 },
        ],
      }),
      ['b'],
    );
    const perRound = rejoins(pump(a, 10_000, new Set(['b'])));
    assert.equal(perRound.length, 1);
    const off = withPeers(makeNode({ rejoinIntervalMs: 0, seeds: [{ addr: '10.0.5.5', port: 7946 }] }), ['b']);
    assert.equal(rejoins(pump(off, 60_000, new Set(['b']))).length, 0);
  });

  it('exchanges once more at once when the peer had us dead and we refuted while merging', () => {
    const a = withPeers(makeNode({ seeds: [{ addr: '10.0.5.5', port: 7946 }] }), ['b']);
    const [req] = rejoins(pump(a, 10_000, new Set(['b'])));
    // The far side lists us dead: merging makes us suspect ourselves, so we refute (incarnation 2).
    a.mergeRemoteState(
      [{ name: 'a', addr: '10.0.0.1', port: 7946, incarnation: 1, state: 'dead', vsn: [1, 5, 2, 0, 0, 0] }],
      false,
      10_001,
    );
    assert.equal(a.localNode.incarnation, 2);
    a.pushPullResult(req, { ok: true }, 10_002);
    const [follow] = rejoins(a.takeOutputs());
    assert.deepEqual(follow.to, req.to);
    a.pushPullResult(follow, { ok: true }, 10_003);
    assert.equal(rejoins(a.takeOutputs()).length, 0, 'a follow-up is not followed up again');
  });
});
