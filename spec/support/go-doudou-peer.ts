/**
 * A FAKE go-doudou v2 registry node for end-to-end specs: go-doudou itself cannot be built on this machine
 * (its memberlist fork and dependencies are not packaged), so this peer speaks the fork's wire behaviour from
 * the captured bytes (spec/fixtures/captures/go-doudou-v2.json) on real sockets: text addresses, the captured
 * NodeMeta as its meta, push/pull over TCP, acks to pings, and type-14 weight messages on demand. It is not a
 * memberlist implementation: it does not probe, gossip or track members.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { encodeMessage } from '../../lib/discovery/wire/message-codec';
import type { PushNodeState, PushPullMessage, WeightMessage } from '../../lib/discovery/wire/messages';
import { decodePacket, encodePacket } from '../../lib/discovery/wire/packet';
import { encodeStreamMessage } from '../../lib/discovery/wire/stream';
import { StreamMessageReader } from '../../lib/discovery/wire/stream-reader';
import { freePort } from './free-port';
import { exchangeStream } from './stream-exchange';

const TEXT = { addrEncoding: 'text' as const };
/** What go-doudou v2 nodes advertise: protocol 1–5 speaking 2, delegate versions 0. */
const VSN = [1, 5, 2, 0, 0, 0] as const;

export class GoDoudouPeer {
  private readonly udp: dgram.Socket;
  private readonly tcp: net.Server;
  readonly incarnation = 2;
  pingsAnswered = 0;

  private constructor(
    readonly name: string,
    readonly port: number,
    readonly meta: Uint8Array,
    udp: dgram.Socket,
    tcp: net.Server,
  ) {
    this.udp = udp;
    this.tcp = tcp;
  }

  static async start(name: string, meta: Uint8Array): Promise<GoDoudouPeer> {
    const port = await freePort();
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(port, '127.0.0.1', () => resolve()));
    const tcp = net.createServer();
    await new Promise<void>((resolve) => tcp.listen(port, '127.0.0.1', () => resolve()));
    const peer = new GoDoudouPeer(name, port, meta, udp, tcp);
    udp.on('message', (buf) => peer.onPacket(buf));
    tcp.on('connection', (socket) => peer.onStream(socket));
    return peer;
  }

  private get state(): PushNodeState {
    return {
      name: this.name,
      addr: '127.0.0.1',
      port: this.port,
      meta: this.meta,
      incarnation: this.incarnation,
      state: 'alive',
      vsn: VSN,
    };
  }

  /** Join through `seedPort` the way the fork does: a push/pull with Join set, our one node in it. */
  async join(seedPort: number): Promise<PushPullMessage> {
    const request: PushPullMessage = { type: 'pushPull', join: true, nodes: [this.state] };
    const r = await exchangeStream(seedPort, encodeStreamMessage(request, { compress: true, isDialer: true, ...TEXT }), TEXT);
    return r.message as PushPullMessage;
  }

  /** One UDP datagram to a node's gossip port: our weight, as the fork gossips it. */
  sendWeight(toPort: number, weight: number, weightAt: number): void {
    const m: WeightMessage = { type: 'weight', from: this.name, incarnation: this.incarnation, node: this.name, weight, weightAt };
    this.sendRaw(toPort, encodeMessage(m, TEXT));
  }

  /**
   * What a go-doudou node with dynamic weight does every GDD_MEM_WEIGHT_INTERVAL: a weight message with a new
   * WeightAt (first `startAt`, then one more millisecond each time). Returns a stop function giving the last WeightAt.
   */
  gossipWeightEvery(toPort: number, weight: number, startAt: number, everyMs: number): () => number {
    let at = startAt;
    this.sendWeight(toPort, weight, at);
    const timer = setInterval(() => this.sendWeight(toPort, weight, ++at), everyMs);
    return () => {
      clearInterval(timer);
      return at;
    };
  }

  /** Any bytes as one datagram (hostile variants). */
  sendRaw(toPort: number, bytes: Uint8Array): void {
    this.udp.send(bytes, toPort, '127.0.0.1');
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.udp.close(() => resolve()));
    await new Promise<void>((resolve) => this.tcp.close(() => resolve()));
  }

  private onPacket(buf: Buffer): void {
    let messages;
    try {
      messages = decodePacket(buf, TEXT).messages;
    } catch {
      return;
    }
    for (const m of messages) {
      if (m.type !== 'ping' || (m.node !== '' && m.node !== this.name) || !m.sourcePort) continue;
      for (const out of encodePacket([{ type: 'ack', seqNo: m.seqNo }], TEXT))
        this.udp.send(out, m.sourcePort, m.sourceAddr || '127.0.0.1');
      this.pingsAnswered++;
    }
  }

  /** Periodic push/pulls and TCP pings from the cluster: answer with our state, or an ack. */
  private onStream(socket: net.Socket): void {
    const reader = new StreamMessageReader({ isAcceptor: true, ...TEXT });
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      let r;
      try {
        r = reader.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      if (!r) return;
      const m = r.message;
      if (m.type === 'pushPull') {
        socket.end(
          encodeStreamMessage({ type: 'pushPull', join: m.join, nodes: [this.state] }, { compress: true, isDialer: false, ...TEXT }),
        );
      } else if (m.type === 'ping') {
        socket.end(encodeStreamMessage({ type: 'ack', seqNo: m.seqNo }, { compress: true, isDialer: false, ...TEXT }));
      } else {
        socket.end();
      }
    });
  }
}
