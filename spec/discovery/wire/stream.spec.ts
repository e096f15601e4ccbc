import { strict as assert } from 'node:assert';
import { encryptPayload } from '../../../lib/discovery/wire/encryption';
import { WireDecodeError } from '../../../lib/discovery/wire/errors';
import { Keyring } from '../../../lib/discovery/wire/keyring';
import { PushPullMessage, StreamMessage } from '../../../lib/discovery/wire/messages';
import { encodeStreamMessage } from '../../../lib/discovery/wire/stream';
import { StreamMessageReader, StreamReaderOptions, StreamReadResult } from '../../../lib/discovery/wire/stream-reader';
import { capture, hex, toHex } from './support/captures';
import { isCode } from '../../support/errors';

const key32 = Uint8Array.from({ length: 32 }, (_, i) => i);

/** Feeds `bytes` in chunks of `size`; asserts nothing is returned before the last chunk. */
function read(bytes: Uint8Array, opts: StreamReaderOptions, size = bytes.length): StreamReadResult {
  const reader = new StreamMessageReader(opts);
  let result: StreamReadResult | undefined;
  for (let i = 0; i < bytes.length; i += size) {
    assert.equal(result, undefined, `message returned before byte ${i}`);
    result = reader.push(bytes.subarray(i, i + size));
  }
  assert.ok(result, 'a complete message');
  reader.end();
  return result;
}

function expectPushPull(m: StreamMessage, name: string, port: number): void {
  assert.equal(m.type, 'pushPull');
  const pp = m as PushPullMessage;
  assert.equal(pp.join, true);
  assert.deepEqual(
    pp.nodes.map((n) => [n.name, n.addr, n.port, n.state, n.incarnation]),
    [[name, '127.0.0.1', port, 'alive', 1]],
  );
  assert.deepEqual(pp.nodes[0].vsn, [1, 5, 2, 0, 0, 0]);
}

