/**
 * GossipNode options: every memberlist setting go-doudou exposes through GDD_MEM_*
 * (docs/go-doudou-differences.md#gossip-configuration) and the ones ts-doudou adds, named as MemConfig names
 * them (one scheme from the config table to the core). Defaults and rules are the one table's
 * (lib/config/gossip-options.ts); resolution fills them in and checks every value once, raising
 * InvalidGossipOptionError (or MetaTooLargeError) naming the option.
 */
import * as os from 'node:os';
import {
  DEFAULT_GOSSIP_PROFILE,
  GOSSIP_DEFAULTS,
  GOSSIP_PROFILES,
  META_MAX_SIZE,
  TIMING_OPTIONS,
  expandAdvertiseHost,
  gossipKeyBytes,
  type AddrEncoding,
  type GossipProfile,
  type GossipTimings,
} from '../config/gossip-options';
import type { DelegateVersion } from '../config/types';
import { checkGossipOption } from './core/defaults';
import { InvalidGossipOptionError, MetaTooLargeError } from './core/errors';

export { META_MAX_SIZE, GOSSIP_PROFILES, type GossipProfile, type DelegateVersion, type AddrEncoding };
/** Default gossip port (memberlist and go-doudou). */
export const DEFAULT_GOSSIP_PORT = GOSSIP_DEFAULTS.bindPort;

export interface GossipNodeOptions extends Partial<GossipTimings> {
  /** Base for every timing left unset (docs/gossip-wire-format.md#default-profiles). Default 'go-doudou' (WAN + 3 s reclaim). */
  profile?: GossipProfile;
  /** Unique node name. Default: the host name (GDD_MEM_NAME). */
  name?: string;
  /** Address to bind UDP and TCP to. Default '0.0.0.0' (GDD_MEM_BIND_ADDR). */
  bindAddr?: string;
  /** Port for UDP and TCP; 0 picks a free one. Default 7946 (GDD_MEM_PORT). */
  bindPort?: number;
  /** Address peers use to reach us; a leading '.' is prefixed with the host name (GDD_MEM_HOST). '' = pick a private IP. */
  advertiseAddr?: string;
  /** Port peers use to reach us. Default: the bound port. */
  advertisePort?: number;
  /** Seeds `host[:port]` or DNS names; port defaults to 7946 (GDD_MEM_SEED). Used by join() without arguments. */
  seeds?: readonly string[];
  /** Lifeguard AwarenessMaxMultiplier (GDD_MEM_AWARENESS_MAX). Default 8. */
  awarenessMaxMultiplier?: number;
  /** Budget for piggybacked gossip per UDP packet (memberlist UDPBufferSize, GDD_MEM_UDP_BUFFER). Default 1400. */
  udpBufferSize?: number;
  /** AES keys (16/24/32 bytes, or base64 text); the first is primary. Empty = no encryption (GDD_MEM_KEYS). */
  keys?: ReadonlyArray<string | Uint8Array>;
  /** Cluster label (memberlist ≥ 0.3, GDD_MEM_LABEL); never set it in a cluster with Debian 0.2.2 / serf peers. */
  label?: string;
  /** LZW compression of outgoing messages (only when smaller, on UDP; GDD_MEM_COMPRESS). Default true. */
  compress?: boolean;
  /** Protocol version we speak (1…5, default 2; we always advertise 1…5; GDD_MEM_PROTOCOL_VERSION). */
  protocolVersion?: number;
  /** Delegate protocol versions; serf clusters need {min: 2, max: 5, cur: 5}. Default 0/0/0 (GDD_MEM_DELEGATE_VERSION). */
  delegateVersion?: DelegateVersion;
  /** Re-join seeds and recently dead members this often when they are not alive (heals long partitions, which plain memberlist never does); 0 = never. Default 10 s. */
  rejoinIntervalMs?: number;
  /** Node metadata (≤ 512 bytes; GDD_MEM_META). */
  meta?: Uint8Array | string;
  /** Cap on concurrent inbound TCP streams (Go: 128). */
  maxInboundStreams?: number;
  /** TCP fallback ping when UDP probes fail (memberlist's !DisableTcpPings, docs/gossip-wire-format.md#tcp-fallback-ping). Default true. */
  tcpPings?: boolean;
  /**
   * How addresses travel (docs/gossip-wire-format.md#the-go-doudou-fork): 'ip-bytes' (hashicorp memberlist, serf,
   * consul; default) or 'text' (go-doudou's memberlist fork: host strings, DNS names allowed). The two cannot share
   * a cluster.
   */
  addrEncoding?: AddrEncoding;
  /** How long leave() waits by default for the leave broadcast to spread (GDD_MEM_LEAVE_TIMEOUT). Default 5 s. */
  leaveTimeoutMs?: number;
}

