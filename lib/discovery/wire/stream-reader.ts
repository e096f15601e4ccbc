/**
 * TCP stream messages, receiving side (docs/gossip-wire-format.md#tcp-streams "readStream"): feed socket chunks,
 * get back one complete decoded message.
 *
 *   const reader = new StreamMessageReader({ isAcceptor: true, label, keyring });
 *   socket.on('data', (chunk) => { const r = reader.push(chunk); if (r) handle(r.message); });
 *   socket.on('end', () => reader.end());   // throws TRUNCATED if a message was cut off
 *
 * Order: optional label header (acceptor only) → encrypt frame (10) → decrypt, restart on the
 * plaintext → compress (9) → decompress, restart → ping (0) / ack (2) / pushPull (6) / user (8) /
 * err (13). Every declared size is checked against a cap before anything is buffered for it, so a
 * header claiming 4 GiB fails at once with TOO_LARGE. Errors are WireDecodeError; after one, the
 * reader stays failed (the driver answers with an errMsg and closes, docs/gossip-wire-format.md#tcp-streams).
 */
import { readCompressed } from './compress';
import { decryptPayload } from './encryption';
import { WireDecodeError } from './errors';
import type { Keyring } from './keyring';
import { labelBytes, splitLabelHeader } from './label';
import { CodecOptions, PushPullHeader, decodeBody, readPushNodeState, readPushPullHeader, readUserMsgLen } from './message-codec';
import { MessageType, PushNodeState, PushPullMessage, StreamMessage } from './messages';
import { MsgpackReader } from './msgpack-reader';

const MiB = 1024 * 1024;

export interface StreamLimits {
  /** Encrypted frame length (Go's maxPushStateBytes). Default 20 MiB. */
  maxFrameBytes: number;
  /** Node states in one push/pull (memberlist v0.6.0). Default 1 048 576. */
  maxNodes: number;
  /** Raw delegate state of a push/pull. Default 20 MiB. */
  maxUserStateBytes: number;
  /** Payload of a TCP user message. Default 20 MiB. */
  maxUserMsgBytes: number;
  /** Output of a compress message. Default 20 MiB. */
  maxDecompressedBytes: number;
  /** Everything buffered for one message (plain streams). Default 64 MiB. */
  maxMessageBytes: number;
}

export const DEFAULT_STREAM_LIMITS: Readonly<StreamLimits> = Object.freeze({
  maxFrameBytes: 20 * MiB,
  maxNodes: 1 << 20,
  maxUserStateBytes: 20 * MiB,
  maxUserMsgBytes: 20 * MiB,
  maxDecompressedBytes: 20 * MiB,
  maxMessageBytes: 64 * MiB,
});

export interface StreamReaderOptions extends CodecOptions {
  /** true on the accepting side: the stream may begin with a label header (docs/gossip-wire-format.md#labels). */
  isAcceptor: boolean;
  /** Our configured label ('' / undefined = none). */
  label?: string;
  /** Expect encrypted streams; decrypt with every key. */
  keyring?: Keyring;
  /** With a keyring: refuse plaintext streams (GossipVerifyIncoming, default true). */
  verifyIncoming?: boolean;
  /** Labels were stripped by an outer layer: take ours, refuse a header. */
  skipInboundLabelCheck?: boolean;
  limits?: Partial<StreamLimits>;
}

export interface StreamReadResult {
  message: StreamMessage;
  /** The stream carried an encrypt frame. */
  encrypted: boolean;
  /** The message was LZW-compressed. */
  compressed: boolean;
  /** The label in effect for this connection (the header's, or ours on the dialing side). */
  label: string;
}

/** Resumable progress through a plain (uncompressed, unencrypted) push/pull on the live buffer. */
interface PushPullProgress {
  header: PushPullHeader;
  nodes: PushNodeState[];
  pos: number;
}

export class StreamMessageReader {
  private readonly limits: StreamLimits;
  private buf = new Uint8Array(0);
  private len = 0;
  /** Don't re-parse until this many bytes are buffered (from the last TRUNCATED). */
  private needed = 1;
  private label: string | undefined;
  private start = 0;
  private progress: PushPullProgress | undefined;
  private failure: WireDecodeError | undefined;
  private result: StreamReadResult | undefined;

  constructor(private readonly opts: StreamReaderOptions) {
    this.limits = { ...DEFAULT_STREAM_LIMITS, ...(opts.limits ?? {}) };
  }

