import { strict as assert } from 'node:assert';
import type { SwimNode } from '../../../lib/discovery/core/swim-node';
import type { PacketOutput, StreamPingRequest, SwimOutput } from '../../../lib/discovery/core/types';
import type { IndirectPingMessage, PingMessage } from '../../../lib/discovery/wire/messages';
import { makeNode, packets, withPeers } from './swim-node-helpers';

const B = { addr: '10.0.0.2', port: 7946 };

/** Tick through wake-ups until an output matches; returns it with the time. */
function until<T extends SwimOutput>(node: SwimNode, match: (o: SwimOutput) => o is T, limit = 60_000): { t: number; out: T } {
  for (;;) {
    const t = node.nextWakeup();
    if (t === undefined || t > limit) throw new Error('expected output never came');
    node.tick(t);
    const found = node.takeOutputs().find(match);
    if (found) return { t, out: found };
  }
}
const isPingTo =
  (name: string) =>
  (o: SwimOutput): o is PacketOutput =>
    o.kind === 'packet' && o.toNode === name && o.messages[0].type === 'ping';
const isStreamPing = (o: SwimOutput): o is StreamPingRequest => o.kind === 'streamPing';
const isIndirect = (o: SwimOutput): o is PacketOutput => o.kind === 'packet' && o.messages[0].type === 'indirectPing';

describe('discovery/core/prober: probing and Lifeguard awareness', () => {
  it('raises health after a failed probe, scales the next probe interval by score + 1, lowers it on success', () => {
    const a = withPeers(makeNode(), ['b']);
    const first = until(a, isPingTo('b'));
    const seq1 = (first.out.messages[0] as PingMessage).seqNo;
    const tcp1 = until(a, isStreamPing);
    assert.equal(tcp1.t, first.t + 500, 'TCP fallback starts after probeTimeout');
    assert.equal(tcp1.out.deadline, first.t + 1000);
    assert.equal(tcp1.out.ping.seqNo, seq1, 'the TCP ping reuses the SeqNo');
    a.streamPingResult(seq1, false, first.t + 600);
    const second = until(a, isPingTo('b'));
    // The next probe waits for the failed one to end (the ticker skips ticks while a probe runs, docs/gossip-wire-format.md#probe-order).
    assert.ok(second.t >= first.t + 1000);
    assert.equal(a.healthScore, 1, 'no nack-capable relays: +1');
    assert.equal(a.member('b')?.state, 'suspect');
    // Probe of a suspect node: [ping, suspect] so it can refute (buddy system), CRC for PMax 5.
    assert.deepEqual(
      second.out.messages.map((m) => m.type),
      ['ping', 'suspect'],
    );
    assert.equal(second.out.crc, true);
    const tcp2 = until(a, isStreamPing);
    assert.equal(tcp2.out.deadline, second.t + 2000, 'probe deadline scaled ×2');
    a.receive(B, { type: 'ack', seqNo: (second.out.messages[0] as PingMessage).seqNo }, tcp2.t + 10);
    assert.equal(a.healthScore, 0);
  });

  it('counts missed nacks from nack-capable relays into the health score', () => {
    const a = withPeers(makeNode(), ['b', 'c', 'd']);
    const ping = until(a, (o): o is PacketOutput => o.kind === 'packet' && o.messages[0].type === 'ping');
    const target = ping.out.toNode as string;
    const seq = (ping.out.messages[0] as PingMessage).seqNo;
    a.tick(ping.t + 500);
    const outs = a.takeOutputs();
    const relays = outs.filter(isIndirect);
    assert.equal(relays.length, 2, 'indirectChecks 3, but only two other alive peers');
    for (const r of relays) {
      const ind = r.messages[0] as IndirectPingMessage;
      assert.equal(ind.nack, true);
      assert.equal(ind.node, target);
      assert.equal(ind.seqNo, seq);
      assert.notEqual(r.toNode, target);
    }
    a.receive(relays[0].to, { type: 'nack', seqNo: seq }, ping.t + 700);
    a.streamPingResult(seq, false, ping.t + 800);
    a.tick(ping.t + 1000);
    assert.equal(a.healthScore, 1, '2 expected − 1 received');
    assert.equal(a.member(target)?.state, 'suspect');
  });

  it('treats a successful TCP fallback ping as success', () => {
    const a = withPeers(makeNode(), ['b']);
    const first = until(a, isPingTo('b'));
    const tcp = until(a, isStreamPing);
    a.streamPingResult(tcp.out.ping.seqNo, true, first.t + 600);
    a.tick(first.t + 1000);
    assert.equal(a.member('b')?.state, 'alive');
    assert.equal(a.healthScore, 0);
    assert.equal(a.counters.probesFailed, 0);
  });

  it('relays an indirect ping with a new SeqNo and forwards the ack to the requester', () => {
    const a = withPeers(makeNode(), ['b', 'c']);
    const ind: IndirectPingMessage = {
      type: 'indirectPing',
      seqNo: 77,
      target: '10.0.0.3',
      port: 7946,
      node: 'c',
      nack: true,
      sourceAddr: '10.0.0.2',
      sourcePort: 7946,
      sourceNode: 'b',
    };
    a.receive(B, ind, 100);
    const [ping] = packets(a.takeOutputs());
    const p = ping.messages[0] as PingMessage;
    assert.deepEqual(ping.to, { addr: '10.0.0.3', port: 7946 });
    assert.equal(p.node, 'c');
    assert.notEqual(p.seqNo, 77);
    a.receive({ addr: '10.0.0.3', port: 7946 }, { type: 'ack', seqNo: p.seqNo }, 150);
    const [relayed] = packets(a.takeOutputs());
    assert.deepEqual(relayed.to, B);
    assert.deepEqual(relayed.messages[0], { type: 'ack', seqNo: 77 });
    a.tick(600);
    assert.ok(!packets(a.takeOutputs()).some((o) => o.messages[0].type === 'nack'), 'no nack after an ack');
  });

  it('sends a nack after probeTimeout when the relayed ping gets no ack', () => {
    const a = withPeers(makeNode(), ['b', 'c']);
    a.receive(B, { type: 'indirectPing', seqNo: 78, target: '10.0.0.3', port: 7946, node: 'c', nack: true }, 100);
    a.takeOutputs();
    a.tick(599);
    assert.ok(!packets(a.takeOutputs()).some((o) => o.messages[0].type === 'nack'));
    a.tick(600);
    const [nack] = packets(a.takeOutputs()).filter((o) => o.messages[0].type === 'nack');
    assert.deepEqual(nack.messages[0], { type: 'nack', seqNo: 78 });
    assert.deepEqual(nack.to, B, 'no Source*: answer the packet source');
  });

  it('without Lifeguard: fixed suspicion timeout, no nacks, health stays 0', () => {
    const a = withPeers(makeNode({ lifeguard: false }), ['b', 'c', 'd', 'e']);
    a.receive(B, { type: 'suspect', incarnation: 1, node: 'b', from: 'c' }, 100);
    assert.deepEqual(a.suspicionOf('b'), { k: 0, min: 4000, max: 24000, start: 100, deadline: 4100, confirmations: 0 });
    const ping = until(a, (o): o is PacketOutput => o.kind === 'packet' && o.messages[0].type === 'ping');
    a.tick(ping.t + 500);
    const relays = a.takeOutputs().filter(isIndirect);
    assert.ok(relays.length > 0 && relays.every((r) => (r.messages[0] as IndirectPingMessage).nack === false));
    a.tick(ping.t + 2000);
    assert.equal(a.healthScore, 0);
  });
});
