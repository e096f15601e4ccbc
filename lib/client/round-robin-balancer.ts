import type { Balancer } from './balancer';
import type { ServiceInstance } from './instances';
import { ClientConfigError } from './client-config-errors';

/**
 * Plain round-robin: the n-th pick takes candidate n mod length. go-doudou's RR provider starts at index 1
 * (it increments before reading); we start at 0 so a fresh client's first call goes to the first instance.
 * Weights are ignored.
 */
export class RoundRobinBalancer implements Balancer {
  private next = 0;

  pick(candidates: readonly ServiceInstance[]): ServiceInstance {
    if (candidates.length === 0) throw new ClientConfigError('NO_CANDIDATES', 'RoundRobinBalancer.pick: no candidates');
    const chosen = candidates[this.next % candidates.length]!;
    // Wrap well below 2^53 so the modulo stays exact forever.
    this.next = (this.next + 1) % 1_000_000_007;
    return chosen;
  }
}
