/** memberlist's three default configurations (docs/gossip-wire-format.md#default-profiles) and option resolution. */
import { InvalidGossipOptionError, MetaTooLargeError } from './errors';
import type { SwimOptions, SwimProfile } from './types';
import type { NodeAddress, PacketMessage, VersionVector } from '../wire/messages';
import { encodedSize } from '../wire/message-codec';

/** memberlist MetaMaxSize (docs/gossip-wire-format.md#versions-and-metadata). */
export const META_MAX_SIZE = 512;

export interface ProfileDefaults {
  probeInterval: number;
  probeTimeout: number;
  indirectChecks: number;
  suspicionMult: number;
  suspicionMaxTimeoutMult: number;
  retransmitMult: number;
  gossipNodes: number;
  gossipInterval: number;
  gossipToTheDead: number;
  pushPullInterval: number;
  deadNodeReclaim: number;
  awarenessMax: number;
  udpBufferSize: number;
}

const lan: ProfileDefaults = {
  probeInterval: 1000,
  probeTimeout: 500,
  indirectChecks: 3,
  suspicionMult: 4,
  suspicionMaxTimeoutMult: 6,
  retransmitMult: 4,
  gossipNodes: 3,
  gossipInterval: 200,
  gossipToTheDead: 30_000,
  pushPullInterval: 30_000,
  deadNodeReclaim: 0,
  awarenessMax: 8,
  udpBufferSize: 1400,
};

/** DefaultLANConfig / DefaultWANConfig / DefaultLocalConfig (docs/gossip-wire-format.md#default-profiles). */
export const PROFILE_DEFAULTS: Readonly<Record<SwimProfile, Readonly<ProfileDefaults>>> = {
  lan,
  wan: {
    ...lan,
    probeInterval: 5000,
    probeTimeout: 3000,
    suspicionMult: 6,
    gossipNodes: 4,
    gossipInterval: 500,
    gossipToTheDead: 60_000,
    pushPullInterval: 60_000,
  },
  local: {
    ...lan,
    probeTimeout: 200,
    indirectChecks: 1,
    suspicionMult: 3,
    retransmitMult: 2,
    gossipInterval: 100,
    gossipToTheDead: 15_000,
    pushPullInterval: 15_000,
  },
};

/** Options with every default filled in. */
export interface ResolvedSwimOptions extends ProfileDefaults {
  name: string;
  advertiseAddr: string;
  advertisePort: number;
  meta: Uint8Array;
  vsn: VersionVector;
  packetOverhead: number;
  tcpPings: boolean;
  rejoinInterval: number;
  rejoinMaxPeers: number;
  rejoinWindow: number;
  seeds: readonly NodeAddress[];
  lifeguard: boolean;
  random: () => number;
  sizeOf: (msg: PacketMessage) => number;
}

function checkInt(option: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidGossipOptionError(option, `expected an integer in [${min}, ${max}], got ${value}`);
  }
  return value;
}

export function resolveOptions(o: SwimOptions): ResolvedSwimOptions {
  const base = PROFILE_DEFAULTS[o.profile ?? 'lan'];
  if (!base) throw new InvalidGossipOptionError('profile', `unknown profile ${String(o.profile)}`);
  if (!o.name) throw new InvalidGossipOptionError('name', 'a node name is required');
  if (!o.advertiseAddr) throw new InvalidGossipOptionError('advertiseAddr', 'an advertise address is required');
  const meta = o.meta ?? new Uint8Array(0);
  if (meta.length > META_MAX_SIZE) throw new MetaTooLargeError(meta.length, META_MAX_SIZE);
  const d = o.delegateVersions ?? { min: 0, max: 0, cur: 0 };
  const pick = <K extends keyof ProfileDefaults>(k: K, min: number): number => checkInt(k, o[k] ?? base[k], min);
  const gossipToTheDead = pick('gossipToTheDead', 0);
  const r: ResolvedSwimOptions = {
    name: o.name,
    advertiseAddr: o.advertiseAddr,
    advertisePort: checkInt('advertisePort', o.advertisePort, 0, 65535),
    meta,
    // Vsn = [pMin 1, pMax 5, pCur, dMin, dMax, dCur] (docs/gossip-wire-format.md#versions-and-metadata).
    vsn: [
      1,
      5,
      checkInt('protocolVersion', o.protocolVersion ?? 2, 1, 5),
      checkInt('delegateVersions.min', d.min, 0, 255),
      checkInt('delegateVersions.max', d.max, 0, 255),
      checkInt('delegateVersions.cur', d.cur, 0, 255),
    ],
    probeInterval: pick('probeInterval', 1),
    probeTimeout: pick('probeTimeout', 1),
    indirectChecks: pick('indirectChecks', 0),
    suspicionMult: pick('suspicionMult', 1),
    suspicionMaxTimeoutMult: pick('suspicionMaxTimeoutMult', 1),
    retransmitMult: pick('retransmitMult', 1),
    gossipNodes: pick('gossipNodes', 0),
    gossipInterval: pick('gossipInterval', 0),
    gossipToTheDead,
    pushPullInterval: pick('pushPullInterval', 0),
    deadNodeReclaim: pick('deadNodeReclaim', 0),
    awarenessMax: pick('awarenessMax', 1),
    udpBufferSize: pick('udpBufferSize', 64),
    packetOverhead: checkInt('packetOverhead', o.packetOverhead ?? 0, 0),
    tcpPings: o.tcpPings ?? true,
    rejoinInterval: checkInt('rejoinInterval', o.rejoinInterval ?? 10_000, 0),
    rejoinMaxPeers: checkInt('rejoinMaxPeers', o.rejoinMaxPeers ?? 3, 0),
    rejoinWindow: checkInt('rejoinWindow', o.rejoinWindow ?? 10 * gossipToTheDead, 0),
    seeds: o.seeds ?? [],
    lifeguard: o.lifeguard ?? true,
    random: o.random ?? Math.random,
    // Exact codec size by default; the simulator injects the cheaper estimateSize (size.ts, checked equal in specs).
    sizeOf: o.sizeOf ?? ((m: PacketMessage) => encodedSize(m)),
  };
  if (r.probeTimeout > r.probeInterval) {
    throw new InvalidGossipOptionError('probeTimeout', 'must not exceed probeInterval');
  }
  return r;
}
