/**
 * The one table of gossip (memberlist) options: their names, their defaults — per base profile for the
 * protocol timings, common to every profile for the rest — and the rule each value must satisfy. Every layer
 * reads it: the GDD_MEM_* rows of variables.ts take their defaults and checks from here, GossipNode options
 * resolve against it (lib/discovery/node-options.ts), and so does the sans-I/O core, the simulator included
 * (lib/discovery/core/defaults.ts). A rule returns the accepted form ("expected …"); each layer puts it into
 * its own error (the config loader names the variable, the gossip node the option), so one mistake is
 * described the same way wherever it is made. Profiles: docs/gossip-wire-format.md#default-profiles.
 */
import { isIP } from 'node:net';
import type { DelegateVersion } from './types';

/** Which base configuration unset options come from: go-doudou's (memberlist WAN + 3 s reclaim) or memberlist's own. */
export type GossipProfile = 'go-doudou' | 'wan' | 'lan' | 'local';
export const GOSSIP_PROFILE_NAMES: readonly GossipProfile[] = ['go-doudou', 'wan', 'lan', 'local'];
export const DEFAULT_GOSSIP_PROFILE: GossipProfile = 'go-doudou';

/** How node addresses travel: hashicorp's 4/16 raw bytes, or go-doudou's fork's text. */
export type AddrEncoding = 'ip-bytes' | 'text';

/** The protocol timings a profile sets. Durations in milliseconds. */
export interface GossipTimings {
  readonly probeIntervalMs: number;
  readonly probeTimeoutMs: number;
  readonly indirectChecks: number;
  readonly suspicionMult: number;
  readonly suspicionMaxTimeoutMult: number;
  readonly retransmitMult: number;
  readonly gossipNodes: number;
  readonly gossipIntervalMs: number;
  /** Full state sync period; 0 disables. */
  readonly pushPullIntervalMs: number;
  /** How long dead nodes are still gossiped to and kept (memberlist GossipToTheDeadTime). */
  readonly deadTimeoutMs: number;
  /** After this, a dead node's name may come back from another address (DeadNodeReclaimTime); 0 = never. */
  readonly reclaimTimeoutMs: number;
  /** Deadline of a whole TCP exchange. */
  readonly tcpTimeoutMs: number;
}

const WAN: GossipTimings = {
  probeIntervalMs: 5000,
  probeTimeoutMs: 3000,
  indirectChecks: 3,
  suspicionMult: 6,
  suspicionMaxTimeoutMult: 6,
  retransmitMult: 4,
  gossipNodes: 4,
  gossipIntervalMs: 500,
  pushPullIntervalMs: 60_000,
  deadTimeoutMs: 60_000,
  reclaimTimeoutMs: 0,
  tcpTimeoutMs: 30_000,
};

const LAN: GossipTimings = {
  ...WAN,
  probeIntervalMs: 1000,
  probeTimeoutMs: 500,
  suspicionMult: 4,
  gossipNodes: 3,
  gossipIntervalMs: 200,
  pushPullIntervalMs: 30_000,
  deadTimeoutMs: 30_000,
  tcpTimeoutMs: 10_000,
};

/** memberlist's DefaultWANConfig / DefaultLANConfig / DefaultLocalConfig, and what go-doudou builds from WAN. */
export const GOSSIP_PROFILES: Readonly<Record<GossipProfile, GossipTimings>> = Object.freeze({
  'go-doudou': Object.freeze({ ...WAN, reclaimTimeoutMs: 3000 }),
  wan: Object.freeze(WAN),
  lan: Object.freeze(LAN),
  local: Object.freeze({
    ...LAN,
    probeTimeoutMs: 200,
    indirectChecks: 1,
    suspicionMult: 3,
    retransmitMult: 2,
    gossipIntervalMs: 100,
    pushPullIntervalMs: 15_000,
    deadTimeoutMs: 15_000,
    tcpTimeoutMs: 1000,
  }),
});

export const TIMING_OPTIONS = Object.keys(WAN) as ReadonlyArray<keyof GossipTimings>;

/** memberlist's MetaMaxSize: node metadata is at most this many bytes. */
export const META_MAX_SIZE = 512;

/** Defaults every profile shares. */
export const GOSSIP_DEFAULTS = Object.freeze({
  bindAddr: '0.0.0.0',
  /** memberlist's and go-doudou's gossip port. */
  bindPort: 7946,
  awarenessMaxMultiplier: 8,
  /** UDPBufferSize: the byte budget of a gossip packet. */
  udpBufferSize: 1400,
  compress: true,
  protocolVersion: 2,
  delegateVersion: Object.freeze({ min: 0, max: 0, cur: 0 }) as DelegateVersion,
  label: '',
  /** Healing loop memberlist lacks; 0 = off. */
  rejoinIntervalMs: 10_000,
  /** How many recently dead or reaped peers one round of the healing loop tries. */
  rejoinMaxPeers: 3,
  /** How long a dead peer stays a rejoin candidate, in deadTimeoutMs (the default rejoinWindowMs). */
  rejoinWindowDeadTimeouts: 10,
  /** Lifeguard (memberlist's awareness, nacks and suspicion confirmations); the core can turn it off. */
  lifeguard: true,
  /** Bytes a packet loses to framing below the core (label, encryption); the node sets it from its codec. */
  packetOverhead: 0,
  tcpPings: true,
  addrEncoding: 'ip-bytes' as AddrEncoding,
  /** Go accepts at most 128 concurrent inbound TCP streams. */
  maxInboundStreams: 128,
  /** How long leave() waits for the leave broadcast to spread. */
  leaveTimeoutMs: 5000,
});

