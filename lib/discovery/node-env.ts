/**
 * GDD_* configuration → GossipNodeOptions. An App maps `loadConfig().mem` (optionsFromMemConfig); the
 * standalone node (`npm run gossip-node`, cli.ts) maps the raw environment (optionsFromConfig) with the
 * SAME rows of the config table — same parsers, same units (a bare integer is seconds, milliseconds for
 * GDD_MEM_GOSSIP_INTERVAL), same messages — but passes only what is set, so a GDD_MEM_PROFILE's timings
 * are not overwritten by the table's defaults. It also reads two variables of its own: GDD_MEM_PROFILE
 * and GDD_MEM_META.
 */
import { hostname } from 'node:os';
import { ConfigError } from '../errors';
import { emptyDraft } from '../config/load';
import type { MemConfig } from '../config/types';
import { CONFIG_VARIABLES } from '../config/variables';
import { GossipNodeOptions, GossipProfile, GOSSIP_PROFILES } from './node-options';

export type EnvSource = Readonly<Record<string, string | undefined>>;

type MemOptionMapping = { readonly [K in keyof MemConfig]?: (mem: MemConfig) => GossipNodeOptions };

/** Each gossip field of MemConfig → the node options it sets (weights and CIDRs are the registry's). */
const MEM_OPTIONS: MemOptionMapping = {
  name: (m) => ({ name: m.name }),
  seeds: (m) => ({ seeds: [...m.seeds] }),
  host: (m) => ({ advertiseAddr: m.host === '' ? undefined : m.host }),
  bindAddr: (m) => ({ bindAddr: m.bindAddr }),
  port: (m) => ({ bindPort: m.port }),
  deadTimeoutMs: (m) => ({ deadTimeoutMs: m.deadTimeoutMs }),
  syncIntervalMs: (m) => ({ pushPullIntervalMs: m.syncIntervalMs }),
  reclaimTimeoutMs: (m) => ({ reclaimTimeoutMs: m.reclaimTimeoutMs }),
  probeIntervalMs: (m) => ({ probeIntervalMs: m.probeIntervalMs }),
  probeTimeoutMs: (m) => ({ probeTimeoutMs: m.probeTimeoutMs }),
  suspicionMult: (m) => ({ suspicionMult: m.suspicionMult }),
  suspicionMaxTimeoutMult: (m) => ({ suspicionMaxTimeoutMult: m.suspicionMaxTimeoutMult }),
  awarenessMaxMultiplier: (m) => ({ awarenessMaxMultiplier: m.awarenessMaxMultiplier }),
  gossipNodes: (m) => ({ gossipNodes: m.gossipNodes }),
  gossipIntervalMs: (m) => ({ gossipIntervalMs: m.gossipIntervalMs }),
  tcpTimeoutMs: (m) => ({ tcpTimeoutMs: m.tcpTimeoutMs }),
  indirectChecks: (m) => ({ indirectChecks: m.indirectChecks }),
  retransmitMult: (m) => ({ retransmitMult: m.retransmitMult }),
  keys: (m) => ({ keys: [...m.keys] }),
  label: (m) => ({ label: m.label }),
  protocolVersion: (m) => ({ protocolVersion: m.protocolVersion }),
  delegateVersion: (m) => ({ delegateVersion: { ...m.delegateVersion } }),
  compress: (m) => ({ compress: m.compress }),
  rejoinIntervalMs: (m) => ({ rejoinIntervalMs: m.rejoinIntervalMs }),
  udpBufferSize: (m) => ({ udpBufferSize: m.udpBufferSize }),
  tcpPings: (m) => ({ tcpPings: m.tcpPings }),
  addrEncoding: (m) => ({ addrEncoding: m.addrEncoding }),
};

function optionsOf(mem: MemConfig, fields: Iterable<keyof MemConfig>): GossipNodeOptions {
  const options: GossipNodeOptions = {};
  for (const field of fields) Object.assign(options, MEM_OPTIONS[field]?.(mem));
  return options;
}

/** The gossip part of the framework configuration (`loadConfig().mem`, lib/config) as GossipNodeOptions. */
export function optionsFromMemConfig(mem: MemConfig): GossipNodeOptions {
  return optionsOf(mem, Object.keys(MEM_OPTIONS) as (keyof MemConfig)[]);
}

function invalid(variable: string, value: string, expected: string): never {
  throw new ConfigError('GDD_MEM_INVALID', `${variable}="${value}" is not valid: ${expected}`);
}

/**
 * Read GDD_MEM_* from an environment object (e.g. process.env after dotenv); unset or empty variables are
 * left out so the node's defaults (or its profile's) apply. Throws ConfigError GDD_MEM_INVALID naming the
 * variable and the accepted form for a bad value.
 */
export function optionsFromConfig(env: EnvSource): GossipNodeOptions {
  const draft = emptyDraft();
  const ctx = { hostname: hostname() };
  const set = new Set<keyof MemConfig>();
  for (const variable of CONFIG_VARIABLES) {
    const raw = env[variable.name];
    if (variable.group !== 'mem' || raw === undefined || raw.trim() === '') continue;
    const expected = variable.apply(raw, draft, ctx);
    if (expected !== undefined) invalid(variable.name, raw, expected);
    set.add(variable.field.replace(/^mem\./, '') as keyof MemConfig);
  }
  const options = optionsOf(draft.mem, set);
  const profile = env.GDD_MEM_PROFILE?.trim();
  if (profile) {
    if (!(profile in GOSSIP_PROFILES)) invalid('GDD_MEM_PROFILE', profile, `one of ${Object.keys(GOSSIP_PROFILES).join(', ')}`);
    options.profile = profile as GossipProfile;
  }
  const meta = env.GDD_MEM_META;
  if (meta !== undefined && meta.trim() !== '') options.meta = meta;
  return options;
}
