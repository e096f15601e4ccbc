/**
 * What the transport and the driver saw: received/sent packets and streams, and every drop by reason.
 * Garbage from the network is never fatal — it is dropped and counted here (common rules: "dropped and
 * counted"), which is how tests and operators can see it.
 */

export interface TransportStats {
  packetsReceived: number;
  packetsSent: number;
  bytesReceived: number;
  bytesSent: number;
  /** reason code (e.g. 'decode', 'label', 'decrypt', 'crc', 'too-large') → count */
  packetsDropped: Record<string, number>;
  /** Messages inside compound packets that were dropped while the rest of the packet was used, by reason code. */
  messagesDropped: Record<string, number>;
  sendErrors: number;
  streamsAccepted: number;
  streamsDialed: number;
  /** reason code (e.g. 'timeout', 'decode', 'too-many', 'unexpected-type') → count */
  streamsDropped: Record<string, number>;
}

export class TransportCounters {
  private readonly stats: TransportStats = {
    packetsReceived: 0,
    packetsSent: 0,
    bytesReceived: 0,
    bytesSent: 0,
    packetsDropped: {},
    messagesDropped: {},
    sendErrors: 0,
    streamsAccepted: 0,
    streamsDialed: 0,
    streamsDropped: {},
  };

  packetReceived(bytes: number): void {
    this.stats.packetsReceived++;
    this.stats.bytesReceived += bytes;
  }

  packetSent(bytes: number): void {
    this.stats.packetsSent++;
    this.stats.bytesSent += bytes;
  }

  sendError(): void {
    this.stats.sendErrors++;
  }

  dropPacket(reason: string): void {
    this.stats.packetsDropped[reason] = (this.stats.packetsDropped[reason] ?? 0) + 1;
  }

  dropMessage(reason: string): void {
    this.stats.messagesDropped[reason] = (this.stats.messagesDropped[reason] ?? 0) + 1;
  }

  streamAccepted(): void {
    this.stats.streamsAccepted++;
  }

  streamDialed(): void {
    this.stats.streamsDialed++;
  }

  dropStream(reason: string): void {
    this.stats.streamsDropped[reason] = (this.stats.streamsDropped[reason] ?? 0) + 1;
  }

  /** A copy: callers may keep it and compare with a later one. */
  snapshot(): TransportStats {
    return {
      ...this.stats,
      packetsDropped: { ...this.stats.packetsDropped },
      messagesDropped: { ...this.stats.messagesDropped },
      streamsDropped: { ...this.stats.streamsDropped },
    };
  }
}

/** Sum of all drop reasons in a record. */
export function totalDrops(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}
