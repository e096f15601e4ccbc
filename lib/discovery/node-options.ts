/**
 * GossipNode options: every memberlist setting go-doudou exposes through GDD_MEM_*
 * (docs/go-doudou-differences.md#gossip-configuration), with go-doudou's defaults (memberlist's DefaultWANConfig
 * plus DeadNodeReclaimTime 3 s), and the
 * resolution of those options into concrete values (advertise address, keys, seeds).
 */
import * as os from 'node:os';
import { ConfigError } from '../errors';

/** Which base configuration unset options come from (docs/gossip-wire-format.md#default-profiles). */
export type GossipProfile = 'go-doudou' | 'wan' | 'lan' | 'local';

export interface DelegateVersion {
  min: number;
  max: number;
  cur: number;
}

export interface GossipNodeOptions {
  /** Base for every option left unset. Default 'go-doudou' (WAN + 3 s reclaim). */
  profile?: GossipProfile;
  /** Unique node name. Default: the host name (GDD_MEM_NAME). */
  name?: string;
  /** Address to bind UDP and TCP to. Default '0.0.0.0'. */
  bindAddr?: string;
  /** Port for UDP and TCP; 0 picks a free one. Default 7946 (GDD_MEM_PORT). */
  bindPort?: number;
  /** Address peers use to reach us; a leading '.' is prefixed with the host name (GDD_MEM_HOST). */
  advertiseAddr?: string;
  /** Port peers use to reach us. Default: the bound port. */
  advertisePort?: number;
  /** Seeds `host[:port]` or DNS names; port defaults to 7946 (GDD_MEM_SEED). Used by join() without arguments. */
  seeds?: string[];
  probeIntervalMs?: number;
  probeTimeoutMs?: number;
  gossipNodes?: number;
  gossipIntervalMs?: number;
  suspicionMult?: number;
  suspicionMaxTimeoutMult?: number;
  retransmitMult?: number;
  /** Full state sync period; 0 disables (GDD_MEM_SYNC_INTERVAL). */
  pushPullIntervalMs?: number;
  /** GossipToTheDeadTime: how long dead nodes are still gossiped to and kept (GDD_MEM_DEAD_TIMEOUT). */
  deadTimeoutMs?: number;
  /** DeadNodeReclaimTime: after this, a dead node's name may come back from another address. */
  reclaimTimeoutMs?: number;
  /** Deadline for connect and a whole TCP exchange (GDD_MEM_TCP_TIMEOUT). */
  tcpTimeoutMs?: number;
  indirectChecks?: number;
  awarenessMaxMultiplier?: number;
  /** Budget for piggybacked gossip per UDP packet (memberlist UDPBufferSize). */
  udpBufferSize?: number;
  /** AES keys (16/24/32 bytes, or base64 text); the first is primary. Empty = no encryption. */
  keys?: Array<string | Uint8Array>;
  /** Cluster label (memberlist ≥ 0.3); never set it in a cluster with Debian 0.2.2 / serf peers. */
  label?: string;
  /** LZW compression of outgoing messages (only when smaller, on UDP). Default true. */
  compress?: boolean;
  /** Protocol version we speak (1…5, default 2; we always advertise 1…5). */
  protocolVersion?: number;
  /** Delegate protocol versions; serf clusters need {min: 2, max: 5, cur: 5}. Default 0/0/0. */
  delegateVersion?: DelegateVersion;
  /** Re-join seeds and recently dead members this often when they are not alive (heals long partitions, which plain memberlist never does); 0 = never. Default 10 s. */
  rejoinIntervalMs?: number;
  /** Node metadata (≤ 512 bytes). */
  meta?: Uint8Array | string;
  /** Cap on concurrent inbound TCP streams (Go: 128). */
  maxInboundStreams?: number;
  /** TCP fallback ping when UDP probes fail (memberlist's !DisableTcpPings, docs/gossip-wire-format.md#tcp-fallback-ping). Default true. */
  tcpPings?: boolean;
  /**
   * How addresses travel (docs/gossip-wire-format.md#the-go-doudou-fork): 'ip-bytes' (hashicorp memberlist, serf, consul; default)
   * or 'text' (go-doudou's memberlist fork: host strings, DNS names allowed). The two cannot share a cluster.
   */
  addrEncoding?: 'ip-bytes' | 'text';
}