/** A rule: undefined when the value is fine, else the accepted form ("expected …"). */
export type GossipRule<T> = (value: T) => string | undefined;

function integer(min: number, max: number, what = 'an integer'): GossipRule<number> {
  const range = Number.isFinite(max) ? `${min}–${max}` : `≥ ${min}`;
  return (v) => (Number.isInteger(v) && v >= min && v <= max ? undefined : `expected ${what} ${range}`);
}

function duration(min: 0 | 1): GossipRule<number> {
  const expected =
    min === 0 ? 'expected a duration ≥ 0 (0 = off), in whole milliseconds' : 'expected a duration > 0, in whole milliseconds';
  return (v) => (Number.isSafeInteger(v) && v >= min ? undefined : expected);
}

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

/** The rule of every option that has one, under the option's name (the names GossipNodeOptions and MemConfig share). */
export const GOSSIP_RULES = Object.freeze({
  profile: ((v: string) =>
    (GOSSIP_PROFILE_NAMES as readonly string[]).includes(v)
      ? undefined
      : `expected one of ${GOSSIP_PROFILE_NAMES.join(', ')}`) as GossipRule<string>,
  name: ((v: string) =>
    v !== '' && utf8Length(v) <= 65_535 ? undefined : 'expected a non-empty name of at most 65535 bytes') as GossipRule<string>,
  bindAddr: ((v: string) => (isIP(v) !== 0 ? undefined : 'expected an IP address such as 0.0.0.0 or ::')) as GossipRule<string>,
  bindPort: integer(0, 65_535, 'a port'),
  advertisePort: integer(1, 65_535, 'a port'),
  probeIntervalMs: duration(1),
  probeTimeoutMs: duration(1),
  tcpTimeoutMs: duration(1),
  gossipIntervalMs: duration(0),
  pushPullIntervalMs: duration(0),
  deadTimeoutMs: duration(0),
  reclaimTimeoutMs: duration(0),
  rejoinIntervalMs: duration(0),
  rejoinWindowMs: duration(0),
  rejoinMaxPeers: integer(0, Infinity),
  packetOverhead: integer(0, Infinity),
  leaveTimeoutMs: duration(0),
  indirectChecks: integer(0, Infinity),
  gossipNodes: integer(0, Infinity),
  suspicionMult: integer(1, Infinity),
  suspicionMaxTimeoutMult: integer(1, Infinity),
  retransmitMult: integer(1, Infinity),
  awarenessMaxMultiplier: integer(1, Infinity),
  udpBufferSize: integer(512, 65_507, 'a byte count'),
  maxInboundStreams: integer(1, Infinity),
  protocolVersion: integer(1, 5),
  delegateVersion: ((d: DelegateVersion) =>
    [d.min, d.max, d.cur].every((x) => Number.isInteger(x) && x >= 0 && x <= 255) && d.min <= d.cur && d.cur <= d.max
      ? undefined
      : 'expected min:max:cur with 0–255 each and min ≤ cur ≤ max, such as 2:5:5') as GossipRule<DelegateVersion>,
  label: ((v: string) => (utf8Length(v) <= 255 ? undefined : 'expected a label of at most 255 bytes')) as GossipRule<string>,
  addrEncoding: ((v: string) => (v === 'ip-bytes' || v === 'text' ? undefined : 'expected one of ip-bytes, text')) as GossipRule<string>,
  meta: ((v: Uint8Array | string) =>
    (typeof v === 'string' ? utf8Length(v) : v.length) <= META_MAX_SIZE
      ? undefined
      : `expected at most ${META_MAX_SIZE} bytes of node metadata`) as GossipRule<Uint8Array | string>,
});

export type GossipRuleName = keyof typeof GOSSIP_RULES;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const KEY_EXPECTED = 'expected base64 of a 16, 24 or 32-byte key (AES-128/192/256)';

/** An encryption key as bytes: bytes as they are, text as standard base64. Throws nothing: returns the problem. */
export function gossipKeyBytes(key: string | Uint8Array): { bytes: Uint8Array } | { expected: string } {
  let bytes: Uint8Array;
  if (typeof key === 'string') {
    const text = key.trim();
    if (!BASE64.test(text)) return { expected: KEY_EXPECTED };
    bytes = new Uint8Array(Buffer.from(text, 'base64'));
  } else {
    bytes = key;
  }
  return [16, 24, 32].includes(bytes.length) ? { bytes } : { expected: KEY_EXPECTED };
}

/** GDD_MEM_HOST / advertiseAddr: a value starting with '.' is a DNS suffix for this host (k8s headless services). */
export function expandAdvertiseHost(value: string, hostname: string): string {
  return value.startsWith('.') ? `${hostname}${value}` : value;
}
