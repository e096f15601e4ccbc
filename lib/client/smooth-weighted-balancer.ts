import type { Balancer } from './balancer';
import type { ServiceInstance } from './instances';
import { ClientConfigError } from './client-config-errors';

/**
 * nginx's smooth weighted round-robin (ngx_http_upstream_round_robin.c, also go-doudou's SWRR provider,
 * docs/go-doudou-differences.md#instance-selection): every pick adds each candidate's weight to its current weight, takes the
 * largest (the first on ties, in list order) and subtracts the total from it. Weights 5,1,1 give
 * a a b a c a a — the heavy instance is spread out, not picked five times in a row.
 *
 * Decisions:
 * - Current weights are kept per instance id, so an instance joining or leaving does not reset the others.
 *   A newcomer starts at 0. Ids that have not been candidates for a while are forgotten (bounded memory).
 * - Weight 0 means "never, unless every candidate has weight 0": then all count as weight 1 (plain
 *   round-robin) rather than failing — a cluster whose dynamic weights all dropped to 0 still serves.
 */
export class SmoothWeightedRoundRobinBalancer implements Balancer {
  private readonly current = new Map<string, number>();

  pick(candidates: readonly ServiceInstance[]): ServiceInstance {
    if (candidates.length === 0) throw new ClientConfigError('NO_CANDIDATES', 'SmoothWeightedRoundRobinBalancer.pick: no candidates');
    const allZero = candidates.every((c) => !(c.weight > 0));
    let total = 0;
    let best: ServiceInstance | undefined;
    let bestWeight = -Infinity;
    for (const c of candidates) {
      const weight = allZero ? 1 : c.weight > 0 ? c.weight : 0;
      if (weight === 0) continue;
      const w = (this.current.get(c.id) ?? 0) + weight;
      this.current.set(c.id, w);
      total += weight;
      if (w > bestWeight) {
        bestWeight = w;
        best = c;
      }
    }
    const chosen = best!;
    this.current.set(chosen.id, bestWeight - total);
    // Forget departed ids, but not on every pick: a retry picks among a subset and should not reset the rest.
    if (this.current.size > 2 * candidates.length + 16) this.forgetAllBut(candidates);
    return chosen;
  }

  /** Current weights by id (for tests and the registry page). */
  snapshot(): ReadonlyMap<string, number> {
    return new Map(this.current);
  }

  private forgetAllBut(candidates: readonly ServiceInstance[]): void {
    const keep = new Set(candidates.map((c) => c.id));
    for (const id of this.current.keys()) if (!keep.has(id)) this.current.delete(id);
  }
}