/** Every option resolved to a concrete value. */
export interface ResolvedGossipOptions {
  name: string;
  bindAddr: string;
  bindPort: number;
  advertiseAddr?: string;
  advertisePort?: number;
  seeds: string[];
  probeIntervalMs: number;
  probeTimeoutMs: number;
  gossipNodes: number;
  gossipIntervalMs: number;
  suspicionMult: number;
  suspicionMaxTimeoutMult: number;
  retransmitMult: number;
  pushPullIntervalMs: number;
  deadTimeoutMs: number;
  reclaimTimeoutMs: number;
  tcpTimeoutMs: number;
  indirectChecks: number;
  awarenessMaxMultiplier: number;
  udpBufferSize: number;
  keys: Uint8Array[];
  label: string;
  compress: boolean;
  protocolVersion: number;
  delegateVersion: DelegateVersion;
  rejoinIntervalMs: number;
  meta: Uint8Array;
  maxInboundStreams: number;
  tcpPings: boolean;
  addrEncoding: 'ip-bytes' | 'text';
}

type Timing = Pick<
  ResolvedGossipOptions,
  | 'probeIntervalMs'
  | 'probeTimeoutMs'
  | 'gossipNodes'
  | 'gossipIntervalMs'
  | 'suspicionMult'
  | 'suspicionMaxTimeoutMult'
  | 'retransmitMult'
  | 'pushPullIntervalMs'
  | 'deadTimeoutMs'
  | 'reclaimTimeoutMs'
  | 'tcpTimeoutMs'
  | 'indirectChecks'
>;

/** docs/gossip-wire-format.md#default-profiles (Default{WAN,LAN,Local}Config) and docs/go-doudou-differences.md#gossip-configuration (go-doudou: WAN + reclaim 3 s). */
export const GOSSIP_PROFILES: Readonly<Record<GossipProfile, Timing>> = {
  wan: {
    probeIntervalMs: 5000,
    probeTimeoutMs: 3000,
    gossipNodes: 4,
    gossipIntervalMs: 500,
    suspicionMult: 6,
    suspicionMaxTimeoutMult: 6,
    retransmitMult: 4,
    pushPullIntervalMs: 60_000,
    deadTimeoutMs: 60_000,
    reclaimTimeoutMs: 0,
    tcpTimeoutMs: 30_000,
    indirectChecks: 3,
  },
  'go-doudou': {
    probeIntervalMs: 5000,
    probeTimeoutMs: 3000,
    gossipNodes: 4,
    gossipIntervalMs: 500,
    suspicionMult: 6,
    suspicionMaxTimeoutMult: 6,
    retransmitMult: 4,
    pushPullIntervalMs: 60_000,
    deadTimeoutMs: 60_000,
    reclaimTimeoutMs: 3000,
    tcpTimeoutMs: 30_000,
    indirectChecks: 3,
  },
  lan: {
    probeIntervalMs: 1000,
    probeTimeoutMs: 500,
    gossipNodes: 3,
    gossipIntervalMs: 200,
    suspicionMult: 4,
    suspicionMaxTimeoutMult: 6,
    retransmitMult: 4,
    pushPullIntervalMs: 30_000,
    deadTimeoutMs: 30_000,
    reclaimTimeoutMs: 0,
    tcpTimeoutMs: 10_000,
    indirectChecks: 3,
  },
  local: {
    probeIntervalMs: 1000,
    probeTimeoutMs: 200,
    gossipNodes: 3,
    gossipIntervalMs: 100,
    suspicionMult: 3,
    suspicionMaxTimeoutMult: 6,
    retransmitMult: 2,
    pushPullIntervalMs: 15_000,
    deadTimeoutMs: 15_000,
    reclaimTimeoutMs: 0,
    tcpTimeoutMs: 1000,
    indirectChecks: 1,
  },
};

/** Default gossip port (memberlist and go-doudou). */
export const DEFAULT_GOSSIP_PORT = 7946;
/** memberlist MetaMaxSize (docs/gossip-wire-format.md#versions-and-metadata). */
export const META_MAX_SIZE = 512;

export function resolveOptions(options: GossipNodeOptions): ResolvedGossipOptions {
  const profile = options.profile ?? 'go-doudou';
  const base = GOSSIP_PROFILES[profile];
  if (!base) throw new ConfigError('GOSSIP_OPTION_INVALID', `unknown gossip profile "${String(profile)}"`);
  const meta = toBytes(options.meta);
  if (meta.length > META_MAX_SIZE) {
    throw new ConfigError('GOSSIP_OPTION_INVALID', `meta is ${meta.length} bytes; memberlist allows at most ${META_MAX_SIZE}`);
  }
  const resolved: ResolvedGossipOptions = {
    ...base,
    ...definedTimings(options),
    name: options.name ?? os.hostname(),
    bindAddr: options.bindAddr ?? '0.0.0.0',
    bindPort: options.bindPort ?? DEFAULT_GOSSIP_PORT,
    advertiseAddr: options.advertiseAddr === undefined ? undefined : expandAdvertise(options.advertiseAddr),
    advertisePort: options.advertisePort,
    seeds: options.seeds ?? [],
    awarenessMaxMultiplier: options.awarenessMaxMultiplier ?? 8,
    udpBufferSize: options.udpBufferSize ?? 1400,
    keys: (options.keys ?? []).map(parseKey),
    label: options.label ?? '',
    compress: options.compress ?? true,
    protocolVersion: options.protocolVersion ?? 2,
    delegateVersion: options.delegateVersion ?? { min: 0, max: 0, cur: 0 },
    rejoinIntervalMs: options.rejoinIntervalMs ?? 10_000,
    meta,
    maxInboundStreams: options.maxInboundStreams ?? 128,
    tcpPings: options.tcpPings ?? true,
    addrEncoding: options.addrEncoding ?? 'ip-bytes',
  };
  validate(resolved);
  return resolved;
}

