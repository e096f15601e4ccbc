import { strict as assert } from 'node:assert';
import { WireDecodeError } from '../../../lib/discovery/wire/errors';
import { Keyring } from '../../../lib/discovery/wire/keyring';
import { AliveMessage, DeadMessage, PacketMessage, PingMessage } from '../../../lib/discovery/wire/messages';
import { encodeMessage } from '../../../lib/discovery/wire/message-codec';
import { encodeCompound } from '../../../lib/discovery/wire/compound';
import { decodePacket, encodePacket, encodePacketParts, estimatePacketOverhead } from '../../../lib/discovery/wire/packet';
import { capture, hex, loadCaptures, toHex } from './support/captures';
import { isCode } from '../../support/errors';

const key = Uint8Array.from({ length: 32 }, (_, i) => i);
const vsn = [1, 5, 2, 0, 0, 0] as const;
const meta = (role: string) => Uint8Array.from(Buffer.from(`{"role":"${role}"}`));

function alive(node: string, port: number, role: string): AliveMessage {
  return { type: 'alive', incarnation: 1, node, addr: '127.0.0.1', port, meta: meta(role), vsn };
}

describe('wire/packet', () => {
  describe('captured UDP packets', () => {
    it('decodes the CRC + compound gossip and re-encodes it byte for byte (nocompress #11, #12)', () => {
      for (const [id, first, second] of [
        [11, 'c2', 'c1'],
        [12, 'c1', 'c2'],
      ] as const) {
        const bytes = capture('memberlist-0.2.2-nocompress.json', id).bytes;
        const { messages, truncated, dropped } = decodePacket(bytes);
        assert.equal(truncated, 0);
        assert.deepEqual(dropped, []);
        assert.deepEqual(
          messages.map((m) => (m as AliveMessage).node),
          [first, second],
        );
        assert.deepEqual(messages[0], alive(first, first === 'c2' ? 7981 : 7980, first === 'c2' ? 'b' : 'a'));
        assert.equal(toHex(encodePacket(messages, { crc: true, compress: false })[0]), toHex(bytes));
      }
    });

    it('decodes the CRC + LZW-compressed gossip and re-encodes it byte for byte (plain #11–#14)', () => {
      for (const id of [11, 12, 13, 14]) {
        const bytes = capture('memberlist-0.2.2.json', id).bytes;
        const { messages } = decodePacket(bytes);
        assert.equal(messages.length, 2);
        assert.ok(messages.every((m) => m.type === 'alive'));
        assert.equal(toHex(encodePacket(messages, { crc: true, compress: true })[0]), toHex(bytes));
      }
    });

    it('round-trips every captured ping, ack and dead (pings/acks without CRC, dead with CRC)', () => {
      let seen = 0;
      for (const file of ['memberlist-0.2.2.json', 'memberlist-0.2.2-nocompress.json']) {
        for (const c of loadCaptures(file).filter((x) => x.transport === 'UDP')) {
          const { messages } = decodePacket(c.bytes);
          assert.equal(messages.length >= 1, true);
          if (messages.length !== 1) continue;
          const m = messages[0];
          const crc = c.bytes[0] === 0x0c;
          assert.equal(crc, m.type === 'dead', `#${c.id}: only gossip carries CRC`);
          assert.equal(toHex(encodePacket([m], { crc, compress: true })[0]), toHex(c.bytes), `${file} #${c.id}`);
          seen++;
        }
      }
      assert.ok(seen >= 14, `checked ${seen} single-message packets`);
      assert.deepEqual(decodePacket(capture('memberlist-0.2.2-nocompress.json', 19).bytes).messages, [
        { type: 'dead', incarnation: 1, node: 'c2', from: 'c2' } satisfies DeadMessage,
      ]);
    });

    it('decrypts every labelled, encrypted UDP capture with key 00..1f and label cluster-a', () => {
      const keyring = new Keyring([key]);
      const udp = loadCaptures('memberlist-0.5.0-encrypted-label.json').filter((c) => c.transport === 'UDP');
      assert.equal(udp.length, 10);
      const types = udp.map((c) =>
        decodePacket(c.bytes, { keyring, label: 'cluster-a' })
          .messages.map((m) => m.type)
          .join('+'),
      );
      assert.deepEqual(types, ['alive+alive', 'alive+alive', 'alive+alive', 'alive+alive', 'ping', 'ack', 'ping', 'ack', 'dead', 'dead']);
      const ping = decodePacket(capture('memberlist-0.5.0-encrypted-label.json', 17).bytes, { keyring, label: 'cluster-a' }).messages[0];
      assert.deepEqual(ping, { type: 'ping', seqNo: 1, node: 'c2', sourceAddr: '127.0.0.1', sourceNode: 'c1', sourcePort: 7980 });
    });

    it('refuses the encrypted captures with a wrong key (DECRYPT_FAILED) or a wrong/missing label (LABEL_MISMATCH)', () => {
      const bytes = capture('memberlist-0.5.0-encrypted-label.json', 17).bytes;
      const wrong = new Keyring([new Uint8Array(32).fill(7)]);
      assert.throws(() => decodePacket(bytes, { keyring: wrong, label: 'cluster-a' }), isCode(WireDecodeError, 'DECRYPT_FAILED'));
      assert.throws(
        () => decodePacket(bytes, { keyring: new Keyring([key]), label: 'cluster-b' }),
        isCode(WireDecodeError, 'LABEL_MISMATCH'),
      );
      assert.throws(() => decodePacket(bytes, { keyring: new Keyring([key]) }), isCode(WireDecodeError, 'LABEL_MISMATCH'));
      // Header stripped: the label is still authenticated through the AAD.
      const stripped = bytes.subarray(11);
      assert.throws(() => decodePacket(stripped, { keyring: new Keyring([key]) }), isCode(WireDecodeError, 'DECRYPT_FAILED'));
      assert.throws(
        () => decodePacket(stripped, { keyring: new Keyring([key]), label: 'cluster-a' }),
        isCode(WireDecodeError, 'LABEL_MISMATCH'),
      );
      const viaSkip = decodePacket(stripped, { keyring: new Keyring([key]), label: 'cluster-a', skipInboundLabelCheck: true });
      assert.equal(viaSkip.messages[0].type, 'ping');
    });
  });

  describe('layers', () => {
    const ping: PingMessage = { type: 'ping', seqNo: 9, node: 'b', sourceAddr: '10.0.0.1', sourcePort: 7946, sourceNode: 'a' };

    it('round-trips through label + encryption + CRC + compression', () => {
      const keyring = new Keyring([key]);
      const msgs: PacketMessage[] = [ping, alive('c1', 7980, 'a'), alive('c2', 7981, 'b'), { type: 'user', payload: hex('010203') }];
      const [pkt] = encodePacket(msgs, { crc: true, compress: true, label: 'cluster-a', keyring });
      assert.equal(toHex(pkt.subarray(0, 11)), 'f409' + Buffer.from('cluster-a').toString('hex'));
      assert.equal(pkt[11], 1, 'encryption version 1 at protocol 2');
      assert.deepEqual(decodePacket(pkt, { keyring, label: 'cluster-a' }).messages, msgs);
    });

    it('encrypts with version 0 (padded) when speaking protocol 1', () => {
      const keyring = new Keyring([key]);
      const [pkt] = encodePacket([ping], { keyring, protocolVersion: 1 });
      assert.equal(pkt[0], 0);
      assert.equal((pkt.length - 29) % 16, 0);
      assert.deepEqual(decodePacket(pkt, { keyring }).messages, [ping]);
    });

    it('sends a single message bare and keeps a ping uncompressed when LZW would not shrink it', () => {
      const [pkt] = encodePacket([ping], { compress: true });
      assert.equal(toHex(pkt), toHex(encodeMessage(ping)));
    });

    it('splits more than 255 messages into several compounds', () => {
      const msgs: PacketMessage[] = Array.from({ length: 600 }, (_, i) => ({ type: 'nack', seqNo: i }));
      const pkts = encodePacket(msgs);
      assert.equal(pkts.length, 3);
      assert.deepEqual(
        pkts.map((p) => p[1]),
        [255, 255, 90],
      );
      assert.deepEqual(
        pkts.flatMap((p) => decodePacket(p).messages),
        msgs,
      );
    });

    it('returns the parts that fit and counts cut-off compound parts as truncated', () => {
      const parts = [encodeMessage(ping), encodeMessage({ type: 'nack', seqNo: 1 }), encodeMessage({ type: 'nack', seqNo: 2 })];
      const full = encodeCompound(parts);
      const cut = full.subarray(0, full.length - 3);
      const r = decodePacket(cut);
      assert.deepEqual(r.messages, [ping, { type: 'nack', seqNo: 1 }]);
      assert.equal(r.truncated, 1);
    });

    it('drops a bad compound part (unknown type 14, garbage) and keeps the others', () => {
      const weight = hex('0e80');
      const [pkt] = encodePacketParts([weight, encodeMessage(ping), hex('04ff')]);
      const r = decodePacket(pkt);
      assert.deepEqual(r.messages, [ping]);
      assert.deepEqual(
        r.dropped.map((e) => e.code),
        ['UNKNOWN_MESSAGE', 'BAD_TYPE'],
      );
    });

    it('refuses a packet whose CRC does not match with BAD_CRC', () => {
      const bytes = Uint8Array.from(capture('memberlist-0.2.2-nocompress.json', 19).bytes);
      bytes[bytes.length - 1] ^= 0x01;
      assert.throws(() => decodePacket(bytes), isCode(WireDecodeError, 'BAD_CRC'));
    });

    it('refuses tampered ciphertext with DECRYPT_FAILED', () => {
      const keyring = new Keyring([key]);
      const [pkt] = encodePacket([ping], { keyring, label: 'x' });
      pkt[pkt.length - 20] ^= 0x80;
      assert.throws(() => decodePacket(pkt, { keyring, label: 'x' }), isCode(WireDecodeError, 'DECRYPT_FAILED'));
    });

    it('refuses plaintext when a keyring is set, unless verifyIncoming is false', () => {
      const keyring = new Keyring([key]);
      const [pkt] = encodePacket([ping]);
      assert.throws(() => decodePacket(pkt, { keyring }), isCode(WireDecodeError, 'DECRYPT_FAILED'));
      assert.deepEqual(decodePacket(pkt, { keyring, verifyIncoming: false }).messages, [ping]);
    });

    it('refuses a labelled packet when no label is configured and an empty label header with BAD_LABEL', () => {
      const [pkt] = encodePacket([ping], { label: 'prod' });
      assert.throws(() => decodePacket(pkt), isCode(WireDecodeError, 'LABEL_MISMATCH'));
      assert.deepEqual(decodePacket(pkt, { label: 'prod' }).messages, [ping]);
      assert.throws(() => decodePacket(hex('f400')), isCode(WireDecodeError, 'BAD_LABEL'));
      assert.throws(() => decodePacket(hex('f405616263')), isCode(WireDecodeError, 'BAD_LABEL'));
    });

    it('with skipInboundLabelCheck takes unlabelled packets as ours and refuses a second header', () => {
      const [plain] = encodePacket([ping]);
      assert.deepEqual(decodePacket(plain, { label: 'prod', skipInboundLabelCheck: true }).messages, [ping]);
      const [labelled] = encodePacket([ping], { label: 'prod' });
      assert.throws(
        () => decodePacket(labelled, { label: 'prod', skipInboundLabelCheck: true }),
        isCode(WireDecodeError, 'LABEL_MISMATCH'),
      );
    });

    it('refuses pushPull, err and layer types as UDP messages', () => {
      assert.throws(
        () => decodePacket(encodeMessage({ type: 'pushPull', join: false, nodes: [] })),
        isCode(WireDecodeError, 'UNKNOWN_MESSAGE'),
      );
      assert.throws(() => decodePacket(hex('0d80')), isCode(WireDecodeError, 'UNKNOWN_MESSAGE'));
      assert.throws(() => decodePacket(new Uint8Array(0)), isCode(WireDecodeError, 'TRUNCATED'));
    });

    it('bounds nesting of compounds', () => {
      let inner = encodeMessage(ping);
      for (let i = 0; i < 12; i++) inner = encodeCompound([inner]);
      const r = decodePacket(inner);
      assert.deepEqual(r.messages, []);
      assert.equal(r.dropped[0].code, 'TOO_DEEP');
    });

    it('estimates overheads: 0 plain, 2 + label, +29 (v1) or +45 (v0) with a keyring', () => {
      const keyring = new Keyring([key]);
      assert.equal(estimatePacketOverhead({}), 0);
      assert.equal(estimatePacketOverhead({ label: 'cluster-a' }), 11);
      assert.equal(estimatePacketOverhead({ keyring }), 29);
      assert.equal(estimatePacketOverhead({ keyring, label: 'cluster-a', protocolVersion: 1 }), 56);
      const [pkt] = encodePacket([ping], { keyring, label: 'cluster-a' });
      assert.equal(pkt.length, encodeMessage(ping).length + estimatePacketOverhead({ keyring, label: 'cluster-a' }));
    });
  });
});