  /** Bytes received so far. */
  get bufferedBytes(): number {
    return this.len;
  }

  /** True once a message was returned. */
  get done(): boolean {
    return this.result !== undefined;
  }

  /** Adds bytes; returns the message once complete (exactly once), else undefined. */
  push(chunk: Uint8Array): StreamReadResult | undefined {
    if (this.failure) throw this.failure;
    if (this.result) return undefined;
    this.append(chunk);
    if (this.len < this.needed) return undefined;
    try {
      const r = this.tryParse();
      if (r) this.result = r;
      return r;
    } catch (e) {
      this.failure = e instanceof WireDecodeError ? e : new WireDecodeError('BAD_VALUE', `undecodable stream: ${String(e)}`);
      throw this.failure;
    }
  }

  /** The peer closed its side: throws TRUNCATED unless a whole message was read. */
  end(): void {
    if (this.failure) throw this.failure;
    if (this.result) return;
    this.failure = new WireDecodeError(
      'TRUNCATED',
      this.len === 0 ? 'stream closed before a message' : `stream closed after ${this.len} bytes of an incomplete message`,
    );
    throw this.failure;
  }

  private maxBuffered(): number {
    return 257 + 5 + Math.max(this.limits.maxFrameBytes, this.limits.maxMessageBytes);
  }

