/**
 * TCP stream messages, sending side (docs/gossip-wire-format.md#tcp-streams): the message (user in its TCP form,
 * `[8]{UserMsgLen}` + payload, docs/gossip-wire-format.md#user-messages) → compress ALWAYS when enabled (unlike UDP) → encrypt frame
 * `[10][u32 BE length][version][nonce][ciphertext][tag]` with AAD = those 5 header bytes + label
 * (docs/gossip-wire-format.md#stream-encryption-frame) → label header in front only from the dialer, once per connection (docs/gossip-wire-format.md#labels).
 */
import { encodeCompress } from './compress';
import { encryptPayload, encryptedLength, encryptionVersionFor } from './encryption';
import type { Keyring } from './keyring';
import { labelBytes, labelHeader } from './label';
import { CodecOptions, encodeMessage } from './message-codec';
import { MessageType, StreamMessage } from './messages';
import { MsgpackWriter, writeKey } from './msgpack-writer';

export interface StreamEncodeOptions extends CodecOptions {
  /** EnableCompression: wrap every stream message in LZW (Go does, even when larger). Default false. */
  compress?: boolean;
  /** Encrypt with the primary key (GossipVerifyOutgoing). Default none. */
  keyring?: Keyring;
  /** Cluster label: authenticated in the AAD and, from the dialer, sent as header. Default none. */
  label?: string;
  /** true on the side that dialed: prepend the label header (write it only with the first message). */
  isDialer: boolean;
  /** Our speaking protocol version (1 → encryption v0). Default 2. */
  protocolVersion?: number;
}

/** The plain stream form of a message: user gets its userMsgHeader (docs/gossip-wire-format.md#user-messages); the rest as encodeMessage. */
export function encodeStreamPayload(msg: StreamMessage, opts: CodecOptions = {}): Uint8Array {
  if (msg.type !== 'user') return encodeMessage(msg, opts);
  const w = new MsgpackWriter(msg.payload.length + 16);
  w.byte(MessageType.user).mapHeader(1);
  writeKey(w, 'UserMsgLen');
  w.int(msg.payload.length);
  w.bytes(msg.payload);
  return w.finish();
}

/** Wraps an encrypt frame around `plain` (docs/gossip-wire-format.md#stream-encryption-frame). */
export function encryptStreamFrame(plain: Uint8Array, keyring: Keyring, label: string | undefined, protocolVersion?: number): Uint8Array {
  const version = encryptionVersionFor(protocolVersion);
  const header = new Uint8Array(5);
  header[0] = MessageType.encrypt;
  new DataView(header.buffer).setUint32(1, encryptedLength(version, plain.length));
  const lb = labelBytes(label);
  const aad = new Uint8Array(5 + lb.length);
  aad.set(header);
  aad.set(lb, 5);
  const payload = encryptPayload(version, keyring.primaryKey(), plain, aad);
  const out = new Uint8Array(5 + payload.length);
  out.set(header);
  out.set(payload, 5);
  return out;
}

/** The bytes to write for one stream message, layers applied in Go's order. */
export function encodeStreamMessage(msg: StreamMessage, opts: StreamEncodeOptions): Uint8Array {
  let buf = encodeStreamPayload(msg, opts);
  if (opts.compress) buf = encodeCompress(buf);
  if (opts.keyring) buf = encryptStreamFrame(buf, opts.keyring, opts.label, opts.protocolVersion);
  if (opts.isDialer) {
    const header = labelHeader(opts.label);
    if (header.length > 0) {
      const out = new Uint8Array(header.length + buf.length);
      out.set(header);
      out.set(buf, header.length);
      buf = out;
    }
  }
  return buf;
}
