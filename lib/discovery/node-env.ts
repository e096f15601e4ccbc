/**
 * GDD_MEM_* environment → GossipNodeOptions, with go-doudou's meaning of each variable
 * (memberlist-wire.md §14.3): a bare integer is seconds, except GDD_MEM_GOSSIP_INTERVAL (milliseconds);
 * anything else must be a Go duration ("1m30s", "500ms"). Unset or empty variables keep the defaults.
 */
import { ConfigError } from '../errors';
import { parseGoDuration } from '../config/duration';
import type { MemConfig } from '../config/types';
import { DEFAULT_GOSSIP_PORT, DelegateVersion, GossipNodeOptions, GossipProfile, GOSSIP_PROFILES } from './node-options';

export type EnvSource = Readonly<Record<string, string | undefined>>;

type DurationKey = 'deadTimeoutMs' | 'pushPullIntervalMs' | 'reclaimTimeoutMs' | 'probeIntervalMs' | 'probeTimeoutMs' | 'gossipIntervalMs' | 'tcpTimeoutMs' | 'rejoinIntervalMs';
type IntKey = 'suspicionMult' | 'gossipNodes' | 'indirectChecks' | 'retransmitMult' | 'protocolVersion';

/** variable → [option, unit of a bare integer] */
const DURATIONS: ReadonlyArray<[string, DurationKey, 's' | 'ms']> = [
  ['GDD_MEM_DEAD_TIMEOUT', 'deadTimeoutMs', 's'],
  ['GDD_MEM_SYNC_INTERVAL', 'pushPullIntervalMs', 's'],
  ['GDD_MEM_RECLAIM_TIMEOUT', 'reclaimTimeoutMs', 's'],
  ['GDD_MEM_PROBE_INTERVAL', 'probeIntervalMs', 's'],
  ['GDD_MEM_PROBE_TIMEOUT', 'probeTimeoutMs', 's'],
  ['GDD_MEM_GOSSIP_INTERVAL', 'gossipIntervalMs', 'ms'],
  ['GDD_MEM_TCP_TIMEOUT', 'tcpTimeoutMs', 's'],
  ['GDD_MEM_REJOIN_INTERVAL', 'rejoinIntervalMs', 's'],
];

const INTEGERS: ReadonlyArray<[string, IntKey]> = [
  ['GDD_MEM_SUSPICION_MULT', 'suspicionMult'],
  ['GDD_MEM_GOSSIP_NODES', 'gossipNodes'],
  ['GDD_MEM_INDIRECT_CHECKS', 'indirectChecks'],
  ['GDD_MEM_RETRANSMIT_MULT', 'retransmitMult'],
  ['GDD_MEM_PROTOCOL_VERSION', 'protocolVersion'],
];

function invalid(variable: string, value: string, expected: string): never {
  throw new ConfigError('GDD_MEM_INVALID', `${variable}="${value}" is not ${expected}`);
}

/** A duration variable: bare integer in `unit`, else a Go duration. */
export function parseEnvDuration(variable: string, value: string, unit: 's' | 'ms'): number {
  const t = value.trim();
  if (/^\d+$/.test(t)) return Number(t) * (unit === 's' ? 1000 : 1);
  const ms = parseGoDuration(t);
  if (ms === undefined) invalid(variable, value, `a duration (integer ${unit === 's' ? 'seconds' : 'milliseconds'} or Go duration like 1m30s)`);
  return ms;
}

/** "host", "host:port", "[v6]:port" → host:port with the default gossip port (§14.3). */
export function normalizeSeed(seed: string, defaultPort = DEFAULT_GOSSIP_PORT): string {
  const s = seed.trim();
  if (s.startsWith('[')) return s.includes(']:') ? s : `${s}:${defaultPort}`;
  const colons = s.split(':').length - 1;
  if (colons === 0) return `${s}:${defaultPort}`;
  if (colons > 1) return `[${s}]:${defaultPort}`; // bare IPv6
  return s;
}

export function parseDelegateVersion(variable: string, value: string): DelegateVersion {
  const m = /^\s*(\d+):(\d+):(\d+)\s*$/.exec(value);
  if (!m) invalid(variable, value, 'min:max:cur (e.g. 2:5:5)');
  return { min: Number(m[1]), max: Number(m[2]), cur: Number(m[3]) };
}

function parseBool(variable: string, value: string): boolean {
  const t = value.trim().toLowerCase();
  if (['1', 'true', 't', 'yes', 'on'].includes(t)) return true;
  if (['0', 'false', 'f', 'no', 'off'].includes(t)) return false;
  return invalid(variable, value, 'a boolean');
}

/**
 * Read GDD_MEM_* from an environment object (e.g. process.env after dotenv). Throws ConfigError with code
 * GDD_MEM_INVALID naming the variable for a bad value.
 */
