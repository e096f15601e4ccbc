/**
 * The GDD_MEM_* rows of the configuration table (variables.ts includes them in order). Each row sets the
 * MemConfig field of the same name as the GossipNodeOptions option it becomes, takes its default from the one
 * gossip options table (lib/config/gossip-options.ts) — for the protocol timings, from the GDD_MEM_PROFILE
 * chosen above them — and checks the parsed value with that table's rule, so the config loader and the gossip
 * node refuse exactly the same values. Names and units follow go-doudou
 * (docs/go-doudou-differences.md#gossip-configuration): a bare integer is seconds, milliseconds for the
 * gossip and weight intervals.
 */
import {
  DEFAULT_GOSSIP_PROFILE,
  GOSSIP_DEFAULTS,
  GOSSIP_PROFILE_NAMES,
  GOSSIP_PROFILES,
  GOSSIP_RULES,
  gossipKeyBytes,
  type AddrEncoding,
  type GossipProfile,
  type GossipTimings,
} from './gossip-options';
import * as p from './parsers';
import type { Parser } from './parsers';
import type { ConfigDraft, MetaFormat } from './types';
import { v, type ConfigVariable, type VariableSpec } from './variable';

type MemDraft = ConfigDraft['mem'];

/** A GDD_MEM_* row setting `mem.<key>`. */
function mem<K extends keyof MemDraft>(key: K, spec: Omit<VariableSpec<MemDraft[K]>, 'group' | 'field' | 'assign'>): ConfigVariable {
  return v<MemDraft[K]>({
    ...spec,
    group: 'mem',
    field: `mem.${key}`,
    assign: (d, x) => {
      d.mem[key] = x;
    },
  });
}

