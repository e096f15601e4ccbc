import { strict as assert } from 'node:assert';
import type { MembershipEvent, SwimOutput } from '../../../lib/discovery/core/types';
import type { WeightMessage } from '../../../lib/discovery/wire/messages';
import { aliveOf, makeNode, packets, pump, withPeers } from './swim-node-helpers';

const weight = (over: Partial<WeightMessage> = {}): WeightMessage => ({
  type: 'weight',
  from: 'b',
  incarnation: 1,
  node: 'b',
  weight: 5,
  weightAt: 1_000,
  ...over,
});
const from = { addr: '10.0.0.2', port: 7946 };
const weightEvents = (outs: SwimOutput[]): MembershipEvent[] =>
  outs.filter((o): o is MembershipEvent => o.kind === 'event' && o.type === 'weight');
const gossiped = (outs: SwimOutput[]): WeightMessage[] =>
  packets(outs).flatMap((p) => p.messages.filter((m): m is WeightMessage => m.type === 'weight'));

describe("discovery/core/node-weights: go-doudou's type-14 weight messages", () => {
  it('stores a newer weight of an alive node, tells the application and gossips it on', () => {
    const a = withPeers(makeNode(), ['b', 'c']);
    a.receive(from, weight(), 10);
    const [event] = weightEvents(a.takeOutputs());
    assert.equal(event.node.name, 'b');
    assert.equal(event.node.gossipedWeight, 5);
    assert.equal(event.node.gossipedWeightAt, 1_000);
    assert.equal(a.members().find((m) => m.name === 'b')?.gossipedWeight, 5);
    assert.equal(a.counters.weightsApplied, 1);
    assert.deepEqual(
      gossiped(pump(a, 2_000))
        .map((m) => [m.node, m.weight])
        .slice(0, 1),
      [['b', 5]],
    );
  });

  it('ignores a stale weight (weightAt not newer), an older incarnation, an unknown node, a suspect node and itself', () => {
    const a = withPeers(makeNode(), ['b', 'c', 'd']);
    a.receive(from, weight({ incarnation: 2, weightAt: 2_000 }), 10);
    a.receive(from, aliveOf('b', 2, 2), 10);
    a.takeOutputs();
    a.receive(from, weight({ incarnation: 2, weightAt: 2_000, weight: 7 }), 11); // same weightAt
    a.receive(from, weight({ incarnation: 2, weightAt: 1_500, weight: 7 }), 11); // older weightAt
    a.receive(from, weight({ incarnation: 1, weightAt: 3_000, weight: 7 }), 11); // older incarnation
    a.receive(from, weight({ node: 'zz', weightAt: 3_000 }), 11); // unknown node
    a.receive(from, weight({ node: 'a', weightAt: 3_000 }), 11); // ourselves
    a.receive(from, { type: 'suspect', incarnation: 1, node: 'c', from: 'd' }, 11);
    a.receive(from, weight({ node: 'c', weightAt: 3_000 }), 11); // suspect
    assert.deepEqual(weightEvents(a.takeOutputs()), []);
    assert.equal(a.counters.weightsIgnored, 6);
    assert.equal(a.members().find((m) => m.name === 'b')?.gossipedWeight, 5);
    a.receive(from, weight({ incarnation: 2, weightAt: 2_001, weight: 7 }), 12);
    assert.equal(weightEvents(a.takeOutputs())[0]?.node.gossipedWeight, 7);
  });

  it('keeps one queued weight per node: a newer one replaces the older before it is sent', () => {
    const a = withPeers(makeNode(), ['b', 'c']);
    a.receive(from, weight({ weightAt: 1_000, weight: 2 }), 10);
    a.receive(from, weight({ weightAt: 1_100, weight: 3 }), 10);
    const sent = gossiped(pump(a, 5_000));
    assert.ok(sent.length > 0);
    assert.deepEqual([...new Set(sent.map((m) => m.weight))], [3]);
  });

  it('forgets the weight with the node: a node that rejoins after being reaped starts without one', () => {
    const a = withPeers(makeNode(), ['b', 'c']);
    a.receive(from, weight(), 10);
    a.receive(from, { type: 'dead', incarnation: 1, node: 'b', from: 'b' }, 20);
    pump(a, 40_000); // past the lan profile's dead timeout (30 s): b is reaped at a probe-round reset
    a.receive(from, aliveOf('b', 1, 2), 40_001);
    assert.equal(a.members().find((m) => m.name === 'b')?.gossipedWeight, undefined);
  });
});
