import { strict as assert } from 'node:assert';
import { SmoothWeightedRoundRobinBalancer } from '../../lib/client/smooth-weighted-balancer';
import type { ServiceInstance } from '../../lib/client/instances';
import { ClientConfigError } from '../../lib/client/client-config-errors';
import { throwsCode } from '../support/errors';

const inst = (id: string, weight: number): ServiceInstance => ({ id, baseUrl: `http://${id}.test`, weight });

function sequence(b: SmoothWeightedRoundRobinBalancer, list: readonly ServiceInstance[], n: number): string {
  return Array.from({ length: n }, () => b.pick(list).id).join('');
}

describe('client/SmoothWeightedRoundRobinBalancer', () => {
  it("gives nginx's sequence a a b a c a a for weights 5, 1, 1, and repeats it", () => {
    const b = new SmoothWeightedRoundRobinBalancer();
    const list = [inst('a', 5), inst('b', 1), inst('c', 1)];
    assert.equal(sequence(b, list, 7), 'aabacaa');
    assert.equal(sequence(b, list, 7), 'aabacaa');
  });

  it('splits exactly by weight over every full cycle (3, 2, 1 → 3/2/1 of each 6)', () => {
    const list = [inst('x', 3), inst('y', 2), inst('z', 1)];
    const b2 = new SmoothWeightedRoundRobinBalancer();
    const c2: Record<string, number> = { x: 0, y: 0, z: 0 };
    for (let i = 0; i < 600; i++) c2[b2.pick(list).id]!++;
    assert.deepEqual(c2, { x: 300, y: 200, z: 100 });
  });

  it('never picks weight 0 while another candidate has weight > 0', () => {
    const b = new SmoothWeightedRoundRobinBalancer();
    const list = [inst('zero', 0), inst('one', 1), inst('two', 2)];
    const ids = new Set(Array.from({ length: 30 }, () => b.pick(list).id));
    assert.deepEqual([...ids].sort(), ['one', 'two']);
  });

  it('falls back to plain round-robin when every weight is 0', () => {
    const b = new SmoothWeightedRoundRobinBalancer();
    assert.equal(sequence(b, [inst('a', 0), inst('b', 0), inst('c', 0)], 6), 'abcabc');
  });

  it('keeps state per instance id: a newcomer starts at 0 and the others keep their turn', () => {
    const b = new SmoothWeightedRoundRobinBalancer();
    const a = inst('a', 1);
    const c = inst('c', 1);
    assert.equal(sequence(b, [a, c], 3), 'aca');
    // c's current weight is +1 relative to a; a newcomer in the middle of the list does not disturb that
    assert.equal(sequence(b, [a, inst('n', 1), c], 3), 'cna');
    assert.equal(b.snapshot().get('n'), -2 + 1 + 1);
  });

  it('forgets departed instances once many have left (bounded memory)', () => {
    const b = new SmoothWeightedRoundRobinBalancer();
    for (let i = 0; i < 50; i++) b.pick([inst(`gone-${i}`, 1)]);
    b.pick([inst('stay', 1)]);
    assert.ok(b.snapshot().size <= 19, `kept ${b.snapshot().size} ids`);
    assert.ok(b.snapshot().has('stay'));
  });

  it('throws on an empty candidate list', () => {
    throwsCode(() => new SmoothWeightedRoundRobinBalancer().pick([]), ClientConfigError, 'NO_CANDIDATES', 'no candidates');
  });
});
