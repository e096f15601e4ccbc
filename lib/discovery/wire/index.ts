/** The memberlist wire codec (docs/gossip-wire-format.md): messages, packets, streams, encryption. */
export * from './messages';
export { WireDecodeError, WireDecodeErrorCode, WireEncodeError, WireEncodeErrorCode } from './errors';
export { AddressEncoding, encodeAddress, decodeAddress } from './address';
export { CodecOptions, encodeMessage, decodeMessage, encodedSize } from './message-codec';
export { Keyring } from './keyring';
export { EncryptionVersion, encryptionVersionFor, encryptionOverhead, encryptedLength, encryptPayload, decryptPayload } from './encryption';
export { DEFAULT_MAX_DECOMPRESSED, lzwCompress, lzwDecompress } from './lzw';
export { crc32 } from './crc';
export { labelHeader, labelOverhead, splitLabelHeader } from './label';
export { MAX_COMPOUND_PARTS, compoundOverhead, encodeCompound, decodeCompound } from './compound';
export {
  DEFAULT_UDP_BUFFER_SIZE,
  DecodedPacket,
  PacketDecodeOptions,
  PacketEncodeOptions,
  decodePacket,
  encodePacket,
  encodePacketParts,
  estimatePacketOverhead,
  wrapPacket,
} from './packet';
export { StreamEncodeOptions, encodeStreamMessage, encodeStreamPayload, encryptStreamFrame } from './stream';
export { DEFAULT_STREAM_LIMITS, StreamLimits, StreamMessageReader, StreamReadResult, StreamReaderOptions } from './stream-reader';