/** Milliseconds as the text a duration row parses: whole seconds as `60s`, the rest as `500ms`. */
function durationText(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** A protocol timing: default from the profile chosen by GDD_MEM_PROFILE (that row comes first). */
function timing<K extends keyof GossipTimings>(
  key: K,
  spec: { name: string; example: string; description: string; parse: Parser<number>; unit: 'duration' | 'count' },
): ConfigVariable {
  const text = (ms: number): string => (spec.unit === 'duration' ? durationText(ms) : String(ms));
  return mem(key, {
    ...spec,
    default: text(GOSSIP_PROFILES[DEFAULT_GOSSIP_PROFILE][key]),
    defaultIn: (d) => text(GOSSIP_PROFILES[d.mem.profile][key]),
    check: GOSSIP_RULES[key],
  });
}

const seconds = p.duration({ bareInteger: 'seconds' });
const milliseconds = p.duration({ bareInteger: 'milliseconds' });
const integer = p.int({ min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY });

const keyList: Parser<string[]> = (raw) => {
  const keys = p.splitList(raw);
  const bad = keys.map(gossipKeyBytes).find((k) => 'expected' in k);
  return bad && 'expected' in bad ? { ok: false, expected: `${bad.expected}, comma-separated` } : { ok: true, value: keys };
};

export const GOSSIP_VARIABLES: readonly ConfigVariable[] = Object.freeze([
  mem('profile', {
    name: 'GDD_MEM_PROFILE',
    default: DEFAULT_GOSSIP_PROFILE,
    example: 'local',
    parse: p.oneOf<GossipProfile>(GOSSIP_PROFILE_NAMES),
    description:
      "Where the protocol timings below default from: `go-doudou` (memberlist's WAN profile with a 3 s reclaim time, as go-doudou configures it), or memberlist's `wan`, `lan` or `local` (docs/gossip-wire-format.md#default-profiles). Sets the defaults of GDD_MEM_DEAD_TIMEOUT, _SYNC_INTERVAL, _RECLAIM_TIMEOUT, _PROBE_INTERVAL, _PROBE_TIMEOUT, _SUSPICION_MULT, _SUSPICION_MAX_MULT, _GOSSIP_NODES, _GOSSIP_INTERVAL, _TCP_TIMEOUT, _INDIRECT_CHECKS and _RETRANSMIT_MULT; the table shows the `go-doudou` values. New in ts-doudou.",
  }),
  mem('seeds', {
    name: 'GDD_MEM_SEED',
    default: '',
    example: '10.0.0.1,seed-0.svc:7000',
    parse: p.seedList(GOSSIP_DEFAULTS.bindPort),
    description: 'Comma-separated seeds `host[:port]` (port 7946 when missing); empty = start a new cluster.',
  }),
  mem('name', {
    name: 'GDD_MEM_NAME',
    default: '',
    defaultText: 'hostname',
    example: 'node-a',
    parse: p.nodeName(),
    check: GOSSIP_RULES.name,
    description:
      'Node name in the cluster; must be unique: two nodes with one name never see each other (logged as an error), so several instances on one host each need their own.',
  }),
  mem('advertiseAddr', {
    name: 'GDD_MEM_HOST',
    default: '',
    defaultText: 'private IP',
    example: '.seed-svc-headless.default.svc.cluster.local',
    parse: p.advertiseHost(),
    description: 'Advertised address. A leading `.` is prefixed with the hostname (k8s StatefulSet: `seed-2.seed-svc-headless…`).',
  }),
  mem('bindPort', {
    name: 'GDD_MEM_PORT',
    default: String(GOSSIP_DEFAULTS.bindPort),
    example: '7947',
    parse: integer,
    check: GOSSIP_RULES.bindPort,
    description: 'Gossip port, UDP and TCP (0 picks a free one).',
  }),
  mem('bindAddr', {
    name: 'GDD_MEM_BIND_ADDR',
    default: GOSSIP_DEFAULTS.bindAddr,
    example: '127.0.0.1',
    parse: p.text(),
    check: GOSSIP_RULES.bindAddr,
    description: 'Address the gossip sockets bind to. New in ts-doudou.',
  }),
  timing('deadTimeoutMs', {
    name: 'GDD_MEM_DEAD_TIMEOUT',
    example: '90',
    unit: 'duration',
    parse: seconds,
    description: 'GossipToTheDeadTime: how long a dead node is still gossiped to. Bare integer = seconds.',
  }),
  timing('pushPullIntervalMs', {
    name: 'GDD_MEM_SYNC_INTERVAL',
    example: '30s',
    unit: 'duration',
    parse: seconds,
    description: 'PushPullInterval: full state sync with a random node; 0 disables. Bare integer = seconds.',
  }),
  timing('reclaimTimeoutMs', {
    name: 'GDD_MEM_RECLAIM_TIMEOUT',
    example: '10s',
    unit: 'duration',
    parse: seconds,
    description: "DeadNodeReclaimTime: after this a dead node's name may rejoin from another address; 0 = never. Bare integer = seconds.",
  }),
  timing('probeIntervalMs', {
    name: 'GDD_MEM_PROBE_INTERVAL',
    example: '1s',
    unit: 'duration',
    parse: seconds,
    description: 'Failure-detection probe period. Bare integer = seconds.',
  }),
  timing('probeTimeoutMs', {
    name: 'GDD_MEM_PROBE_TIMEOUT',
    example: '500ms',
    unit: 'duration',
    parse: seconds,
    description:
      'Time to wait for a probe ack before probing indirectly; keep it below GDD_MEM_PROBE_INTERVAL (a warning says so). Bare integer = seconds.',
  }),
  timing('suspicionMult', {
    name: 'GDD_MEM_SUSPICION_MULT',
    example: '4',
    unit: 'count',
    parse: integer,
    description: 'Suspicion timeout = mult × log10(n+1) × probe interval.',
  }),
  timing('suspicionMaxTimeoutMult', {
    name: 'GDD_MEM_SUSPICION_MAX_MULT',
    example: '4',
    unit: 'count',
    parse: integer,
    description: 'SuspicionMaxTimeoutMult: upper bound of the suspicion timeout while few confirmations arrive. New in ts-doudou.',
  }),
  mem('awarenessMaxMultiplier', {
    name: 'GDD_MEM_AWARENESS_MAX',
    default: String(GOSSIP_DEFAULTS.awarenessMaxMultiplier),
    example: '4',
    parse: integer,
    check: GOSSIP_RULES.awarenessMaxMultiplier,
    description: 'AwarenessMaxMultiplier (Lifeguard local health). New in ts-doudou.',
  }),
  timing('gossipNodes', {
    name: 'GDD_MEM_GOSSIP_NODES',
    example: '3',
    unit: 'count',
    parse: integer,
    description: 'Nodes each gossip round sends to; 0 disables gossip rounds.',
  }),
  timing('gossipIntervalMs', {
    name: 'GDD_MEM_GOSSIP_INTERVAL',
    example: '200',
    unit: 'duration',
    parse: milliseconds,
    description: 'Gossip round period; 0 disables gossip rounds. Bare integer = milliseconds.',
  }),
  timing('tcpTimeoutMs', {
    name: 'GDD_MEM_TCP_TIMEOUT',
    example: '10s',
    unit: 'duration',
    parse: seconds,
    description: 'Timeout of TCP push/pull and fallback pings. Bare integer = seconds.',
  }),
  timing('indirectChecks', {
    name: 'GDD_MEM_INDIRECT_CHECKS',
    example: '2',
    unit: 'count',
    parse: integer,
    description: 'Nodes asked to probe indirectly after a failed direct probe.',
  }),
  timing('retransmitMult', {
    name: 'GDD_MEM_RETRANSMIT_MULT',
    example: '3',
    unit: 'count',
    parse: integer,
    description: 'A broadcast is sent mult × log10(n+1) times.',
  }),
  mem('weight', {
    name: 'GDD_MEM_WEIGHT',
    default: '1',
    example: '3',
    parse: integer,
    description: 'Static node weight for weighted balancing; ≤ 0 with GDD_MEM_WEIGHT_INTERVAL > 0 = dynamic weight.',
  }),
  // Must come after GDD_MEM_WEIGHT: when set, it wins (docs/go-doudou-differences.md#node-weight).
  v({
    name: 'GDD_WEIGHT',
    group: 'mem',
    default: '',
    defaultText: 'GDD_MEM_WEIGHT',
    field: 'mem.weight',
    example: '5',
    parse: p.optionalInt({ min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY }),
    description: 'Instance weight; when set it wins over GDD_MEM_WEIGHT.',
    assign: (d, x) => {
      if (x !== undefined) d.mem.weight = x;
    },
  }),
  mem('weightIntervalMs', {
    name: 'GDD_MEM_WEIGHT_INTERVAL',
    default: '0',
    example: '5s',
    parse: milliseconds,
    description: 'Dynamic weight period (used only when weight ≤ 0); 0 = off. Bare integer = milliseconds.',
  }),
  mem('logDisable', {
    name: 'GDD_MEM_LOG_DISABLE',
    default: 'false',
    example: 'true',
    parse: p.bool(),
    description: 'Silence gossip logs.',
  }),
  mem('cidrsAllowed', {
    name: 'GDD_MEM_CIDRS_ALLOWED',
    default: '',
    example: '10.0.0.0/8,fd00::/8',
    parse: p.cidrList(),
    description: 'Comma-separated CIDRs whose nodes may join; empty = everyone.',
  }),
  mem('keys', {
    name: 'GDD_MEM_KEYS',
    default: '',
    example: 'AAECAwQFBgcICQoLDA0ODw==',
    secret: true,
    parse: keyList,
    description:
      'Comma-separated base64 AES keys (16/24/32 bytes); the first encrypts, all decrypt. Empty = no encryption. Secret: shown as `***` in errors and logs. New in ts-doudou.',
  }),
  mem('label', {
    name: 'GDD_MEM_LABEL',
    default: GOSSIP_DEFAULTS.label,
    example: 'prod-eu',
    parse: p.text({ trim: false }),
    check: GOSSIP_RULES.label,
    description: 'Cluster label (≤ 255 bytes); packets with another label are dropped. New in ts-doudou.',
  }),
  mem('protocolVersion', {
    name: 'GDD_MEM_PROTOCOL_VERSION',
    default: String(GOSSIP_DEFAULTS.protocolVersion),
    example: '3',
    parse: integer,
    check: GOSSIP_RULES.protocolVersion,
    description: 'memberlist protocol version we speak (1–5). New in ts-doudou.',
  }),
  mem('delegateVersion', {
    name: 'GDD_MEM_DELEGATE_VERSION',
    default: '0:0:0',
    example: '2:5:5',
    parse: p.delegateVersion(),
    check: GOSSIP_RULES.delegateVersion,
    description:
      'Delegate versions `min:max:cur` (go-doudou uses 0:0:0; joining a Serf cluster needs min ≥ 2, e.g. 2:5:5). New in ts-doudou.',
  }),
  mem('compress', {
    name: 'GDD_MEM_COMPRESS',
    default: String(GOSSIP_DEFAULTS.compress),
    example: 'false',
    parse: p.bool(),
    description: 'LZW-compress outgoing gossip (EnableCompression). New in ts-doudou.',
  }),
  mem('rejoinIntervalMs', {
    name: 'GDD_MEM_REJOIN_INTERVAL',
    default: durationText(GOSSIP_DEFAULTS.rejoinIntervalMs),
    example: '30s',
    parse: seconds,
    check: GOSSIP_RULES.rejoinIntervalMs,
    description:
      'Period of rejoining seeds and recently dead members to heal partitions; 0 = off. Bare integer = seconds. New in ts-doudou.',
  }),
  mem('udpBufferSize', {
    name: 'GDD_MEM_UDP_BUFFER',
    default: String(GOSSIP_DEFAULTS.udpBufferSize),
    example: '1200',
    parse: integer,
    check: GOSSIP_RULES.udpBufferSize,
    description: 'Largest UDP packet we send (UDPBufferSize). New in ts-doudou.',
  }),
  mem('tcpPings', {
    name: 'GDD_MEM_TCP_PINGS',
    default: String(GOSSIP_DEFAULTS.tcpPings),
    example: 'false',
    parse: p.bool(),
    description: 'Try a TCP ping when UDP probes fail. New in ts-doudou.',
  }),
  mem('addrEncoding', {
    name: 'GDD_MEM_ADDR_ENCODING',
    default: GOSSIP_DEFAULTS.addrEncoding,
    example: 'text',
    parse: p.oneOf<AddrEncoding>(['ip-bytes', 'text']),
    description:
      "`ip-bytes`: addresses as 4/16 raw bytes, like hashicorp/memberlist and serf. `text`: addresses as strings, like go-doudou's memberlist fork (join a go-doudou cluster). New in ts-doudou.",
  }),
  mem('metaFormat', {
    name: 'GDD_MEM_META_FORMAT',
    default: 'v2',
    example: 'v1-msgpack',
    parse: p.oneOf<MetaFormat>(['v2', 'v1-msgpack', 'v1-json']),
    description:
      'Which go-doudou generation\'s node meta this node writes: `v2` (go-doudou 2.x NodeMeta), `v1-msgpack` (go-doudou v1.0.5–v1.3.7) or `v1-json` (v0.5.6–v1.0.0, the go-doudou README\'s era); the v1 formats carry one REST service. Every generation is always read. See README "Joining a go-doudou cluster". New in ts-doudou.',
  }),
  mem('meta', {
    name: 'GDD_MEM_META',
    default: '',
    example: 'role=api',
    parse: p.text({ trim: false }),
    check: GOSSIP_RULES.meta,
    description:
      'Node metadata to gossip, as text (≤ 512 bytes), for the standalone node (`npm run gossip-node`); an App in micro mode publishes its service metadata instead. New in ts-doudou.',
  }),
  mem('leaveTimeoutMs', {
    name: 'GDD_MEM_LEAVE_TIMEOUT',
    default: durationText(GOSSIP_DEFAULTS.leaveTimeoutMs),
    example: '3s',
    parse: seconds,
    check: GOSSIP_RULES.leaveTimeoutMs,
    description: 'On shutdown, how long the node waits for its leave to spread before it stops. Bare integer = seconds. New in ts-doudou.',
  }),
]);
