import { strict as assert } from 'node:assert';
import { RoundRobinBalancer } from '../../lib/client/round-robin-balancer';
import { resolveBalancer } from '../../lib/client/balancer';
import { SmoothWeightedRoundRobinBalancer } from '../../lib/client/smooth-weighted-balancer';
import type { ServiceInstance } from '../../lib/client/instances';

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

  it('resolveBalancer() maps names, passes objects through and rejects unknown names', () => {
    assert.ok(resolveBalancer(undefined) instanceof RoundRobinBalancer);
    assert.ok(resolveBalancer('smooth-weighted') instanceof SmoothWeightedRoundRobinBalancer);
    const mine = { pick: (c: readonly ServiceInstance[]) => c[0]! };
    assert.equal(resolveBalancer(mine), mine);
    assert.throws(() => resolveBalancer('random' as 'round-robin'), /unknown balancer 'random'/);
  });
});
