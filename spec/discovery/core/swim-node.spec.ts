import { strict as assert } from 'node:assert';
import { IncompatibleVersionError, MetaTooLargeError } from '../../../lib/discovery/core/errors';
import type { MembershipEvent, SwimOutput } from '../../../lib/discovery/core/types';
import type { PushNodeState } from '../../../lib/discovery/wire/messages';
import { VSN, aliveOf, makeNode, packets, pump, withPeers } from './swim-node-helpers';
import { isCode } from '../../support/errors';

const B = { addr: '10.0.0.2', port: 7946 };
const events = (outs: SwimOutput[]): string[] =>
  outs.filter((o): o is MembershipEvent => o.kind === 'event').map((e) => `${e.type}:${e.node.name}`);

describe('discovery/core/swim-node: incarnation rules and suspicion', () => {
  it('suspects a peer, then takes it back to alive when it refutes with a higher incarnation', () => {
    const a = withPeers(makeNode(), ['b', 'c', 'd', 'e']);
    a.receive(B, { type: 'suspect', incarnation: 1, node: 'b', from: 'c' }, 100);
    assert.equal(a.member('b')?.state, 'suspect');
    assert.deepEqual(events(a.takeOutputs()), ['suspect:b']);
    // n = 5 (self included): min 4 s, max 24 s, k = 2 → starts at max.
    assert.deepEqual(a.suspicionOf('b'), { k: 2, min: 4000, max: 24000, start: 100, deadline: 24100, confirmations: 0 });
    a.receive(B, aliveOf('b', 1, 2), 150);
    assert.equal(a.member('b')?.state, 'suspect', 'an alive with the same incarnation loses to suspect');
    a.receive(B, aliveOf('b', 2, 2), 200);
    assert.equal(a.member('b')?.state, 'alive');
    assert.equal(a.member('b')?.incarnation, 2);
    assert.deepEqual(events(a.takeOutputs()), ['alive:b']);
    assert.equal(a.suspicionOf('b'), undefined, 'the suspicion timer is cancelled');
  });

  it('shortens the suspicion timeout with each independent confirmation, to the exact ms', () => {
    const a = withPeers(makeNode(), ['b', 'c', 'd', 'e']);
    a.receive(B, { type: 'suspect', incarnation: 1, node: 'b', from: 'c' }, 1000);
    a.receive(B, { type: 'suspect', incarnation: 1, node: 'b', from: 'd' }, 2000);
    // max − ln(2)/ln(3) × (max − min) = 11 381 ms after the start.
    assert.equal(a.suspicionOf('b')?.deadline, 12_381);
    a.tick(12_380);
    assert.equal(a.member('b')?.state, 'suspect');
    a.receive(B, { type: 'suspect', incarnation: 1, node: 'b', from: 'e' }, 3000);
    assert.equal(a.suspicionOf('b')?.deadline, 5000, 'k = 2 confirmations bring it to min');
    a.tick(5000);
    assert.equal(a.member('b')?.state, 'dead');
    const outs = a.takeOutputs();
    assert.ok(events(outs).includes('dead:b'));
  });

  it('orders equal incarnations dead > suspect > alive', () => {
    const a = withPeers(makeNode(), ['b', 'c']);
    a.receive(B, { type: 'dead', incarnation: 1, node: 'b', from: 'c' }, 10);
    assert.equal(a.member('b')?.state, 'dead');
    a.receive(B, { type: 'suspect', incarnation: 1, node: 'b', from: 'c' }, 11);
    a.receive(B, aliveOf('b', 1, 2), 12);
    assert.equal(a.member('b')?.state, 'dead');
    a.receive(B, { type: 'dead', incarnation: 0, node: 'c', from: 'b' }, 13);
    assert.equal(a.member('c')?.state, 'alive', 'an older incarnation is ignored');
    a.receive(B, aliveOf('b', 2, 2), 14);
    assert.equal(a.member('b')?.state, 'alive');
    assert.deepEqual(events(a.takeOutputs()), ['dead:b', 'join:b']);
  });

  it('tells left (dead from the node itself) from dead (declared by another)', () => {
    const a = withPeers(makeNode(), ['b', 'c', 'd']);
    a.receive(B, { type: 'dead', incarnation: 1, node: 'b', from: 'b' }, 10);
    a.receive(B, { type: 'dead', incarnation: 1, node: 'c', from: 'd' }, 10);
    assert.equal(a.member('b')?.state, 'left');
    assert.equal(a.member('c')?.state, 'dead');
    assert.deepEqual(events(a.takeOutputs()), ['leave:b', 'dead:c']);
    assert.deepEqual(
      a
        .members()
        .map((m) => m.name)
        .sort(),
      ['a', 'd'],
    );
  });

  it('refutes a suspicion about itself with a higher incarnation, health +1, and piggybacks the alive on its ack', () => {
    const a = withPeers(makeNode(), ['b', 'c']);
    a.receive(B, { type: 'suspect', incarnation: 5, node: 'a', from: 'b' }, 10);
    assert.equal(a.localNode.state, 'alive');
    assert.equal(a.localNode.incarnation, 6);
    assert.equal(a.healthScore, 1);
    a.receive(B, { type: 'ping', seqNo: 9, node: 'a', sourceAddr: '10.0.0.2', sourcePort: 7946, sourceNode: 'b' }, 11);
    const [p] = packets(a.takeOutputs());
    assert.deepEqual(p.to, B);
    assert.deepEqual(p.messages[0], { type: 'ack', seqNo: 9 });
    assert.ok(p.messages.some((m) => m.type === 'alive' && m.node === 'a' && m.incarnation === 6));
    assert.equal(p.crc, false);
  });

  it('ignores a ping addressed to another node name', () => {
    const a = withPeers(makeNode(), ['b']);
    a.receive(B, { type: 'ping', seqNo: 1, node: 'zz' }, 5);
    assert.equal(packets(a.takeOutputs()).length, 0);
    assert.equal(a.counters.messagesDropped, 1);
  });

  it('lets a dead node come back at a new address only after deadNodeReclaim; a left node at once', () => {
    const a = withPeers(makeNode({ reclaimTimeoutMs: 3000 }), ['b', 'c', 'd']);
    a.receive(B, { type: 'dead', incarnation: 1, node: 'b', from: 'c' }, 1000);
    const moved = { ...aliveOf('b', 1, 99) };
    a.receive(B, moved, 3999);
    assert.equal(a.member('b')?.addr, '10.0.0.2', 'within deadNodeReclaim the address is kept');
    a.receive(B, moved, 4001);
    assert.equal(a.member('b')?.addr, '10.0.0.99');
    assert.equal(a.member('b')?.state, 'alive', 'reclaimed even with an incarnation that is not higher');
    a.receive(B, { type: 'dead', incarnation: 1, node: 'c', from: 'c' }, 5000);
    a.receive(B, aliveOf('c', 1, 77), 5001);
    assert.equal(a.member('c')?.addr, '10.0.0.77');
    const never = withPeers(makeNode(), ['b', 'c']);
    never.receive(B, { type: 'dead', incarnation: 1, node: 'b', from: 'c' }, 1000);
    never.receive(B, aliveOf('b', 5, 99), 1_000_000);
    assert.equal(never.member('b')?.state, 'dead', 'deadNodeReclaim 0 never allows a new address');
  });

  it('reaps dead nodes at the first probe-round reset after gossipToTheDead', () => {
    const a = withPeers(makeNode(), ['b', 'c', 'd']);
    a.receive(B, { type: 'dead', incarnation: 1, node: 'b', from: 'c' }, 1000);
    const healthy = new Set(['c', 'd']);
    pump(a, 30_000, healthy);
    assert.equal(a.member('b')?.state, 'dead', 'kept for gossipToTheDead (30 s)');
    pump(a, 36_000, healthy);
    assert.equal(a.member('b'), undefined);
    assert.equal(a.numNodes, 3);
    a.receive(B, aliveOf('b', 1, 2), 36_001);
    assert.equal(a.member('b')?.state, 'alive', 'once reaped, the name is free again');
  });

  it('merges push/pull state: alive joins, left stays left, a remote dead only makes us suspect', () => {
    const a = withPeers(makeNode(), ['b', 'c']);
    const remote: PushNodeState[] = [
      { name: 'x', addr: '10.0.1.1', port: 7946, incarnation: 3, state: 'alive', vsn: VSN },
      { name: 'b', addr: '10.0.0.2', port: 7946, incarnation: 1, state: 'dead', vsn: VSN },
      { name: 'c', addr: '10.0.0.3', port: 7946, incarnation: 1, state: 'left', vsn: VSN },
    ];
    assert.deepEqual(a.mergeRemoteState(remote, false, 50), { ok: true });
    assert.equal(a.member('x')?.state, 'alive');
    assert.equal(a.member('b')?.state, 'suspect');
    assert.equal(a.member('c')?.state, 'left');
    assert.deepEqual(events(a.takeOutputs()), ['join:x', 'suspect:b', 'leave:c']);
    const names = a
      .localState()
      .map((s) => `${s.name}:${s.state}`)
      .sort();
    assert.deepEqual(names, ['a:alive', 'b:suspect', 'c:left', 'x:alive']);
  });

  it('rejects a push/pull whose delegate versions are incompatible (the version check)', () => {
    const a = withPeers(makeNode(), ['b']);
    const serf: PushNodeState = { name: 's1', addr: '10.0.9.1', port: 7946, incarnation: 1, state: 'alive', vsn: [1, 5, 2, 2, 5, 5] };
    const r = a.mergeRemoteState([serf], true, 10);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.error instanceof IncompatibleVersionError);
    assert.equal(!r.ok && (r.error as IncompatibleVersionError).code, 'GOSSIP_VERSION_INCOMPATIBLE');
    assert.equal(a.member('s1'), undefined, 'nothing was merged');
    const compatible = withPeers(makeNode({ delegateVersion: { min: 2, max: 5, cur: 5 } }), []);
    assert.deepEqual(compatible.mergeRemoteState([serf], true, 10), { ok: true });
  });

  it('throws MetaTooLargeError for meta above 512 bytes, and publishes a valid update with incarnation + 1', () => {
    assert.throws(() => makeNode({ meta: new Uint8Array(513) }), MetaTooLargeError);
    const a = withPeers(makeNode({ meta: new Uint8Array(512) }), ['b']);
    assert.throws(() => a.updateMeta(new Uint8Array(600), 1), isCode(MetaTooLargeError, 'GOSSIP_META_TOO_LARGE'));
    a.updateMeta(new TextEncoder().encode('v2'), 2);
    assert.equal(a.localNode.incarnation, 2);
    assert.equal(new TextDecoder().decode(a.localNode.meta), 'v2');
    assert.deepEqual(events(a.takeOutputs()), ['update:a']);
  });
});

