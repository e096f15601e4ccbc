/**
 * Robustness: thousands of random, truncated, bit-flipped and length-lying inputs (seeded, so every run
 * is the same) must only ever produce results or WireDecodeError — never another exception, never an
 * allocation driven by a lying header.
 */
import { strict as assert } from 'node:assert';
import { WireDecodeError } from '../../../lib/discovery/wire/errors';
import { Keyring } from '../../../lib/discovery/wire/keyring';
import { decodeMessage } from '../../../lib/discovery/wire/message-codec';
import { PacketMessage } from '../../../lib/discovery/wire/messages';
import { decodePacket, encodePacket, PacketDecodeOptions } from '../../../lib/discovery/wire/packet';
import { encodeStreamMessage } from '../../../lib/discovery/wire/stream';
import { StreamMessageReader, StreamReaderOptions } from '../../../lib/discovery/wire/stream-reader';
import { encodeCompress } from '../../../lib/discovery/wire/compress';
import { mulberry32 as prng } from '../../../lib/discovery/core/random';
import { loadCaptures } from './support/captures';
import { isCode } from '../../support/errors';

const key = Uint8Array.from({ length: 32 }, (_, i) => i);
const keyring = new Keyring([key]);

function mutate(input: Uint8Array, rnd: () => number): Uint8Array {
  const int = (n: number) => Math.floor(rnd() * n);
  const b = Uint8Array.from(input);
  switch (int(6)) {
    case 0: // truncate
      return b.subarray(0, int(b.length + 1));
    case 1: // flip 1–4 bits
      for (let i = 0, n = 1 + int(4); i < n && b.length > 0; i++) b[int(b.length)] ^= 1 << int(8);
      return b;
    case 2: // overwrite a run with 0xff (lengths claiming 4 GiB, negative ints)
      for (let i = int(b.length), n = 1 + int(5); n > 0 && i < b.length; i++, n--) b[i] = 0xff;
      return b;
    case 3: {
      // splice in a lying length header
      const at = int(b.length + 1);
      const lies = [
        [0xdb, 0xff, 0xff, 0xff, 0xff],
        [0xdf, 0x7f, 0xff, 0xff, 0xff],
        [0xdd, 0xff, 0xff, 0xff, 0xf0],
        [0xda, 0xff, 0xff],
        [0xce, 0xff, 0xff, 0xff, 0xff],
      ];
      const lie = lies[int(lies.length)];
      const out = new Uint8Array(b.length + lie.length);
      out.set(b.subarray(0, at));
      out.set(lie, at);
      out.set(b.subarray(at), at + lie.length);
      return out;
    }
    case 4: // random bytes with a plausible first byte
      return Uint8Array.from({ length: int(200) }, (_, i) => (i === 0 ? [0, 2, 4, 6, 7, 8, 9, 10, 12, 244][int(10)] : int(256)));
    default: // random byte values at random places
      for (let i = 0, n = 1 + int(8); i < n && b.length > 0; i++) b[int(b.length)] = int(256);
      return b;
  }
}

function onlyWireErrors(fn: () => unknown, what: string): 'ok' | 'error' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof WireDecodeError && typeof e.code === 'string') return 'error';
    throw new Error(`${what}: non-wire exception ${String(e)}`, { cause: e });
  }
}

