export { NetTransport, NetTransportOptions, PacketSource, DEFAULT_MAX_INBOUND_STREAMS, UDP_RECEIVE_BUFFER } from './net-transport';
export { StreamConn, normalizeAddress } from './stream-conn';
export { TransportCounters, TransportStats, totalDrops } from './counters';
export { TransportError, TransportErrorCodes, TransportErrorCode } from './errors';
