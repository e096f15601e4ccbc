/**
 * The codec alone (raw node:net / node:dgram sockets, no driver, no protocol core) against a real Go
 * memberlist 0.2.2 node (gonode): Go must accept what we encode — a push/pull join, pings, acks, user
 * messages, a leave — plain+LZW and AES-GCM encrypted, and we must decode everything it sends back.
 */
import { strict as assert } from 'node:assert';
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { WireDecodeError } from '../../../lib/discovery/wire/errors';
import { Keyring } from '../../../lib/discovery/wire/keyring';
import { PacketMessage, PushPullMessage, StreamMessage } from '../../../lib/discovery/wire/messages';
import { decodePacket, encodePacket } from '../../../lib/discovery/wire/packet';
import { encodeStreamMessage } from '../../../lib/discovery/wire/stream';
import type { StreamReadResult } from '../../../lib/discovery/wire/stream-reader';
import { freePort } from '../../support/free-port';
import { GoPeer } from '../../support/go-peer';
import { DEBIAN_GOSSIP_HINT, hasGoMemberlist, requireOrSkip } from '../../support/requirements';
import { exchangeStream } from '../../support/stream-exchange';
import { waitFor } from '../../support/wait-for';

const KEY_B64 = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';

/** One TCP exchange: write `request`, read one stream message back (dialer side). */
const exchange = (port: number, request: Uint8Array, keyring?: Keyring): Promise<StreamReadResult> =>
  exchangeStream(port, request, { keyring });