describe('wire robustness (fuzz, seeded)', () => {
  const udpSeeds: Uint8Array[] = [];
  const streamSeeds: Uint8Array[] = [];
  before(() => {
    for (const f of ['memberlist-0.2.2.json', 'memberlist-0.2.2-nocompress.json', 'memberlist-0.5.0-encrypted-label.json']) {
      for (const c of loadCaptures(f)) (c.transport === 'UDP' ? udpSeeds : streamSeeds).push(c.bytes);
    }
    const msgs: PacketMessage[] = [
      { type: 'ping', seqNo: 1, node: 'b', sourceAddr: '::1', sourcePort: 1, sourceNode: 'a' },
      { type: 'indirectPing', seqNo: 2, target: '10.0.0.2', port: 3, node: 'c', nack: true },
      { type: 'suspect', incarnation: 4, node: 'c', from: 'a' },
      { type: 'user', payload: new Uint8Array(40).fill(65) },
    ];
    udpSeeds.push(...encodePacket(msgs, { compress: true, crc: true }));
    udpSeeds.push(...encodePacket(msgs, { keyring, label: 'cluster-a', crc: true }));
    streamSeeds.push(encodeStreamMessage({ type: 'user', payload: new Uint8Array(300).fill(66) }, { compress: true, isDialer: true }));
  });

  it('decodePacket only ever throws WireDecodeError on 6000 mutated datagrams', () => {
    const rnd = prng(0xd0d0);
    const optionSets: PacketDecodeOptions[] = [
      {},
      { keyring, label: 'cluster-a' },
      { keyring, verifyIncoming: false },
      { label: 'cluster-a', skipInboundLabelCheck: true, maxDecompressed: 4096 },
    ];
    const outcomes = { ok: 0, error: 0 };
    for (let i = 0; i < 6000; i++) {
      const input = mutate(udpSeeds[i % udpSeeds.length], rnd);
      const opts = optionSets[i % optionSets.length];
      outcomes[
        onlyWireErrors(() => {
          const r = decodePacket(input, opts);
          assert.ok(Array.isArray(r.messages) && r.truncated >= 0);
          for (const e of r.dropped) assert.ok(e instanceof WireDecodeError);
        }, `packet #${i}`)
      ]++;
    }
    // Both outcomes happen: the mutations are neither all harmless nor all fatal.
    assert.ok(outcomes.ok > 100 && outcomes.error > 100, JSON.stringify(outcomes));
  });

  it('decodeMessage only ever throws WireDecodeError on 4000 random bodies of every type byte', () => {
    const rnd = prng(42);
    for (let i = 0; i < 4000; i++) {
      const body = mutate(udpSeeds[i % udpSeeds.length], rnd);
      const input = Uint8Array.from([i % 16, ...body.subarray(0, 300)]);
      onlyWireErrors(() => decodeMessage(input), `message #${i}`);
    }
  });

  it('the stream reader only ever throws WireDecodeError on 3000 mutated streams in random chunks', () => {
    const rnd = prng(7);
    const optionSets: StreamReaderOptions[] = [
      { isAcceptor: true },
      { isAcceptor: true, keyring, label: 'cluster-a' },
      { isAcceptor: false, keyring, label: 'cluster-a', limits: { maxMessageBytes: 1 << 20, maxFrameBytes: 1 << 20 } },
    ];
    const outcomes = { ok: 0, error: 0 };
    for (let i = 0; i < 3000; i++) {
      const input = mutate(streamSeeds[i % streamSeeds.length], rnd);
      const reader = new StreamMessageReader(optionSets[i % optionSets.length]);
      outcomes[
        onlyWireErrors(() => {
          for (let p = 0; p < input.length;) {
            const n = 1 + Math.floor(rnd() * 64);
            reader.push(input.subarray(p, p + n));
            p += n;
          }
          reader.end();
        }, `stream #${i}`)
      ]++;
    }
    assert.ok(outcomes.ok > 50 && outcomes.error > 50, JSON.stringify(outcomes));
  });

  it('caps decompression: a 400 KiB zero bomb in a small datagram is refused with TOO_LARGE', () => {
    const bomb = encodeCompress(new Uint8Array(400 * 1024));
    assert.ok(bomb.length < 1400, `bomb is ${bomb.length} bytes`);
    assert.throws(() => decodePacket(bomb, { maxDecompressed: 64 * 1024 }), isCode(WireDecodeError, 'TOO_LARGE'));
  });

  it('refuses 4 GiB claims in every position without allocating them', () => {
    const before = process.memoryUsage().arrayBuffers;
    const claims = ['00dbffffffff', '07ff', '0cffffffff07ff', '0982a4416c676f00a3427566dbffffffff', '0481a3566e73ddffffffff'];
    for (const c of claims) onlyWireErrors(() => decodePacket(Buffer.from(c, 'hex')), c);
    const reader = new StreamMessageReader({ isAcceptor: true });
    assert.throws(() => reader.push(Buffer.from('06dfffffffff', 'hex')), WireDecodeError);
    assert.ok(process.memoryUsage().arrayBuffers - before < 64 * 1024 * 1024);
  });
});
