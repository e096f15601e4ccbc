/**
 * Choosing one instance per attempt. Balancers are pure classes: they see the candidate list (the current
 * instances, minus those that just failed during this call) and keep only their own counters.
 */
import type { ServiceInstance } from './instances';
import { RoundRobinBalancer } from './round-robin-balancer';
import { SmoothWeightedRoundRobinBalancer } from './smooth-weighted-balancer';
import { ClientConfigError } from './client-config-errors';

export interface Balancer {
  /** One of `candidates` (never empty when called). */
  pick(candidates: readonly ServiceInstance[]): ServiceInstance;
}

export type BalancerName = 'round-robin' | 'smooth-weighted';

/** A balancer by name (each client gets its own state), or the given instance. */
export function resolveBalancer(balancer: BalancerName | Balancer | undefined): Balancer {
  if (balancer === undefined || balancer === 'round-robin') return new RoundRobinBalancer();
  if (balancer === 'smooth-weighted') return new SmoothWeightedRoundRobinBalancer();
  if (typeof balancer === 'object' && typeof balancer.pick === 'function') return balancer;
  throw new ClientConfigError(
    'UNKNOWN_BALANCER',
    `unknown balancer '${String(balancer)}' (expected 'round-robin', 'smooth-weighted' or an object with pick())`,
  );
}
