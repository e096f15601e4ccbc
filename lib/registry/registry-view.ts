/**
 * Rows of the /go-doudou/registry page (docs/go-doudou-differences.md#management-endpoints): one row per (node, service), alive and suspect
 * nodes, with go-doudou's columns plus version, weight and lastChange.
 */
import type { RegistryPageInstance, RegistryPageState, RegistryRow, RegistryView } from '../http/manage/registry-page';
import type { MetaValue } from './node-meta';
import { plainServiceName, type RegistryInstance } from './registry-instance';

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/**
 * "3 hours 2 minutes": the two most significant units, like go-doudou's registry page. A zero second unit is
 * left out ("2 days", not "2 days 0 hours"); under a second is "0 seconds".
 */
export function formatUptime(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  const first = UNITS.findIndex(([, size]) => total >= size);
  if (first < 0) return '0 seconds';
  const phrase = (n: number, name: string): string => `${n} ${name}${n === 1 ? '' : 's'}`;
  const [name, size] = UNITS[first];
  const major = Math.floor(total / size);
  const parts = [phrase(major, name)];
  const next = UNITS[first + 1];
  if (next) {
    const minor = Math.floor((total - major * size) / next[1]);
    if (minor > 0) parts.push(phrase(minor, next[0]));
  }
  return parts.join(' ');
}

function dataCell(data: Readonly<Record<string, MetaValue>> | undefined): Readonly<Record<string, string>> | undefined {
  if (!data) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

/** An instance that left the membership, kept on the page for a while (departed-instances.ts). */
export interface DepartedInstance {
  readonly instance: RegistryInstance;
  readonly state: Extract<RegistryPageState, 'dead' | 'left'>;
  readonly at: Date;
}

/** `http://host:port` of the instance's HTTP server (the /go-doudou/* endpoints ignore the route root path). */
function origin(inst: RegistryInstance): string {
  const rawHost = inst.serviceInfo.host || inst.node.addr;
  const host = rawHost.includes(':') && !rawHost.startsWith('[') ? `[${rawHost}]` : rawHost;
  return `http://${host}:${inst.serviceInfo.port}`;
}

function pageInstance(inst: RegistryInstance, state: RegistryPageState, since: Date): RegistryPageInstance {
  const base = origin(inst);
  return {
    service: plainServiceName(inst.service),
    node: inst.node.name,
    baseUrl: inst.baseUrl,
    state,
    since: since.toISOString(),
    weight: inst.weight,
    version: inst.meta.version ?? '',
    runtime: inst.meta.goVer,
    framework: inst.meta.gddVer,
    docsUrl: `${base}/go-doudou/doc`,
    metricsUrl: `${base}/go-doudou/prometheus`,
  };
}

/**
 * Rows in the order given (the registry sorts them by service, then node name); `instances` adds the
 * departed ones, sorted the same way, for the page.
 */
export function registryView(
  instances: readonly RegistryInstance[],
  now: number,
  departed: readonly DepartedInstance[] = [],
): RegistryView {
  const rows: RegistryRow[] = instances.map((inst, i) => ({
    index: i + 1,
    svcName: inst.service,
    hostname: inst.node.name,
    baseUrl: inst.baseUrl,
    status: inst.state === 'alive' ? 'up' : 'suspect',
    uptime: inst.registerAt ? formatUptime(now - inst.registerAt.getTime()) : '',
    version: inst.meta.version ?? '',
    goVer: inst.meta.goVer,
    gddVer: inst.meta.gddVer,
    buildUser: inst.meta.buildUser,
    buildTime: inst.meta.buildTime,
    data: dataCell(inst.serviceInfo.data),
    host: inst.serviceInfo.host || inst.node.addr,
    svcPort: inst.serviceInfo.port,
    memPort: inst.node.port,
    weight: inst.weight,
    lastChange: inst.lastChange.toISOString(),
  }));
  const page = [
    ...instances.map((i) => pageInstance(i, i.state, i.lastChange)),
    ...departed.map((d) => pageInstance(d.instance, d.state, d.at)),
  ].sort((a, b) => (a.service === b.service ? (a.node < b.node ? -1 : a.node > b.node ? 1 : 0) : a.service < b.service ? -1 : 1));
  return { rows, instances: page, now: new Date(now).toISOString() };
}
