/**
 * Typed codec errors with stable codes. Anything malformed that arrives from the network becomes a
 * WireDecodeError (never another exception), so the driver can drop and count it (garbage
 * packets are dropped and counted, never fatal). Encoding problems (a bad address text, a part too long for a
 * compound) are programming errors of the caller and raise WireEncodeError.
 */

export type WireDecodeErrorCode =
  /** The buffer ends before a declared length / value. */
  | 'TRUNCATED'
  /** A msgpack value of the wrong family for a field (e.g. a map where a string is expected). */
  | 'BAD_TYPE'
  /** A well-formed value outside its domain (negative into unsigned, Vsn not 6 bytes, bad address length). */
  | 'BAD_VALUE'
  /** A declared size above a cap (frame, node count, user state, decompressed output). */
  | 'TOO_LARGE'
  /** msgpack nesting or packet layering deeper than the bound. */
  | 'TOO_DEEP'
  /** hasCrc (12) checksum mismatch (docs/gossip-wire-format.md#crc). */
  | 'BAD_CRC'
  /** No installed key authenticates the payload, or bad padding / too short (docs/gossip-wire-format.md#encryption). */
  | 'DECRYPT_FAILED'
  /** Encryption version byte > 1 (docs/gossip-wire-format.md#encryption). */
  | 'UNSUPPORTED_ENCRYPTION_VERSION'
  /** Encryption is configured (verify incoming) but the stream/packet is plaintext (docs/gossip-wire-format.md#tcp-streams). */
  | 'NOT_ENCRYPTED'
  /** The stream is encrypted but no keyring is configured (docs/gossip-wire-format.md#tcp-streams). */
  | 'ENCRYPTION_NOT_CONFIGURED'
  /** Label header present/absent/different from the configured label (docs/gossip-wire-format.md#labels). */
  | 'LABEL_MISMATCH'
  /** A label header that is itself malformed (length 0, cut short). */
  | 'BAD_LABEL'
  /** A message type byte this codec does not handle in that place. */
  | 'UNKNOWN_MESSAGE'
  /** A go-doudou weight message (type 14) whose fields do not decode or that names no node. */
  | 'BAD_WEIGHT_MESSAGE'
  /** Compress message with an unknown algorithm or a broken LZW stream (docs/gossip-wire-format.md#compression-lzw). */
  | 'BAD_COMPRESSION';

export class WireDecodeError extends Error {
  constructor(
    readonly code: WireDecodeErrorCode,
    message: string,
    /** For TRUNCATED while streaming: absolute byte count the input must reach before a retry can succeed. */
    readonly needed?: number,
  ) {
    super(message);
    this.name = 'WireDecodeError';
  }
}

export type WireEncodeErrorCode = 'BAD_ADDRESS' | 'BAD_VALUE' | 'TOO_LARGE' | 'BAD_LABEL' | 'BAD_KEY';

export class WireEncodeError extends Error {
  constructor(
    readonly code: WireEncodeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WireEncodeError';
  }
}