export function optionsFromConfig(env: EnvSource): GossipNodeOptions {
  const get = (k: string): string | undefined => {
    const v = env[k];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  const options: GossipNodeOptions = {};
  const profile = get('GDD_MEM_PROFILE');
  if (profile !== undefined) {
    if (!(profile in GOSSIP_PROFILES)) invalid('GDD_MEM_PROFILE', profile, `one of ${Object.keys(GOSSIP_PROFILES).join(', ')}`);
    options.profile = profile as GossipProfile;
  }
  const name = get('GDD_MEM_NAME');
  if (name !== undefined) options.name = name.trim();
  const host = get('GDD_MEM_HOST');
  if (host !== undefined) options.advertiseAddr = host.trim();
  const bind = get('GDD_MEM_BIND_ADDR');
  if (bind !== undefined) options.bindAddr = bind.trim();
  const port = get('GDD_MEM_PORT');
  if (port !== undefined) {
    if (!/^\d+$/.test(port.trim()) || Number(port) > 65_535) invalid('GDD_MEM_PORT', port, 'a port number 0…65535');
    options.bindPort = Number(port);
  }
  const seeds = get('GDD_MEM_SEED');
  if (seeds !== undefined) {
    options.seeds = seeds.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => normalizeSeed(s));
  }
  for (const [variable, key, unit] of DURATIONS) {
    const v = get(variable);
    if (v !== undefined) options[key] = parseEnvDuration(variable, v, unit);
  }
  for (const [variable, key] of INTEGERS) {
    const v = get(variable);
    if (v === undefined) continue;
    if (!/^\d+$/.test(v.trim())) invalid(variable, v, 'a non-negative integer');
    options[key] = Number(v);
  }
  const keys = get('GDD_MEM_KEYS');
  if (keys !== undefined) options.keys = keys.split(',').map((k) => k.trim()).filter((k) => k !== '');
  const label = get('GDD_MEM_LABEL');
  if (label !== undefined) options.label = label.trim();
  const dv = get('GDD_MEM_DELEGATE_VERSION');
  if (dv !== undefined) options.delegateVersion = parseDelegateVersion('GDD_MEM_DELEGATE_VERSION', dv);
  const compress = get('GDD_MEM_COMPRESS');
  if (compress !== undefined) options.compress = parseBool('GDD_MEM_COMPRESS', compress);
  const udpBuffer = get('GDD_MEM_UDP_BUFFER');
  if (udpBuffer !== undefined) {
    if (!/^\d+$/.test(udpBuffer.trim())) invalid('GDD_MEM_UDP_BUFFER', udpBuffer, 'a byte count');
    options.udpBufferSize = Number(udpBuffer);
  }
  const tcpPings = get('GDD_MEM_TCP_PINGS');
  if (tcpPings !== undefined) options.tcpPings = parseBool('GDD_MEM_TCP_PINGS', tcpPings);
  const addrEncoding = get('GDD_MEM_ADDR_ENCODING');
  if (addrEncoding !== undefined) {
    const v = addrEncoding.trim();
    if (v !== 'ip-bytes' && v !== 'text') invalid('GDD_MEM_ADDR_ENCODING', addrEncoding, "'ip-bytes' or 'text'");
    options.addrEncoding = v;
  }
  const meta = get('GDD_MEM_META');
  if (meta !== undefined) options.meta = meta;
  return options;
}

/** The gossip part of the framework configuration (`loadConfig().mem`, lib/config) as GossipNodeOptions. */
export function optionsFromMemConfig(mem: MemConfig): GossipNodeOptions {
  return {
    name: mem.name,
    seeds: [...mem.seeds],
    advertiseAddr: mem.host === '' ? undefined : mem.host,
    bindAddr: mem.bindAddr,
    bindPort: mem.port,
    deadTimeoutMs: mem.deadTimeoutMs,
    pushPullIntervalMs: mem.syncIntervalMs,
    reclaimTimeoutMs: mem.reclaimTimeoutMs,
    probeIntervalMs: mem.probeIntervalMs,
    probeTimeoutMs: mem.probeTimeoutMs,
    suspicionMult: mem.suspicionMult,
    suspicionMaxTimeoutMult: mem.suspicionMaxTimeoutMult,
    awarenessMaxMultiplier: mem.awarenessMaxMultiplier,
    gossipNodes: mem.gossipNodes,
    gossipIntervalMs: mem.gossipIntervalMs,
    tcpTimeoutMs: mem.tcpTimeoutMs,
    indirectChecks: mem.indirectChecks,
    retransmitMult: mem.retransmitMult,
    keys: [...mem.keys],
    label: mem.label,
    protocolVersion: mem.protocolVersion,
    delegateVersion: { ...mem.delegateVersion },
    compress: mem.compress,
    rejoinIntervalMs: mem.rejoinIntervalMs,
    udpBufferSize: mem.udpBufferSize,
    tcpPings: mem.tcpPings,
    addrEncoding: mem.addrEncoding,
  };
}
