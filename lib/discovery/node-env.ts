/**
 * GDD_* configuration → GossipNodeOptions. MemConfig's gossip fields carry the option names (one naming scheme
 * from the config table to the core), so this is a copy, not a translation. An App maps `loadConfig().mem`; the
 * standalone node (`npm run gossip-node`, cli.ts) loads the same configuration from its environment — same rows,
 * same defaults (its GDD_MEM_PROFILE's timings included), same errors (InvalidConfigError naming the variable).
 */
import { loadConfig } from '../config/load';
import type { MemConfig } from '../config/types';
import type { GossipNodeOptions } from './node-options';

export type EnvSource = Readonly<Record<string, string | undefined>>;

/** The MemConfig fields that are gossip node options (the others — weights, CIDRs, logging — are the registry's and the App's). */
export const GOSSIP_CONFIG_FIELDS = [
  'profile',
  'name',
  'seeds',
  'advertiseAddr',
  'bindAddr',
  'bindPort',
  'deadTimeoutMs',
  'pushPullIntervalMs',
  'reclaimTimeoutMs',
  'probeIntervalMs',
  'probeTimeoutMs',
  'suspicionMult',
  'suspicionMaxTimeoutMult',
  'awarenessMaxMultiplier',
  'gossipNodes',
  'gossipIntervalMs',
  'tcpTimeoutMs',
  'indirectChecks',
  'retransmitMult',
  'keys',
  'label',
  'protocolVersion',
  'delegateVersion',
  'compress',
  'rejoinIntervalMs',
  'udpBufferSize',
  'tcpPings',
  'addrEncoding',
  'meta',
  'leaveTimeoutMs',
] as const satisfies ReadonlyArray<keyof MemConfig & keyof GossipNodeOptions>;

/** The gossip part of the framework configuration (`loadConfig().mem`) as GossipNodeOptions. */
export function optionsFromMemConfig(mem: MemConfig): GossipNodeOptions {
  const options: GossipNodeOptions = {};
  for (const field of GOSSIP_CONFIG_FIELDS) Object.assign(options, { [field]: mem[field] });
  return options;
}

/**
 * The configuration of a gossip node from an environment object (e.g. process.env) and the app.yml and .env
 * files in `cwd`, through the one config table. Throws InvalidConfigError listing every bad value with its variable.
 */
export function optionsFromConfig(env: EnvSource, cwd?: string): GossipNodeOptions {
  return optionsFromMemConfig(loadConfig({ env: { ...env }, cwd }).mem);
}
