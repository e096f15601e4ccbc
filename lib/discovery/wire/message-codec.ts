/**
 * One memberlist message ↔ bytes: `[type byte][msgpack body]` (docs/gossip-wire-format.md#message-bodies).
 *
 * Encoding copies Go byte for byte: a map keyed by the Go field names in alphabetical order, the
 * raw-string family for strings and byte fields, c0 for nil byte fields, omitempty fields left out,
 * Vsn as 6 raw bytes. Decoding is tolerant like go-msgpack (any key order, unknown keys skipped,
 * missing keys → zero values) but strict about what would corrupt state: Vsn must be exactly 6 bytes
 * (docs/gossip-wire-format.md#versions-and-metadata), addresses 4 or 16 bytes, unsigned fields in range.
 *
 * Forms: `user` here is the UDP form (type 8 + raw payload, docs/gossip-wire-format.md#user-messages); the TCP form with its
 * `userMsgHeader` is written by stream.ts. `pushPull` is the whole TCP message (header + node states
 * + raw user state, docs/gossip-wire-format.md#push-pull). compound/compress/hasCrc/encrypt/label are packet/stream layers, not
 * messages: decodeMessage refuses them with UNKNOWN_MESSAGE (decodePacket handles them).
 */
export { CodecOptions } from './address';
export { encodeMessage, encodedSize, writePushNodeState } from './message-encoder';
export {
  PushPullHeader,
  decodeBody,
  decodeMessage,
  readPushNodeState,
  readPushPullHeader,
  readStruct,
  readUserMsgLen,
} from './message-decoder';