function definedTimings(options: GossipNodeOptions): Partial<Timing> {
  const out: Partial<Timing> = {};
  for (const key of Object.keys(GOSSIP_PROFILES.wan) as Array<keyof Timing>) {
    const v = options[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function validate(o: ResolvedGossipOptions): void {
  const bad = (field: string, why: string): never => {
    throw new ConfigError('GOSSIP_OPTION_INVALID', `gossip option ${field} ${why}`);
  };
  if (!o.name) bad('name', 'must not be empty');
  if (Buffer.byteLength(o.name) > 65_535) bad('name', 'is too long');
  if (!Number.isInteger(o.bindPort) || o.bindPort < 0 || o.bindPort > 65_535) bad('bindPort', 'must be 0…65535');
  if (o.advertisePort !== undefined && (!Number.isInteger(o.advertisePort) || o.advertisePort < 1 || o.advertisePort > 65_535)) {
    bad('advertisePort', 'must be 1…65535');
  }
  if (o.protocolVersion < 1 || o.protocolVersion > 5) bad('protocolVersion', 'must be 1…5');
  const d = o.delegateVersion;
  for (const [k, v] of Object.entries(d)) if (!Number.isInteger(v) || v < 0 || v > 255) bad(`delegateVersion.${k}`, 'must be 0…255');
  if (d.min > d.max || d.cur < d.min || d.cur > d.max)
    bad('delegateVersion', `must satisfy min ≤ cur ≤ max (got ${d.min}:${d.max}:${d.cur})`);
  for (const k of ['probeIntervalMs', 'probeTimeoutMs', 'tcpTimeoutMs'] as const) if (!(o[k] > 0)) bad(k, 'must be > 0');
  for (const k of ['gossipIntervalMs', 'pushPullIntervalMs', 'deadTimeoutMs', 'reclaimTimeoutMs', 'rejoinIntervalMs'] as const) {
    if (!(o[k] >= 0)) bad(k, 'must be ≥ 0');
  }
  for (const k of [
    'gossipNodes',
    'suspicionMult',
    'suspicionMaxTimeoutMult',
    'retransmitMult',
    'indirectChecks',
    'awarenessMaxMultiplier',
  ] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0) bad(k, 'must be an integer ≥ 0');
  }
  if (o.suspicionMult < 1) bad('suspicionMult', 'must be ≥ 1');
  if (o.awarenessMaxMultiplier < 1) bad('awarenessMaxMultiplier', 'must be ≥ 1');
  if (Buffer.byteLength(o.label) > 255) bad('label', 'must be at most 255 bytes');
  if (o.addrEncoding !== 'ip-bytes' && o.addrEncoding !== 'text') bad('addrEncoding', "must be 'ip-bytes' or 'text'");
}

/** GDD_MEM_HOST: a value starting with '.' is a DNS suffix for this host (k8s headless services, docs/go-doudou-differences.md#gossip-configuration). */
export function expandAdvertise(value: string): string {
  return value.startsWith('.') ? `${os.hostname()}${value}` : value;
}

/** A key as bytes: Uint8Array as is, text as base64 (what GDD_MEM_KEYS and serf -encrypt use). */
export function parseKey(key: string | Uint8Array): Uint8Array {
  const bytes = typeof key === 'string' ? decodeBase64Strict(key) : key;
  if (![16, 24, 32].includes(bytes.length)) {
    throw new ConfigError('GOSSIP_KEY_INVALID', `gossip key must be 16, 24 or 32 bytes (AES-128/192/256), got ${bytes.length}`);
  }
  return bytes;
}

function decodeBase64Strict(text: string): Uint8Array {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(t) || t.length % 4 !== 0) {
    throw new ConfigError('GOSSIP_KEY_INVALID', 'gossip key text must be standard base64');
  }
  return new Uint8Array(Buffer.from(t, 'base64'));
}

function toBytes(meta: Uint8Array | string | undefined): Uint8Array {
  if (meta === undefined) return new Uint8Array(0);
  return typeof meta === 'string' ? new Uint8Array(Buffer.from(meta, 'utf8')) : meta;
}
