/**
 * /go-doudou/prometheus/sd: the cluster as Prometheus HTTP service discovery (`http_sd_configs`) sees it —
 * a JSON array of target groups `{ targets: ['host:port'], labels: { … } }`, one per live instance, each
 * scraped at /go-doudou/prometheus. Any micro-mode node answers for the whole membership, so this replaces
 * go-doudou's separate "seed" discovery service. Prometheus polls it (refresh_interval), so members that
 * join, leave or die show up and drop out by themselves.
 */
import type { Context } from 'koa';

/** One instance to scrape, as the registry knows it. */
export interface ScrapeTarget {
  /** `host:port` of the instance's HTTP server. */
  readonly address: string;
  /** Service name without `_rest`. */
  readonly service: string;
  /** Node name (GDD_MEM_NAME). */
  readonly hostname: string;
  /** GDD_SERVICE_VERSION, '' when unset. */
  readonly version: string;
  /** GDD_SERVICE_GROUP, '' when unset. */
  readonly group: string;
}

export type ScrapeTargetProvider = () => readonly ScrapeTarget[];

export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

export const METRICS_PATH = '/go-doudou/prometheus';

/**
 * Target groups, one per address: services served by one process (a monolith in micro mode) share its
 * /go-doudou/prometheus, which must be scraped once — their names are joined in the `service` label.
 */
export function targetGroups(targets: readonly ScrapeTarget[]): TargetGroup[] {
  const byAddress = new Map<string, ScrapeTarget[]>();
  for (const t of targets) {
    const list = byAddress.get(t.address);
    if (list) list.push(t);
    else byAddress.set(t.address, [t]);
  }
  return [...byAddress.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([address, list]) => {
      const first = list[0]!;
      const labels: Record<string, string> = {
        __metrics_path__: METRICS_PATH,
        service: [...new Set(list.map((t) => t.service))].sort().join(','),
        hostname: first.hostname,
      };
      if (first.version) labels.version = first.version;
      if (first.group) labels.group = first.group;
      return { targets: [address], labels };
    });
}

export function serveScrapeTargets(ctx: Context, provider: ScrapeTargetProvider): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json'; // Prometheus refuses any other content type
  ctx.body = JSON.stringify(targetGroups(provider()));
}
