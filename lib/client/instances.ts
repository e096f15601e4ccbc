/**
 * Where a client's calls can go. The gossip registry implements `InstanceSource` over cluster membership;
 * `StaticInstances` is a real, mutable list (fixed deployments, tests) and `FixedBaseUrl` the monolith /
 * env-var mode (go-doudou's `NewServiceProvider(ENV)`, docs/go-doudou-differences.md#instance-selection).
 */
import { ClientConfigError } from './client-config-errors';

/** One reachable copy of a service. */
export interface ServiceInstance {
  /** Stable identity (gossip node name, `host:port`); balancers keep their state per id. */
  readonly id: string;
  /** `http://host:port` plus the instance's GDD_ROUTE_ROOT_PATH, e.g. `http://10.0.0.5:6060/api`. */
  readonly baseUrl: string;
  /** Relative share of traffic for weighted balancing; 1 is normal, 0 means "only if nothing else". */
  readonly weight: number;
}

/** Current instances of a service. Called once per attempt, so it must be cheap (return a cached array). */
export interface InstanceSource {
  instances(service: string): readonly ServiceInstance[];
}

/** Checks and normalises a base URL: absolute http(s), no trailing slash, no query or fragment. */
export function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ClientConfigError('INVALID_BASE_URL', `base URL '${baseUrl}' is not an absolute URL (expected e.g. http://127.0.0.1:6060)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ClientConfigError('INVALID_BASE_URL', `base URL '${baseUrl}' must be http or https`);
  if (url.search !== '' || url.hash !== '')
    throw new ClientConfigError('INVALID_BASE_URL', `base URL '${baseUrl}' must not have a query or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** A fixed list per service that can change at run time (add, remove, replace). */
export class StaticInstances implements InstanceSource {
  private readonly byService = new Map<string, readonly ServiceInstance[]>();

  /** `new StaticInstances({ usersvc: [{ id: 'a', baseUrl: 'http://…', weight: 1 }] })` */
  constructor(initial: Readonly<Record<string, readonly ServiceInstance[]>> = {}) {
    for (const [service, list] of Object.entries(initial)) this.set(service, list);
  }

  instances(service: string): readonly ServiceInstance[] {
    return this.byService.get(service) ?? [];
  }

  /** Replaces the service's list. Ids must be unique; base URLs are normalised; weights must be ≥ 0. */
  set(service: string, list: readonly ServiceInstance[]): this {
    const seen = new Set<string>();
    const checked = list.map((i) => {
      if (seen.has(i.id)) throw new ClientConfigError('DUPLICATE_INSTANCE', `instance id '${i.id}' appears twice for service '${service}'`);
      seen.add(i.id);
      if (!Number.isFinite(i.weight) || i.weight < 0)
        throw new ClientConfigError('INVALID_WEIGHT', `instance '${i.id}': weight ${i.weight} is not a number ≥ 0`);
      return Object.freeze({ id: i.id, baseUrl: normaliseBaseUrl(i.baseUrl), weight: i.weight });
    });
    // A new frozen array per change: callers may hold the old one safely, reads allocate nothing.
    this.byService.set(service, Object.freeze(checked));
    return this;
  }

  /** Adds an instance, or replaces the one with the same id (e.g. a new weight). */
  add(service: string, instance: ServiceInstance): this {
    const others = this.instances(service).filter((i) => i.id !== instance.id);
    const existing = this.instances(service).findIndex((i) => i.id === instance.id);
    const list = [...others];
    list.splice(existing === -1 ? list.length : existing, 0, instance);
    return this.set(service, list);
  }

  /** Removes an instance by id; true when it was there. */
  remove(service: string, id: string): boolean {
    const list = this.instances(service);
    if (!list.some((i) => i.id === id)) return false;
    this.set(
      service,
      list.filter((i) => i.id !== id),
    );
    return true;
  }
}

/** One base URL for every service (monolith mode, or a URL from an env var / a load balancer in front). */
export class FixedBaseUrl implements InstanceSource {
  private readonly list: readonly ServiceInstance[];

  constructor(baseUrl: string) {
    const url = normaliseBaseUrl(baseUrl);
    this.list = Object.freeze([Object.freeze({ id: url, baseUrl: url, weight: 1 })]);
  }

  instances(): readonly ServiceInstance[] {
    return this.list;
  }
}
