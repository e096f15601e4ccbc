import { strict as assert } from 'node:assert';
import { RoundRobinBalancer } from '../../lib/client/round-robin-balancer';
import { resolveBalancer } from '../../lib/client/balancer';
import { SmoothWeightedRoundRobinBalancer } from '../../lib/client/smooth-weighted-balancer';
import type { ServiceInstance } from '../../lib/client/instances';
import { ClientConfigError } from '../../lib/client/client-config-errors';
import { throwsCode } from '../support/errors';

const inst = (id: string, weight = 1): ServiceInstance => ({ id, baseUrl: `http://${id}.test`, weight });

describe('client/RoundRobinBalancer', () => {
  it('cycles through candidates in order starting with the first, ignoring weights', () => {
    const b = new RoundRobinBalancer();
    const list = [inst('a', 9), inst('b', 1), inst('c', 0)];
    assert.equal(Array.from({ length: 7 }, () => b.pick(list).id).join(''), 'abcabca');
  });

  it('keeps cycling when the list changes size', () => {
    const b = new RoundRobinBalancer();
    b.pick([inst('a'), inst('b')]);
    assert.equal(b.pick([inst('a'), inst('b'), inst('c')]).id, 'b');
    assert.equal(b.pick([inst('a'), inst('b'), inst('c')]).id, 'c');
  });

  it('throws NO_CANDIDATES on an empty candidate list', () => {
    throwsCode(() => new RoundRobinBalancer().pick([]), ClientConfigError, 'NO_CANDIDATES', 'no candidates');
  });

  it('resolveBalancer() maps names, passes objects through and rejects unknown names', () => {
    assert.ok(resolveBalancer(undefined) instanceof RoundRobinBalancer);
    assert.ok(resolveBalancer('smooth-weighted') instanceof SmoothWeightedRoundRobinBalancer);
    const mine = { pick: (c: readonly ServiceInstance[]) => c[0]! };
    assert.equal(resolveBalancer(mine), mine);
    throwsCode(() => resolveBalancer('random' as 'round-robin'), ClientConfigError, 'UNKNOWN_BALANCER', "unknown balancer 'random'");
  });
});
