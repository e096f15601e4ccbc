/**
 * Real go-doudou v2 bytes (spec/fixtures/captures/go-doudou-v2.json: two go-doudou registry nodes on its
 * memberlist fork) through our codec and registry: the push/pull decodes to the registry view go-doudou's own
 * providers build, the type-14 weight messages to weight updates, and hostile variants of the same bytes are
 * dropped — never a crash.
 */
import { strict as assert } from 'node:assert';
import { EventEmitter } from 'node:events';
import type { MemberInfo, MembershipEventType } from '../../lib/discovery/core/types';
import { WireDecodeError } from '../../lib/discovery/wire/errors';
import { encodeMessage } from '../../lib/discovery/wire/message-codec';
import type { PacketMessage, PushPullMessage, WeightMessage } from '../../lib/discovery/wire/messages';
import { decodePacket } from '../../lib/discovery/wire/packet';
import { StreamMessageReader } from '../../lib/discovery/wire/stream-reader';
import { mulberry32 } from '../../lib/discovery/core/random';
import { decodeNodeMeta } from '../../lib/registry/node-meta';
import { ServiceRegistry, type MembershipSource } from '../../lib/registry/service-registry';
import { loadCaptures, type Capture } from '../discovery/wire/support/captures';
import { isCode } from '../support/errors';

const TEXT = { addrEncoding: 'text' as const };
const captures = loadCaptures('go-doudou-v2.json');
const udp = captures.filter((c) => c.transport === 'UDP');
const [request, reply] = captures.filter((c) => c.transport === 'TCP');

function readStream(c: Capture): PushPullMessage {
  const reader = new StreamMessageReader({ isAcceptor: c.toPort === 27946, ...TEXT });
  const r = reader.push(c.bytes) ?? reader.end();
  assert.ok(r, 'a whole stream message');
  return r.message as PushPullMessage;
}

/** go1 as the push/pull reply describes it. */
function go1(): MemberInfo {
  const n = readStream(reply).nodes[0];
  return {
    name: n.name,
    addr: n.addr,
    port: n.port,
    meta: n.meta ?? new Uint8Array(0),
    state: 'alive',
    incarnation: n.incarnation,
    vsn: n.vsn,
    stateChangedAt: 0,
  };
}

/** An in-process membership list feeding a ServiceRegistry, as a GossipNode would. */
class StaticMembers extends EventEmitter implements MembershipSource {
  constructor(private list: MemberInfo[]) {
    super();
  }
  members(): readonly MemberInfo[] {
    return this.list;
  }
  change(type: MembershipEventType, member: MemberInfo): void {
    this.list = [...this.list.filter((m) => m.name !== member.name), member];
    this.emit(type, member);
  }
}

/** Every error the decoder raises must be a WireDecodeError: anything else would be a crash of the receive path. */
function decodesOrRefuses(decode: () => unknown): 'decoded' | 'refused' {
  try {
    decode();
    return 'decoded';
  } catch (e) {
    if (e instanceof WireDecodeError) return 'refused';
    throw e;
  }
}