  private append(chunk: Uint8Array): void {
    if (this.len + chunk.length > this.maxBuffered()) {
      throw (this.failure = new WireDecodeError('TOO_LARGE', `stream message exceeds ${this.maxBuffered()} bytes`));
    }
    if (this.len + chunk.length > this.buf.length) {
      const next = new Uint8Array(Math.max(this.len + chunk.length, this.buf.length * 2, 4096));
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
  }

  /** Runs `fn` on the live buffer; a TRUNCATED means "wait for more" (or TOO_LARGE beyond the caps). */
  private live<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof WireDecodeError) || e.code !== 'TRUNCATED' || e.needed === undefined) throw e;
      if (e.needed > this.maxBuffered()) {
        throw new WireDecodeError('TOO_LARGE', `stream declares ${e.needed} bytes, above the cap`);
      }
      this.needed = Math.max(e.needed, this.len + 1);
      return undefined;
    }
  }

  private tryParse(): StreamReadResult | undefined {
    const view = this.buf.subarray(0, this.len);
    if (this.label === undefined) {
      const configured = this.opts.label ?? '';
      if (!this.opts.isAcceptor) {
        this.label = configured;
      } else {
        const split = this.live(() => splitLabelHeader(view));
        if (split === undefined) return undefined;
        let label = split.label;
        if (this.opts.skipInboundLabelCheck) {
          if (split.headerLength > 0) throw new WireDecodeError('LABEL_MISMATCH', 'unexpected double stream label header');
          label = configured;
        }
        if (label !== configured) {
          throw new WireDecodeError('LABEL_MISMATCH', `stream label '${label}' differs from ours '${configured}'`);
        }
        this.label = label;
        this.start = split.headerLength;
      }
    }
    if (this.len <= this.start) {
      this.needed = this.start + 1;
      return undefined;
    }
    const label = this.label;
    const type = this.buf[this.start];

    if (type === MessageType.encrypt) {
      if (!this.opts.keyring) {
        throw new WireDecodeError('ENCRYPTION_NOT_CONFIGURED', 'remote state is encrypted and encryption is not configured');
      }
      if (this.len < this.start + 5) {
        this.needed = this.start + 5;
        return undefined;
      }
      const frameLen = new DataView(this.buf.buffer, this.buf.byteOffset + this.start + 1, 4).getUint32(0);
      if (frameLen > this.limits.maxFrameBytes) {
        throw new WireDecodeError('TOO_LARGE', `encrypted frame of ${frameLen} bytes exceeds ${this.limits.maxFrameBytes}`);
      }
      const end = this.start + 5 + frameLen;
      if (this.len < end) {
        this.needed = end;
        return undefined;
      }
      const lb = labelBytes(label);
      const aad = new Uint8Array(5 + lb.length);
      aad.set(this.buf.subarray(this.start, this.start + 5));
      aad.set(lb, 5);
      const plain = decryptPayload(this.opts.keyring, this.buf.subarray(this.start + 5, end), aad);
      if (plain.length === 0) throw new WireDecodeError('TRUNCATED', 'decrypted stream message is empty');
      return this.parseComplete(plain, true, label);
    }
    if (this.opts.keyring && this.opts.verifyIncoming !== false) {
      throw new WireDecodeError('NOT_ENCRYPTED', 'encryption is configured but remote state is not encrypted');
    }
    if (type === MessageType.compress) {
      const inner = this.live(() => readCompressed(new MsgpackReader(view, this.start + 1), this.limits.maxDecompressedBytes));
      if (inner === undefined) return undefined;
      return this.parseComplete(inner, false, label, true);
    }
    const message = this.parseMessage(type, view, this.start + 1, true);
    return message === undefined ? undefined : { message, encrypted: false, compressed: false, label };
  }

  /** A fully buffered plaintext (decrypted or decompressed): TRUNCATED inside it is final. */
  private parseComplete(plain: Uint8Array, encrypted: boolean, label: string, compressed = false): StreamReadResult {
    let buf = plain;
    let type = buf[0];
    if (type === MessageType.compress) {
      if (compressed) throw new WireDecodeError('UNKNOWN_MESSAGE', 'compress message inside a compress message');
      buf = readCompressed(new MsgpackReader(buf, 1), this.limits.maxDecompressedBytes);
      type = buf[0];
      compressed = true;
    }
    const message = this.parseMessage(type, buf, 1, false);
    if (message === undefined) throw new WireDecodeError('TRUNCATED', 'stream message cut short');
    return { message, encrypted, compressed, label };
  }

  private parseMessage(type: number, buf: Uint8Array, pos: number, isLive: boolean): StreamMessage | undefined {
    const run = <T>(fn: () => T): T | undefined => (isLive ? this.live(fn) : fn());
    switch (type) {
      case MessageType.ping:
      case MessageType.ack:
      case MessageType.err:
        return run(() => decodeBody(type, new MsgpackReader(buf, pos), this.opts) as StreamMessage);
      case MessageType.user:
        return run(() => {
          const r = new MsgpackReader(buf, pos);
          const n = readUserMsgLen(r);
          if (n > this.limits.maxUserMsgBytes) {
            throw new WireDecodeError('TOO_LARGE', `user message of ${n} bytes exceeds ${this.limits.maxUserMsgBytes}`);
          }
          return { type: 'user' as const, payload: new Uint8Array(r.rawBytes(n)) };
        });
      case MessageType.pushPull:
        return this.parsePushPull(buf, pos, isLive);
      default:
        throw new WireDecodeError('UNKNOWN_MESSAGE', `message type ${type} is not handled on a stream`);
    }
  }

  /** Push/pull, resumable on the live buffer after the header and after each node state. */
  private parsePushPull(buf: Uint8Array, pos: number, isLive: boolean): PushPullMessage | undefined {
    const run = <T>(fn: () => T): T | undefined => (isLive ? this.live(fn) : fn());
    let p = isLive ? this.progress : undefined;
    if (p === undefined) {
      const r = new MsgpackReader(buf, pos);
      const header = run(() => readPushPullHeader(r));
      if (header === undefined) return undefined;
      if (header.nodes > this.limits.maxNodes) {
        throw new WireDecodeError('TOO_LARGE', `push/pull claims ${header.nodes} nodes (max ${this.limits.maxNodes})`);
      }
      if (header.userStateLen > this.limits.maxUserStateBytes) {
        throw new WireDecodeError('TOO_LARGE', `push/pull user state of ${header.userStateLen} bytes exceeds the cap`);
      }
      p = { header, nodes: [], pos: r.pos };
      if (isLive) this.progress = p;
    }
    const progress = p;
    while (progress.nodes.length < progress.header.nodes) {
      const r = new MsgpackReader(buf, progress.pos);
      const node = run(() => readPushNodeState(r, this.opts.addrEncoding));
      if (node === undefined) return undefined;
      progress.nodes.push(node);
      progress.pos = r.pos;
    }
    const m: PushPullMessage = { type: 'pushPull', join: progress.header.join, nodes: progress.nodes };
    if (progress.header.userStateLen > 0) {
      const r = new MsgpackReader(buf, progress.pos);
      const state = run(() => r.rawBytes(progress.header.userStateLen));
      if (state === undefined) return undefined;
      m.userState = new Uint8Array(state);
    }
    return m;
  }
}