/** Write a stream message and let the peer close (no reply expected). */
function send(port: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

for (const mode of ['plain', 'encrypted'] as const) {
  describe(`wire codec against a real Go memberlist node (${mode})`, function () {
    this.timeout(60_000);
    const keyring = mode === 'encrypted' ? Keyring.fromBase64([KEY_B64]) : undefined;
    let peer: GoPeer | undefined;
    let udp: dgram.Socket | undefined;
    let goPort = 0;
    let ourPort = 0;
    const received: PacketMessage[] = [];
    const undecodable: WireDecodeError[] = [];

    before(async function () {
      requireOrSkip(this, hasGoMemberlist(), DEBIAN_GOSSIP_HINT);
      goPort = await freePort();
      ourPort = await freePort();
      const socket = dgram.createSocket('udp4');
      udp = socket;
      await new Promise<void>((resolve) => socket.bind(ourPort, '127.0.0.1', () => resolve()));
      // Answer Go's probes so it keeps us alive; record everything it sends.
      socket.on('message', (buf) => {
        try {
          for (const m of decodePacket(buf, { keyring }).messages) {
            received.push(m);
            if (m.type === 'ping' && m.node === 'ts1' && m.sourcePort) {
              for (const out of encodePacket([{ type: 'ack', seqNo: m.seqNo }], { keyring })) {
                socket.send(out, m.sourcePort, m.sourceAddr ?? '127.0.0.1');
              }
            }
          }
        } catch (e) {
          if (e instanceof WireDecodeError) undecodable.push(e);
          else throw e;
        }
      });
      peer = await GoPeer.start({ name: 'go1', port: goPort, key: keyring ? KEY_B64 : undefined, meta: { role: 'go' } });
    });

    after(async () => {
      await peer?.stop();
      await new Promise<void>((resolve) => (udp ? udp.close(() => resolve()) : resolve()));
    });

    it('joins with an LZW push/pull, answers probes, exchanges pings and user messages, and leaves', async () => {
      const goPeer = peer as GoPeer;
      const socket = udp as dgram.Socket;
      const udpOpts = { keyring, compress: true };
      const join: PushPullMessage = {
        type: 'pushPull',
        join: true,
        nodes: [
          {
            name: 'ts1',
            addr: '127.0.0.1',
            port: ourPort,
            meta: Buffer.from('{"role":"ts"}'),
            incarnation: 1,
            state: 'alive',
            vsn: [1, 5, 2, 0, 0, 0],
          },
        ],
      };
      const reply = await exchange(goPort, encodeStreamMessage(join, { compress: true, keyring, isDialer: true }), keyring);
      assert.equal(reply.compressed, true, 'Go compresses every stream message');
      assert.equal(reply.encrypted, mode === 'encrypted');
      const pp = reply.message as PushPullMessage;
      assert.equal(pp.type, 'pushPull');
      assert.equal(pp.join, true);
      const go1 = pp.nodes.find((n) => n.name === 'go1');
      assert.ok(go1, 'Go sends its own state');
      assert.deepEqual([go1.addr, go1.port, go1.state], ['127.0.0.1', goPort, 'alive']);
      assert.deepEqual(go1.vsn.slice(0, 3), [1, 5, 2]);
      assert.equal(Buffer.from(go1.meta ?? []).toString(), '{"role":"go"}');

      const joined = await goPeer.waitForEvent((e) => e.event === 'join' && e.name === 'ts1', 10_000, 'join of ts1');
      assert.equal(joined.port, ourPort);
      assert.deepEqual(joined.meta, { role: 'ts' });
      assert.deepEqual(joined.vsn, [1, 5, 2, 0, 0, 0]);

      // Go probes us (and gossips with CRC since we advertise PMax 5); we decode and answer.
      await waitFor(() => received.some((m) => m.type === 'ping' && m.node === 'ts1'), { timeoutMs: 10_000, message: 'a ping from Go' });

      // Our ping gets Go's ack.
      for (const out of encodePacket(
        [{ type: 'ping', seqNo: 4242, node: 'go1', sourceAddr: '127.0.0.1', sourcePort: ourPort, sourceNode: 'ts1' }],
        udpOpts,
      )) {
        socket.send(out, goPort, '127.0.0.1');
      }
      await waitFor(() => received.some((m) => m.type === 'ack' && m.seqNo === 4242), { timeoutMs: 10_000, message: 'ack 4242' });

      // A TCP user message and a UDP one (with CRC) reach Go's delegate.
      await send(
        goPort,
        encodeStreamMessage({ type: 'user', payload: Buffer.from('hello-tcp') }, { compress: true, keyring, isDialer: true }),
      );
      await goPeer.waitForEvent((e) => e.event === 'user-msg' && e.len === 9, 10_000, 'TCP user message');
      for (const out of encodePacket([{ type: 'user', payload: Buffer.from('hello-udp!') }], { ...udpOpts, crc: true })) {
        socket.send(out, goPort, '127.0.0.1');
      }
      await goPeer.waitForEvent((e) => e.event === 'user-msg' && e.len === 10, 10_000, 'UDP user message');

      // A graceful leave (dead with From == Node) in a CRC'd compound with a nack.
      const leave = encodePacket(
        [
          { type: 'dead', incarnation: 1, node: 'ts1', from: 'ts1' },
          { type: 'nack', seqNo: 1 },
        ],
        { ...udpOpts, crc: true },
      );
      for (const out of leave) socket.send(out, goPort, '127.0.0.1');
      await goPeer.waitForEvent((e) => e.event === 'leave' && e.name === 'ts1', 10_000, 'leave of ts1');

      assert.deepEqual(undecodable, [], 'every packet from Go decoded');
    });

    it("decodes Go's errMsg reply to a stream it cannot read", async () => {
      const wrong = encodeStreamMessage(
        { type: 'ping', seqNo: 1, node: 'go1' },
        { compress: false, keyring: mode === 'encrypted' ? new Keyring([new Uint8Array(32).fill(9)]) : undefined, isDialer: true },
      );
      const bad = mode === 'encrypted' ? wrong : Uint8Array.from([0x0a, 0, 0, 0, 1, 0]);
      const reply = await exchange(goPort, bad, keyring);
      const m = reply.message as StreamMessage;
      assert.equal(m.type, 'err');
      assert.match(
        (m as { error: string }).error,
        mode === 'encrypted' ? /No installed keys could decrypt/ : /encrypted and encryption is not configured/,
      );
    });
  });
}