/** Every option resolved to a concrete value. */
export interface ResolvedGossipOptions extends GossipTimings {
  profile: GossipProfile;
  name: string;
  bindAddr: string;
  bindPort: number;
  /** Undefined: pick a private IP. */
  advertiseAddr?: string;
  advertisePort?: number;
  seeds: string[];
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
  addrEncoding: AddrEncoding;
  leaveTimeoutMs: number;
}

/** Fills every default in and checks every value; throws InvalidGossipOptionError or MetaTooLargeError. */
export function resolveOptions(options: GossipNodeOptions): ResolvedGossipOptions {
  const profile = options.profile ?? DEFAULT_GOSSIP_PROFILE;
  checkGossipOption('profile', profile);
  const timings = { ...GOSSIP_PROFILES[profile] } as { -readonly [K in keyof GossipTimings]: number };
  for (const key of TIMING_OPTIONS) timings[key] = options[key] ?? timings[key];
  const meta = toBytes(options.meta);
  if (meta.length > META_MAX_SIZE) throw new MetaTooLargeError(meta.length, META_MAX_SIZE);
  const advertise = options.advertiseAddr ? expandAdvertiseHost(options.advertiseAddr, os.hostname()) : undefined;
  const resolved: ResolvedGossipOptions = {
    ...timings,
    profile,
    name: options.name ?? os.hostname(),
    bindAddr: options.bindAddr ?? GOSSIP_DEFAULTS.bindAddr,
    bindPort: options.bindPort ?? GOSSIP_DEFAULTS.bindPort,
    advertiseAddr: advertise,
    advertisePort: options.advertisePort,
    seeds: [...(options.seeds ?? [])],
    awarenessMaxMultiplier: options.awarenessMaxMultiplier ?? GOSSIP_DEFAULTS.awarenessMaxMultiplier,
    udpBufferSize: options.udpBufferSize ?? GOSSIP_DEFAULTS.udpBufferSize,
    keys: (options.keys ?? []).map(parseKey),
    label: options.label ?? GOSSIP_DEFAULTS.label,
    compress: options.compress ?? GOSSIP_DEFAULTS.compress,
    protocolVersion: options.protocolVersion ?? GOSSIP_DEFAULTS.protocolVersion,
    delegateVersion: options.delegateVersion ?? GOSSIP_DEFAULTS.delegateVersion,
    rejoinIntervalMs: options.rejoinIntervalMs ?? GOSSIP_DEFAULTS.rejoinIntervalMs,
    meta,
    maxInboundStreams: options.maxInboundStreams ?? GOSSIP_DEFAULTS.maxInboundStreams,
    tcpPings: options.tcpPings ?? GOSSIP_DEFAULTS.tcpPings,
    addrEncoding: options.addrEncoding ?? GOSSIP_DEFAULTS.addrEncoding,
    leaveTimeoutMs: options.leaveTimeoutMs ?? GOSSIP_DEFAULTS.leaveTimeoutMs,
  };
  validate(resolved);
  return resolved;
}

function validate(o: ResolvedGossipOptions): void {
  checkGossipOption('name', o.name);
  checkGossipOption('bindAddr', o.bindAddr);
  checkGossipOption('bindPort', o.bindPort);
  if (o.advertisePort !== undefined) checkGossipOption('advertisePort', o.advertisePort);
  for (const key of TIMING_OPTIONS) checkGossipOption(key, o[key]);
  checkGossipOption('awarenessMaxMultiplier', o.awarenessMaxMultiplier);
  checkGossipOption('udpBufferSize', o.udpBufferSize);
  checkGossipOption('label', o.label);
  checkGossipOption('protocolVersion', o.protocolVersion);
  checkGossipOption('delegateVersion', o.delegateVersion);
  checkGossipOption('rejoinIntervalMs', o.rejoinIntervalMs);
  checkGossipOption('maxInboundStreams', o.maxInboundStreams);
  checkGossipOption('addrEncoding', o.addrEncoding);
  checkGossipOption('leaveTimeoutMs', o.leaveTimeoutMs);
}

/** A key as bytes: Uint8Array as is, text as base64 (what GDD_MEM_KEYS and serf -encrypt use). */
export function parseKey(key: string | Uint8Array): Uint8Array {
  const parsed = gossipKeyBytes(key);
  if ('expected' in parsed) throw new InvalidGossipOptionError('keys', parsed.expected, typeof key === 'string' ? '<key text>' : key);
  return parsed.bytes;
}

function toBytes(meta: Uint8Array | string | undefined): Uint8Array {
  if (meta === undefined) return new Uint8Array(0);
  return typeof meta === 'string' ? new Uint8Array(Buffer.from(meta, 'utf8')) : meta;
}