describe('discovery/core/swim-node: gossip, join and leave', () => {
  it('piggybacks as many broadcasts as fit the UDP budget behind the primary message', () => {
    const a = makeNode();
    a.start(0);
    for (let i = 0; i < 100; i++) a.receive(B, aliveOf(`peer-${i}`, 1, i + 2), 0);
    a.takeOutputs();
    a.receive(B, { type: 'ping', seqNo: 1, node: 'a' }, 1);
    const [p] = packets(a.takeOutputs());
    assert.equal(p.messages[0].type, 'ack');
    const sizes = p.messages.map((m) => a.options.sizeOf(m));
    const total = 2 + sizes.reduce((s, x) => s + 2 + x, 0);
    assert.ok(total <= 1400, `compound of ${total} bytes exceeds 1400`);
    assert.ok(total + 2 + sizes[1] > 1400, 'another alive would still have fit');
    assert.ok(p.messages.length > 10);
  });

  it('joins through every seed and reports how many were contacted', () => {
    const a = makeNode();
    a.start(0);
    a.takeOutputs();
    const joinId = a.join([B, { addr: '10.0.0.3', port: 7946 }], 1);
    const reqs = a.takeOutputs().filter((o) => o.kind === 'pushPull');
    assert.equal(reqs.length, 2);
    assert.ok(reqs.every((r) => r.kind === 'pushPull' && r.join && r.reason === 'join' && r.joinId === joinId));
    if (reqs[0].kind !== 'pushPull' || reqs[1].kind !== 'pushPull') return;
    a.pushPullResult(reqs[0], { ok: false, error: new Error('connection refused') }, 2);
    assert.equal(a.takeOutputs().length, 0);
    // The second seed answers with a 10-node cluster: a join burst of alive broadcasts.
    const remote: PushNodeState[] = Array.from({ length: 10 }, (_, i) => ({
      name: `n${i}`,
      addr: `10.0.2.${i}`,
      port: 7946,
      incarnation: 1,
      state: 'alive' as const,
      vsn: VSN,
    }));
    assert.ok(a.mergeRemoteState(remote, true, 3).ok);
    a.pushPullResult(reqs[1], { ok: true }, 3);
    const outs = a.takeOutputs();
    assert.equal(events(outs).filter((e) => e.startsWith('join:')).length, 10);
    const done = outs.find((o) => o.kind === 'joinComplete');
    assert.ok(done && done.kind === 'joinComplete' && done.contacted === 1 && done.errors.length === 1);
    assert.equal(a.queuedBroadcasts, 11, 'own alive + 10 learned alives wait for gossip');
  });

  it('leaves by broadcasting dead-about-self exactly retransmit-limit times, then completes', () => {
    const a = withPeers(makeNode(), ['b']);
    pump(a, 5000, new Set(['b'])); // drain the start-up broadcasts
    a.leave(5000);
    assert.equal(a.localNode.state, 'left');
    assert.equal(a.isLeaveComplete(), false);
    const outs = pump(a, 10_000, new Set(['b']));
    const sent = packets(outs).filter((p) => p.messages.some((m) => m.type === 'dead' && m.node === 'a' && m.from === 'a'));
    // n = 2 → limit 4 × ceil(log10 3) = 4.
    assert.equal(sent.length, 4);
    assert.ok(outs.some((o) => o.kind === 'leaveComplete'));
    assert.equal(a.isLeaveComplete(), true);
    a.receive(B, aliveOf('a', 9, 1), 10_001);
    assert.equal(a.localNode.state, 'left', 'alive about ourselves is ignored while leaving');
    pump(a, 50_000, new Set(['b']));
    assert.equal(a.member('a')?.state, 'left', 'our own record outlives gossipToTheDead');
  });

  it("appends user broadcasts after memberlist's own in the space left", () => {
    const a = withPeers(makeNode(), ['b']);
    a.broadcastUser(new TextEncoder().encode('hello'), 1);
    a.receive(B, { type: 'suspect', incarnation: 1, node: 'b', from: 'x' }, 1);
    a.takeOutputs();
    a.receive(B, { type: 'ping', seqNo: 3, node: 'a' }, 2);
    const [p] = packets(a.takeOutputs());
    const types = p.messages.map((m) => m.type);
    assert.equal(types[0], 'ack');
    assert.equal(types[types.length - 1], 'user');
    assert.ok(types.indexOf('suspect') < types.indexOf('user'));
  });

  it('completes a leave at once when no other node is alive', () => {
    const a = makeNode();
    a.start(0);
    a.leave(1);
    assert.equal(a.isLeaveComplete(), true);
  });

  it('completes a leave without waiting out the timeout when every peer leaves meanwhile', () => {
    const a = withPeers(makeNode(), ['b']);
    pump(a, 5000, new Set(['b']));
    a.leave(5000);
    assert.equal(a.isLeaveComplete(), false, 'b is alive: the dead-about-self must be gossiped first');
    a.receive(B, { type: 'dead', incarnation: 1, node: 'b', from: 'b' }, 5001);
    a.tick(a.nextWakeup() as number);
    assert.equal(a.isLeaveComplete(), true);
    assert.ok(a.takeOutputs().some((o) => o.kind === 'leaveComplete'));
  });

  it('gossips to at most gossipNodes alive peers with CRC for PMax ≥ 5', () => {
    const a = withPeers(makeNode(), ['b', 'c', 'd', 'e', 'f']);
    a.receive(B, { type: 'suspect', incarnation: 1, node: 'f', from: 'b' }, 1);
    a.takeOutputs();
    const w = a.nextWakeup() as number;
    const outs: SwimOutput[] = [];
    for (let t = w; t < 200; t = a.nextWakeup() as number) {
      a.tick(t);
      outs.push(...a.takeOutputs());
    }
    const gossip = packets(outs).filter((p) => p.messages[0].type !== 'ping');
    assert.ok(gossip.length > 0 && gossip.length <= 3, `${gossip.length} gossip packets`);
    assert.ok(gossip.every((p) => p.crc));
  });
});