describe('registry: real go-doudou v2 bytes (captured)', () => {
  describe('push/pull with text addresses and NodeMeta', () => {
    it('decodes the joining node, whose service is not registered yet: no services, weight 1', () => {
      const pp = readStream(request);
      assert.equal(pp.join, true);
      assert.deepEqual(
        pp.nodes.map((n) => [n.name, n.addr, n.port, n.state]),
        [['go2', '127.0.0.1', 27949, 'alive']],
      );
      const meta = decodeNodeMeta(pp.nodes[0].meta ?? new Uint8Array(0));
      assert.ok(meta);
      assert.deepEqual(meta.serviceInfo, []);
      assert.equal(meta.weight, 1);
      assert.equal(meta.goVer, 'go1.19.8');
      assert.ok(meta.registerAt instanceof Date && meta.registerAt.getUTCFullYear() === 2026);
    });

    it("gives go-doudou's registry view of the node that registered gosvc", () => {
      const registry = new ServiceRegistry(new StaticMembers([go1()]), { now: () => Date.parse('2026-12-01T19:43:00Z') });
      const [instance] = registry.instances('gosvc');
      assert.equal(instance.service, 'gosvc_rest');
      assert.equal(instance.baseUrl, 'http://127.0.0.1:26060');
      assert.equal(instance.weight, 1);
      assert.equal(instance.type, 'rest');
      assert.deepEqual(instance.serviceInfo.data, { from: 'go' });
      assert.deepEqual(instance.node, { name: 'go1', addr: '127.0.0.1', port: 27946 });
      const [row] = registry.view().rows;
      assert.equal(row.svcName, 'gosvc_rest');
      assert.equal(row.goVer, 'go1.19.8');
      registry.close();
    });
  });

  describe('UDP gossip with type-14 weight messages', () => {
    it("decodes each packet's ping or ack and go2's weight (5, with its Unix-ms timestamp)", () => {
      const weights = udp.map((c) => decodePacket(c.bytes, TEXT).messages);
      assert.deepEqual(
        weights.map((ms) => ms.map((m) => m.type)),
        [
          ['ping', 'weight'],
          ['ack', 'weight'],
          ['ping', 'weight'],
        ],
      );
      const w = weights.map((ms) => ms[1] as WeightMessage);
      assert.deepEqual(
        w.map((m) => [m.node, m.from, m.incarnation, m.weight]),
        [
          ['go2', 'go2', 2, 5],
          ['go2', 'go2', 2, 5],
          ['go2', 'go2', 2, 5],
        ],
      );
      assert.equal(new Date(w[0].weightAt).toISOString(), '2026-12-01T19:42:06.548Z');
      assert.equal(w[2].weightAt - w[0].weightAt, 1000, 'one weight interval later');
    });

    it('writes a weight message byte for byte as go-doudou does (so it can gossip it on)', () => {
      const c = udp[0];
      const w = decodePacket(c.bytes, TEXT).messages[1];
      const encoded = Buffer.from(encodeMessage(w, TEXT)).toString('hex');
      assert.ok(Buffer.from(c.bytes).toString('hex').endsWith(encoded));
      assert.equal(encoded.slice(0, 2), '0e');
    });

    it('drops type 14 as an unknown message in ip-bytes mode, like stock memberlist, and keeps the rest', () => {
      const d = decodePacket(udp[1].bytes, { addrEncoding: 'ip-bytes' });
      assert.deepEqual(
        d.messages.map((m) => m.type),
        ['ack'],
      );
      assert.deepEqual(
        d.dropped.map((e) => e.code),
        ['UNKNOWN_MESSAGE'],
      );
    });

    it("applies go-doudou's weight rule: a gossiped weight counts only when the meta's weight is ≤ 0", () => {
      const w = decodePacket(udp[0].bytes, TEXT).messages[1] as WeightMessage;
      const withWeight = (meta: Uint8Array): MemberInfo => ({ ...go1(), meta, gossipedWeight: w.weight, gossipedWeightAt: w.weightAt });
      const captured = go1().meta;
      // The captured meta ends in `a6 "weight" 01`; a node started with GDD_MEM_WEIGHT=0 has 00 there.
      assert.equal(captured[captured.length - 1], 0x01);
      const dynamic = Uint8Array.from(captured);
      dynamic[dynamic.length - 1] = 0x00;
      const members = new StaticMembers([go1()]);
      const registry = new ServiceRegistry(members);
      members.change('weight', withWeight(captured));
      assert.equal(registry.instances('gosvc')[0].weight, 1, 'static meta weight wins');
      members.change('update', withWeight(dynamic));
      assert.equal(registry.instances('gosvc')[0].weight, 5, 'dynamic: the gossiped weight');
      registry.close();
    });
  });

  describe('hostile variants of the captured bytes', () => {
    const mutateAll = (bytes: Uint8Array, seed: number, rounds: number): Uint8Array[] => {
      const random = mulberry32(seed);
      const out: Uint8Array[] = [];
      for (let cut = 0; cut < bytes.length; cut++) out.push(bytes.subarray(0, cut));
      for (let i = 0; i < rounds; i++) {
        const b = Uint8Array.from(bytes);
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++) b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
        out.push(b);
      }
      return out;
    };

    it('never takes a truncated UDP packet for a whole one, and never throws anything but WireDecodeError', () => {
      for (const c of udp) {
        for (let cut = 0; cut < c.bytes.length; cut++) {
          let whole = false;
          decodesOrRefuses(() => {
            const d = decodePacket(c.bytes.subarray(0, cut), TEXT);
            whole = d.messages.length === 2 && d.truncated === 0 && d.dropped.length === 0;
          });
          assert.equal(whole, false, `#${c.id} cut at ${cut}`);
        }
        for (const b of mutateAll(c.bytes, c.id, 400)) decodesOrRefuses(() => decodePacket(b, TEXT));
      }
    });

    it('refuses or decodes every truncated and corrupted push/pull, never throwing anything else', () => {
      for (const c of [request, reply]) {
        for (const b of mutateAll(c.bytes, c.id, 300)) {
          decodesOrRefuses(() => {
            const r = new StreamMessageReader({ isAcceptor: c.toPort === 27946, ...TEXT });
            return r.push(b) ?? r.end();
          });
        }
      }
    });

    it('drops a weight message with a field of the wrong type as BAD_WEIGHT_MESSAGE and keeps the ping beside it', () => {
      const bytes = Buffer.from(udp[0].bytes);
      // `a6 "Weight" 05` → `a6 "Weight" a1 "5"`: a string where go-doudou writes an int (one byte longer).
      const at = bytes.indexOf(Buffer.from('a6576569676874', 'hex')) + 7;
      assert.equal(bytes[at], 0x05);
      const hostile = Buffer.concat([bytes.subarray(0, at), Buffer.from('a135', 'hex'), bytes.subarray(at + 1)]);
      hostile.writeUInt16BE(hostile.readUInt16BE(4) + 1, 4); // the compound's length of part 2
      const d = decodePacket(hostile, TEXT);
      assert.deepEqual(
        d.messages.map((m: PacketMessage) => m.type),
        ['ping'],
      );
      assert.deepEqual(
        d.dropped.map((e) => e.code),
        ['BAD_WEIGHT_MESSAGE'],
      );
    });

    it('refuses a weight message that names no node', () => {
      const bare = encodeMessage({ type: 'weight', from: 'x', incarnation: 1, node: '', weight: 1, weightAt: 1 }, TEXT);
      assert.throws(() => decodePacket(bare, TEXT), isCode(WireDecodeError, 'BAD_WEIGHT_MESSAGE'));
    });
  });
});
