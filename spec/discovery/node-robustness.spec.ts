import { strict as assert } from 'node:assert';
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { encodeMessage, decodeMessage } from '../../lib/discovery/wire/message-codec';
import { totalDrops } from '../../lib/discovery/transport/counters';
import { memberNames, NodeSet, seedOf } from '../support/gossip-nodes';
import { waitFor } from '../support/wait-for';

/** Deterministic pseudo-random bytes (LCG), so a failure reproduces. */
function noise(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 16;
  }
  return b;
}

const ping = (seqNo: number): Uint8Array => encodeMessage({ type: 'ping', seqNo, node: '' });

describe('discovery/node robustness against hostile input', function () {
  this.timeout(30_000);
  const set = new NodeSet();
  let udp: dgram.Socket | undefined;
  const sockets: net.Socket[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.destroy());
    if (udp) await new Promise<void>((resolve) => udp!.close(() => resolve()));
    udp = undefined;
    await set.shutdownAll();
  });

  async function udpClient(): Promise<{ send: (b: Uint8Array) => void; acks: number[] }> {
    const sock = dgram.createSocket('udp4');
    udp = sock;
    const acks: number[] = [];
    sock.on('message', (m) => {
      try {
        const msg = decodeMessage(m.subarray(m[0] === 7 ? 2 + m[1] * 2 : 0));
        if (msg.type === 'ack') acks.push(msg.seqNo);
      } catch {
        /* not an ack */
      }
    });
    await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', () => resolve()));
    return { send: (b) => sock.send(b, target, '127.0.0.1'), acks };
  }
  let target = 0;

  it('drops and counts garbage, truncated, oversized and hostile UDP packets and still answers pings', async () => {
    const node = await set.start('victim');
    target = node.port;
    const client = await udpClient();
    const valid = Buffer.from(ping(1));
    const hostile: Buffer[] = [
      noise(200, 1),
      valid.subarray(0, 10), // truncated ping
      noise(60 * 1024, 2), // oversized random
      Buffer.concat([Buffer.from([7, 255]), Buffer.alloc(510, 0xff)]), // compound claiming 255 × 65535-byte parts
      Buffer.from([9, 0x82, 0xa4, ...Buffer.from('Algo'), 0, 0xa3, ...Buffer.from('Buf'), 0xdb, 0xff, 0xff, 0xff, 0xff]), // compress, huge Buf
      Buffer.concat([Buffer.from([12, 0, 0, 0, 0]), valid]), // CRC mismatch
      Buffer.from([244, 0, 0]), // label header of length 0
      Buffer.from([4, 0xdf, 0xff, 0xff, 0xff, 0xff]), // alive claiming a 4-billion-entry map
      Buffer.from([1]), // indirect ping without a body
      Buffer.from([200, 1, 2, 3]), // unknown type
    ];
    for (const h of hostile) client.send(h);
    client.send(ping(4242));
    await waitFor(() => client.acks.includes(4242), { message: 'ack after the garbage' });
    await waitFor(() => totalDrops(node.stats().transport.packetsDropped) >= hostile.length, { message: 'every hostile packet counted' });
    const drops = node.stats().transport.packetsDropped;
    assert.ok(drops['bad-crc'] >= 1, JSON.stringify(drops));
    assert.equal(totalDrops(drops), hostile.length, JSON.stringify(drops));
  });

  it('drops hostile TCP streams, cuts a silent one after tcpTimeout, and still lets a node join', async () => {
    const node = await set.start('victim', { tcpTimeoutMs: 500 });
    const send = (bytes: Buffer, end = true): net.Socket => {
      const s = net.connect(node.port, '127.0.0.1', () => (end ? s.end(bytes) : s.write(bytes)));
      s.on('error', () => undefined);
      sockets.push(s);
      return s;
    };
    send(noise(5000, 3));
    send(Buffer.from([6, 0x83, 0xa4, ...Buffer.from('Join'), 0xc2, 0xa5, ...Buffer.from('Nodes'), 0xce, 0x7f, 0xff, 0xff, 0xff])); // 2^31 nodes, cut short
    send(Buffer.from([10, 0xff, 0xff, 0xff, 0xff, 1, 2, 3])); // encrypt frame of 4 GiB
    send(Buffer.from([8, 0x81, 0xaa, ...Buffer.from('UserMsgLen'), 0xce, 0xff, 0xff, 0xff, 0xff])); // user message of 4 GiB
    const silent = send(Buffer.alloc(0), false);
    await new Promise<void>((resolve) => silent.once('close', () => resolve()));
    await waitFor(() => totalDrops(node.stats().transport.streamsDropped) >= 5, { message: '5 streams dropped' });
    assert.ok((node.stats().transport.streamsDropped.timeout ?? 0) >= 1, JSON.stringify(node.stats().transport.streamsDropped));
    const other = await set.start('other');
    assert.equal(await other.join([seedOf(node)]), 1);
    await waitFor(() => memberNames(node).join() === 'other,victim', { message: 'join still works' });
  });

  it('answers an undecodable stream with an errMsg naming the problem, like Go', async () => {
    const node = await set.start('victim', { compress: false });
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const parts: Buffer[] = [];
      const s = net.connect(node.port, '127.0.0.1', () => s.end(Buffer.from([0xc8, 1, 2, 3])));
      sockets.push(s);
      s.on('data', (d) => parts.push(d));
      s.on('end', () => resolve(Buffer.concat(parts)));
      s.on('error', reject);
    });
    const msg = decodeMessage(reply);
    assert.equal(msg.type, 'err');
    assert.match(msg.type === 'err' ? msg.error : '', /200|type/i);
  });
});
