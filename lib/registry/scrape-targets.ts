/** Registry instances → the scrape targets of /go-doudou/prometheus/sd (lib/http/manage/prometheus-sd.ts). */
import type { ScrapeTarget } from '../http/manage/prometheus-sd';
import { plainServiceName, type RegistryInstance } from './registry-instance';

/** REST instances, alive or suspect (a suspect one may come back; Prometheus shows it down meanwhile). */
export function scrapeTargets(instances: readonly RegistryInstance[]): ScrapeTarget[] {
  const out: ScrapeTarget[] = [];
  for (const inst of instances) {
    if (inst.type !== 'rest') continue;
    const rawHost = inst.serviceInfo.host || inst.node.addr;
    const host = rawHost.includes(':') && !rawHost.startsWith('[') ? `[${rawHost}]` : rawHost;
    const group = inst.serviceInfo.data?.group;
    out.push({
      address: `${host}:${inst.serviceInfo.port}`,
      service: plainServiceName(inst.service),
      hostname: inst.node.name,
      version: inst.meta.version ?? '',
      group: typeof group === 'string' ? group : '',
    });
  }
  return out;
}
