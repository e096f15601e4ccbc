/**
 * The driver's view of the wire codec (lib/discovery/wire): whole UDP packets and TCP stream messages with
 * the node's keyring, label and compression applied in Go's order (docs/gossip-wire-format.md#udp-packets, docs/gossip-wire-format.md#tcp-streams).
 */
import type { PacketMessage, StreamMessage } from '../wire/messages';
import { encodedSize } from '../wire/message-codec';
import type { AddressEncoding } from '../wire/address';
import { Keyring } from '../wire/keyring';
import { decodePacket, DecodedPacket, encodePacket, estimatePacketOverhead } from '../wire/packet';
import { encodeStreamMessage } from '../wire/stream';
import { StreamMessageReader } from '../wire/stream-reader';
import { WireDecodeError } from '../wire/errors';
import type { IncrementalDecoder } from './stream-io';

export interface CodecSettings {
  keys: Uint8Array[];
  label: string;
  compress: boolean;
  protocolVersion: number;
  /** 'text' for go-doudou's memberlist fork (docs/gossip-wire-format.md#the-go-doudou-fork). Default 'ip-bytes'. */
  addrEncoding?: AddressEncoding;
}

export class GossipCodec {
  private readonly keyring?: Keyring;
  private readonly label?: string;

  constructor(readonly settings: CodecSettings) {
    if (settings.keys.length) {
      // The first key is primary (encrypts); every key decrypts (docs/gossip-wire-format.md#encryption).
      this.keyring = new Keyring(settings.keys);
    }
    this.label = settings.label || undefined;
  }

  /** Bytes every packet loses to label + encryption framing (docs/gossip-wire-format.md#sizes-and-limits). */
  get packetOverhead(): number {
    return estimatePacketOverhead({ label: this.label, keyring: this.keyring, protocolVersion: this.settings.protocolVersion });
  }

  sizeOf(msg: PacketMessage): number {
    return encodedSize(msg, { addrEncoding: this.settings.addrEncoding });
  }

  /** Datagrams for these messages: one bare or compound(s); compressed if smaller; CRC; encrypted; labelled. */
  encodePacket(messages: readonly PacketMessage[], crc: boolean): Uint8Array[] {
    return encodePacket(messages, {
      crc,
      compress: this.settings.compress,
      label: this.label,
      keyring: this.keyring,
      protocolVersion: this.settings.protocolVersion,
      addrEncoding: this.settings.addrEncoding,
    });
  }

  /** Every message in a datagram. Throws WireDecodeError when the whole packet must be dropped. */
  decodePacket(data: Uint8Array): DecodedPacket {
    return decodePacket(data, { label: this.label, keyring: this.keyring, addrEncoding: this.settings.addrEncoding });
  }

  /** A stream message ready to write; `dialer` = we opened the connection (label header goes first, docs/gossip-wire-format.md#tcp-streams). */
  encodeStream(msg: StreamMessage, dialer: boolean): Uint8Array {
    return encodeStreamMessage(msg, {
      isDialer: dialer,
      compress: this.settings.compress,
      label: this.label,
      keyring: this.keyring,
      protocolVersion: this.settings.protocolVersion,
      addrEncoding: this.settings.addrEncoding,
    });
  }

  /** Decoder for one stream message; `acceptor` = we accepted the connection (a label header may lead). */
  streamDecoder(acceptor: boolean): IncrementalDecoder<StreamMessage> {
    const reader = new StreamMessageReader({
      isAcceptor: acceptor,
      label: this.label,
      keyring: this.keyring,
      addrEncoding: this.settings.addrEncoding,
    });
    return {
      push: (chunk) => reader.push(chunk)?.message,
      finish: () => {
        reader.end();
        return undefined;
      },
    };
  }
}

export { WireDecodeError };
