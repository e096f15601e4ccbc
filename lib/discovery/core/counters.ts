/** The zero value of a node's protocol counters (exposed through GossipNode.stats()). */
import type { SwimCounters } from './types';

export function emptySwimCounters(): SwimCounters {
  return {
    packetsSent: 0,
    messagesSent: 0,
    probes: 0,
    probesFailed: 0,
    indirectPingsRelayed: 0,
    nacksSent: 0,
    refutations: 0,
    suspicions: 0,
    deathsDeclared: 0,
    pushPulls: 0,
    rejoinAttempts: 0,
    messagesDropped: 0,
    weightsApplied: 0,
    weightsIgnored: 0,
  };
}