describe('wire/stream', () => {
  describe('captured TCP push/pull', () => {
    it('decodes the LZW-compressed join exchange and re-encodes it byte for byte (plain #4, #6)', () => {
      for (const [id, name, port] of [
        [4, 'c2', 7981],
        [6, 'c1', 7980],
      ] as const) {
        const bytes = capture('memberlist-0.2.2.json', id).bytes;
        for (const chunk of [bytes.length, 7, 1]) {
          const r = read(bytes, { isAcceptor: id === 4 }, chunk);
          expectPushPull(r.message, name, port);
          assert.equal(r.compressed, true);
          assert.equal(r.encrypted, false);
          assert.equal(toHex(encodeStreamMessage(r.message, { compress: true, isDialer: id === 4 })), toHex(bytes));
        }
      }
    });

    it('decodes the uncompressed join exchange and re-encodes it byte for byte (nocompress #4, #6)', () => {
      for (const [id, name, port] of [
        [4, 'c2', 7981],
        [6, 'c1', 7980],
      ] as const) {
        const bytes = capture('memberlist-0.2.2-nocompress.json', id).bytes;
        const r = read(bytes, { isAcceptor: true }, 3);
        expectPushPull(r.message, name, port);
        assert.equal(r.compressed, false);
        assert.equal(toHex(encodeStreamMessage(r.message, { compress: false, isDialer: true })), toHex(bytes));
      }
    });

    it('decrypts the labelled dialer stream on the acceptor and the header-less reply on the dialer (enc-label #4, #8)', () => {
      const keyring = new Keyring([key32]);
      const req = read(capture('memberlist-0.5.0-encrypted-label.json', 4).bytes, { isAcceptor: true, keyring, label: 'cluster-a' }, 10);
      expectPushPull(req.message, 'c2', 7981);
      assert.equal(req.encrypted, true);
      assert.equal(req.label, 'cluster-a');
      const reply = read(capture('memberlist-0.5.0-encrypted-label.json', 8).bytes, { isAcceptor: false, keyring, label: 'cluster-a' });
      expectPushPull(reply.message, 'c1', 7980);
    });

    it('fails the encrypted streams with a wrong key, wrong label or no keyring, with stable codes', () => {
      const dialer = capture('memberlist-0.5.0-encrypted-label.json', 4).bytes;
      const reply = capture('memberlist-0.5.0-encrypted-label.json', 8).bytes;
      const keyring = new Keyring([key32]);
      const wrong = new Keyring([new Uint8Array(32)]);
      assert.throws(
        () => read(dialer, { isAcceptor: true, keyring: wrong, label: 'cluster-a' }),
        isCode(WireDecodeError, 'DECRYPT_FAILED'),
      );
      assert.throws(() => read(dialer, { isAcceptor: true, keyring, label: 'cluster-b' }), isCode(WireDecodeError, 'LABEL_MISMATCH'));
      assert.throws(() => read(dialer, { isAcceptor: true, keyring }), isCode(WireDecodeError, 'LABEL_MISMATCH'));
      assert.throws(() => read(reply, { isAcceptor: false, keyring }), isCode(WireDecodeError, 'DECRYPT_FAILED'), 'label is in the AAD');
      assert.throws(() => read(reply, { isAcceptor: false }), isCode(WireDecodeError, 'ENCRYPTION_NOT_CONFIGURED'));
    });

    it('writes an encrypted, labelled push/pull the way Go does: label, 0a + length, version 1', () => {
      const keyring = new Keyring([key32]);
      const m = read(capture('memberlist-0.5.0-encrypted-label.json', 4).bytes, { isAcceptor: true, keyring, label: 'cluster-a' }).message;
      const out = encodeStreamMessage(m, { compress: false, keyring, label: 'cluster-a', isDialer: true });
      assert.equal(out.length, 150);
      assert.equal(toHex(out.subarray(0, 17)).slice(0, 34), `f409${Buffer.from('cluster-a').toString('hex')}0a0000008601`);
      assert.deepEqual(read(out, { isAcceptor: true, keyring, label: 'cluster-a' }).message, m);
      const asReply = encodeStreamMessage(m, { compress: true, keyring, label: 'cluster-a', isDialer: false });
      assert.equal(asReply[0], 0x0a, 'the acceptor never writes a label');
      const back = read(asReply, { isAcceptor: false, keyring, label: 'cluster-a' });
      assert.deepEqual(back.message, m);
      assert.equal(back.compressed, true);
    });

    it('decodes the TCP encryption frame vector (fixed nonce) and reproduces it with the frame header as AAD', () => {
      const key = hex('000102030405060708090a0b0c0d0e0f');
      const frame = hex('0a0000002f01101112131415161718191a1bc6aca4ff6e36da8076b99d5094429a7055bb9a8efd82bf48a848ac35de9cd21ed2fd');
      const r = read(frame, { isAcceptor: false, keyring: new Keyring([key]) });
      assert.deepEqual(r.message, { type: 'ack', seqNo: 7 });
      const payload = encryptPayload(
        1,
        key,
        hex('0282a75061796c6f6164c0a55365714e6f07'),
        frame.subarray(0, 5),
        hex('101112131415161718191a1b'),
      );
      assert.equal(toHex(payload), toHex(frame.subarray(5)));
    });
  });

  describe('messages', () => {
    it('reads and writes the TCP user message with its UserMsgLen header', () => {
      const bytes = hex(`0881aa${Buffer.from('UserMsgLen').toString('hex')}09${Buffer.from('hello-tcp').toString('hex')}`);
      const r = read(bytes, { isAcceptor: true }, 2);
      assert.deepEqual(r.message, { type: 'user', payload: Uint8Array.from(Buffer.from('hello-tcp')) });
      assert.equal(toHex(encodeStreamMessage(r.message, { isDialer: true })), toHex(bytes));
    });

    it('round-trips ping, ack and err with compression', () => {
      const msgs: StreamMessage[] = [
        { type: 'ping', seqNo: 5, node: 'b', sourceAddr: '127.0.0.1', sourcePort: 7946, sourceNode: 'a' },
        { type: 'ack', seqNo: 5, payload: hex('0102') },
        { type: 'err', error: 'boom' },
      ];
      for (const m of msgs)
        assert.deepEqual(read(encodeStreamMessage(m, { compress: true, isDialer: false }), { isAcceptor: false }).message, m);
    });

    it('reads a push/pull of 3000 nodes with user state fed in small chunks', () => {
      const m: PushPullMessage = {
        type: 'pushPull',
        join: false,
        userState: new Uint8Array(5000).fill(7),
        nodes: Array.from({ length: 3000 }, (_, i) => ({
          name: `node-${i}`,
          addr: `10.0.${i >> 8}.${i & 255}`,
          port: 7946,
          incarnation: i,
          state: 'suspect' as const,
          vsn: [1, 5, 2, 0, 0, 0] as const,
        })),
      };
      for (const compress of [false, true]) {
        const bytes = encodeStreamMessage(m, { compress, isDialer: false });
        assert.deepEqual(read(bytes, { isAcceptor: false }, 1000).message, m);
      }
    });

    it('refuses plaintext when encryption is configured, unless verifyIncoming is false', () => {
      const bytes = capture('memberlist-0.2.2-nocompress.json', 4).bytes;
      const keyring = new Keyring([key32]);
      assert.throws(() => read(bytes, { isAcceptor: true, keyring }), isCode(WireDecodeError, 'NOT_ENCRYPTED'));
      expectPushPull(read(bytes, { isAcceptor: true, keyring, verifyIncoming: false }).message, 'c2', 7981);
    });

    it('refuses gossip types on a stream with UNKNOWN_MESSAGE', () => {
      assert.throws(() => read(hex('0580'), { isAcceptor: true }), isCode(WireDecodeError, 'UNKNOWN_MESSAGE'));
      assert.throws(() => read(hex('0780'), { isAcceptor: true }), isCode(WireDecodeError, 'UNKNOWN_MESSAGE'));
    });

    it('refuses a label header on the dialing side (the acceptor never sends one)', () => {
      const bytes = encodeStreamMessage({ type: 'err', error: 'x' }, { label: 'l', isDialer: true });
      assert.throws(() => read(bytes, { isAcceptor: false, label: 'l' }), isCode(WireDecodeError, 'UNKNOWN_MESSAGE'));
      assert.deepEqual(read(bytes, { isAcceptor: true, label: 'l' }).message, { type: 'err', error: 'x' });
    });
  });

  describe('limits and failures', () => {
    const lengthOf = (s: string) => Buffer.from(s).toString('hex');

    it('refuses an encrypted frame claiming 4 GiB as soon as its header arrives', () => {
      const reader = new StreamMessageReader({ isAcceptor: true, keyring: new Keyring([key32]) });
      assert.throws(() => reader.push(hex('0affffffff')), isCode(WireDecodeError, 'TOO_LARGE'));
      assert.throws(() => reader.push(hex('00')), isCode(WireDecodeError, 'TOO_LARGE'), 'stays failed');
    });

    it('refuses lying push/pull counts, user lengths and compressed buffers before buffering them', () => {
      const cases = [
        `0683a4${lengthOf('Join')}c2a5${lengthOf('Nodes')}ce00200001ac${lengthOf('UserStateLen')}00`,
        `0683a4${lengthOf('Join')}c2a5${lengthOf('Nodes')}00ac${lengthOf('UserStateLen')}ceffffffff`,
        `0881aa${lengthOf('UserMsgLen')}ceffffffff`,
        `0982a4${lengthOf('Algo')}00a3${lengthOf('Buf')}dbffffffff`,
      ];
      for (const c of cases) {
        const reader = new StreamMessageReader({ isAcceptor: true });
        assert.throws(() => reader.push(hex(c)), isCode(WireDecodeError, 'TOO_LARGE'), c);
      }
    });

    it('honours smaller configured limits', () => {
      const bytes = encodeStreamMessage({ type: 'user', payload: new Uint8Array(100) }, { isDialer: true });
      assert.throws(() => read(bytes, { isAcceptor: true, limits: { maxUserMsgBytes: 99 } }), isCode(WireDecodeError, 'TOO_LARGE'));
      const big = encodeStreamMessage({ type: 'user', payload: new Uint8Array(5000).fill(1) }, { compress: true, isDialer: true });
      assert.throws(() => read(big, { isAcceptor: true, limits: { maxDecompressedBytes: 1000 } }), isCode(WireDecodeError, 'TOO_LARGE'));
    });

    it('reports a stream closed mid-message as TRUNCATED, and an empty one too', () => {
      const bytes = capture('memberlist-0.2.2.json', 4).bytes;
      const reader = new StreamMessageReader({ isAcceptor: true });
      assert.equal(reader.push(bytes.subarray(0, 50)), undefined);
      assert.throws(() => reader.end(), isCode(WireDecodeError, 'TRUNCATED'));
      assert.throws(() => new StreamMessageReader({ isAcceptor: true }).end(), isCode(WireDecodeError, 'TRUNCATED'));
    });

    it('returns the message once and ignores bytes after it', () => {
      const bytes = capture('memberlist-0.2.2-nocompress.json', 4).bytes;
      const reader = new StreamMessageReader({ isAcceptor: true });
      assert.ok(reader.push(bytes));
      assert.equal(reader.done, true);
      assert.equal(reader.push(hex('00')), undefined);
      reader.end();
    });
  });
});
