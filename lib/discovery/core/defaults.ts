/**
 * The core's options resolved against the one gossip options table (lib/config/gossip-options.ts): the
 * profile's timings and the common defaults, each value checked by its rule. A GossipNode hands its already
 * resolved options through unchanged (same names); the simulator and the specs rely on the defaults here.
 */
import {
  DEFAULT_GOSSIP_PROFILE,
  GOSSIP_DEFAULTS,
  GOSSIP_PROFILES,
  GOSSIP_RULES,
  META_MAX_SIZE,
  TIMING_OPTIONS,
  type GossipRuleName,
  type GossipTimings,
} from '../../config/gossip-options';
import { InvalidGossipOptionError, MetaTooLargeError } from './errors';
import type { SwimOptions } from './types';
import type { NodeAddress, PacketMessage, VersionVector } from '../wire/messages';
import { encodedSize } from '../wire/message-codec';

export { META_MAX_SIZE };

/** Options with every default filled in. */
export interface ResolvedSwimOptions extends GossipTimings {
  name: string;
  advertiseAddr: string;
  advertisePort: number;
  meta: Uint8Array;
  vsn: VersionVector;
  awarenessMaxMultiplier: number;
  udpBufferSize: number;
  packetOverhead: number;
  tcpPings: boolean;
  rejoinIntervalMs: number;
  rejoinMaxPeers: number;
  rejoinWindowMs: number;
  seeds: readonly NodeAddress[];
  lifeguard: boolean;
  random: () => number;
  sizeOf: (msg: PacketMessage) => number;
}

/** Throws InvalidGossipOptionError naming the option when its rule refuses the value. */
export function checkGossipOption<K extends GossipRuleName>(option: K, value: Parameters<(typeof GOSSIP_RULES)[K]>[0]): void {
  const expected = (GOSSIP_RULES[option] as (v: typeof value) => string | undefined)(value);
  if (expected !== undefined) throw new InvalidGossipOptionError(option, expected, value);
}

export function resolveOptions(o: SwimOptions): ResolvedSwimOptions {
  const profile = o.profile ?? DEFAULT_GOSSIP_PROFILE;
  checkGossipOption('profile', profile);
  checkGossipOption('name', o.name ?? '');
  if (!o.advertiseAddr)
    throw new InvalidGossipOptionError('advertiseAddr', 'expected the address other nodes reach this one at', o.advertiseAddr);
  const meta = o.meta ?? new Uint8Array(0);
  if (meta.length > META_MAX_SIZE) throw new MetaTooLargeError(meta.length, META_MAX_SIZE);
  const timings = { ...GOSSIP_PROFILES[profile] } as { -readonly [K in keyof GossipTimings]: number };
  for (const key of TIMING_OPTIONS) {
    timings[key] = o[key] ?? timings[key];
    checkGossipOption(key, timings[key]);
  }
  const d = o.delegateVersion ?? GOSSIP_DEFAULTS.delegateVersion;
  checkGossipOption('delegateVersion', d);
  const protocolVersion = o.protocolVersion ?? GOSSIP_DEFAULTS.protocolVersion;
  checkGossipOption('protocolVersion', protocolVersion);
  const awarenessMaxMultiplier = o.awarenessMaxMultiplier ?? GOSSIP_DEFAULTS.awarenessMaxMultiplier;
  checkGossipOption('awarenessMaxMultiplier', awarenessMaxMultiplier);
  const udpBufferSize = o.udpBufferSize ?? GOSSIP_DEFAULTS.udpBufferSize;
  checkGossipOption('udpBufferSize', udpBufferSize);
  const rejoinIntervalMs = o.rejoinIntervalMs ?? GOSSIP_DEFAULTS.rejoinIntervalMs;
  checkGossipOption('rejoinIntervalMs', rejoinIntervalMs);
  const rejoinMaxPeers = o.rejoinMaxPeers ?? GOSSIP_DEFAULTS.rejoinMaxPeers;
  checkGossipOption('rejoinMaxPeers', rejoinMaxPeers);
  const rejoinWindowMs = o.rejoinWindowMs ?? GOSSIP_DEFAULTS.rejoinWindowDeadTimeouts * timings.deadTimeoutMs;
  checkGossipOption('rejoinWindowMs', rejoinWindowMs);
  const packetOverhead = o.packetOverhead ?? GOSSIP_DEFAULTS.packetOverhead;
  checkGossipOption('packetOverhead', packetOverhead);
  // Port 0 is legal here: the simulator and specs address nodes that never bind a socket.
  if (!Number.isInteger(o.advertisePort) || o.advertisePort < 0 || o.advertisePort > 65_535) {
    throw new InvalidGossipOptionError('advertisePort', 'expected a port 0–65535', o.advertisePort);
  }
  return {
    ...timings,
    name: o.name,
    advertiseAddr: o.advertiseAddr,
    advertisePort: o.advertisePort,
    meta,
    // Vsn = [pMin 1, pMax 5, pCur, dMin, dMax, dCur] (docs/gossip-wire-format.md#versions-and-metadata).
    vsn: [1, 5, protocolVersion, d.min, d.max, d.cur],
    awarenessMaxMultiplier,
    udpBufferSize,
    packetOverhead,
    tcpPings: o.tcpPings ?? GOSSIP_DEFAULTS.tcpPings,
    rejoinIntervalMs,
    rejoinMaxPeers,
    rejoinWindowMs,
    seeds: o.seeds ?? [],
    lifeguard: o.lifeguard ?? GOSSIP_DEFAULTS.lifeguard,
    random: o.random ?? Math.random,
    // Exact codec size by default; the simulator injects the cheaper estimateSize (size.ts, checked equal in specs).
    sizeOf: o.sizeOf ?? ((m: PacketMessage) => encodedSize(m)),
  };
}
