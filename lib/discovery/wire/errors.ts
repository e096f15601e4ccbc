/**
 * Typed codec errors with registered codes. Anything malformed that arrives from the network becomes a
 * WireDecodeError (never another exception), so the driver can drop and count it (garbage
 * packets are dropped and counted, never fatal). Encoding problems (a bad address text, a part too long for a
 * compound) are programming errors of the caller and raise WireEncodeError.
 */

import { DoudouError, defineErrorCodes, type CodeOf } from '../../errors';

// the formats these codes refer to (CRC, encryption, labels, compression): docs/gossip-wire-format.md
export const WireDecodeErrorCodes = defineErrorCodes('wire', 'WireDecodeError', {
  TRUNCATED: { meaning: 'The input ends before a declared length or value.' },
  BAD_TYPE: { meaning: 'A msgpack value of the wrong family for a field (e.g. a map where a string is expected).' },
  BAD_VALUE: { meaning: 'A well-formed value outside its domain (negative into unsigned, Vsn not 6 bytes, bad address length).' },
  TOO_LARGE: { meaning: 'A declared size above a cap (frame, node count, user state, decompressed output).' },
  TOO_DEEP: { meaning: 'msgpack nesting or packet layering deeper than the bound.' },
  BAD_CRC: { meaning: 'The CRC-32 of a hasCrc (12) packet does not match.' },
  DECRYPT_FAILED: { meaning: 'No installed key authenticates the payload, or its padding or length is wrong.' },
  UNSUPPORTED_ENCRYPTION_VERSION: { meaning: 'An encryption version byte above 1.' },
  NOT_ENCRYPTED: { meaning: 'Encryption is configured and incoming traffic is verified, but the packet or stream is plaintext.' },
  ENCRYPTION_NOT_CONFIGURED: { meaning: 'The stream is encrypted but this node has no keyring.' },
  LABEL_MISMATCH: { meaning: 'The label header is present, absent or different from the configured label.' },
  BAD_LABEL: { meaning: 'A label header that is itself malformed (length 0, cut short).' },
  UNKNOWN_MESSAGE: { meaning: 'A message type byte this codec does not handle in that place.' },
  BAD_WEIGHT_MESSAGE: { meaning: 'A go-doudou weight message (type 14) whose fields do not decode or that names no node.' },
  BAD_COMPRESSION: { meaning: 'A compress message with an unknown algorithm or a broken LZW stream.' },
});

export type WireDecodeErrorCode = CodeOf<typeof WireDecodeErrorCodes>;

export class WireDecodeError extends DoudouError<WireDecodeErrorCode> {
  /** For TRUNCATED while streaming: absolute byte count the input must reach before a retry can succeed. */
  readonly needed?: number;

  constructor(code: WireDecodeErrorCode, message: string, options?: ErrorOptions & { needed?: number }) {
    super(code, message, options);
    this.needed = options?.needed;
  }
}

export const WireEncodeErrorCodes = defineErrorCodes('wire', 'WireEncodeError', {
  BAD_ADDRESS: { meaning: 'An address text that is not an IPv4 or IPv6 address.' },
  BAD_VALUE: { meaning: 'A value that does not fit its field (not an integer, out of range, a Vsn not of 6 bytes, an unknown state).' },
  TOO_LARGE: { meaning: 'A part too long for its length prefix (a compound part over 65535 bytes, a msgpack byte string over 4 GiB).' },
  BAD_LABEL: { meaning: 'A label longer than 255 bytes.' },
  BAD_KEY: {
    meaning: 'A keyring mistake: a key not of 16, 24 or 32 bytes or not base64, no key, using a key not installed, removing the primary.',
  },
});

export type WireEncodeErrorCode = CodeOf<typeof WireEncodeErrorCodes>;

export class WireEncodeError extends DoudouError<WireEncodeErrorCode> {}
