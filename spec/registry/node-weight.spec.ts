import { strict as assert } from 'node:assert';
import { decodeNodeMeta } from '../../lib/registry/node-meta';
import { dynamicWeight, NodeWeigher, osCpuIdleSampler } from '../../lib/registry/node-weight';
import { LocalRegistration } from '../../lib/registry/local-registration';
import { ServiceRegistry } from '../../lib/registry/service-registry';
import { NodeSet, seedOf } from '../support/gossip-nodes';
import { waitFor } from '../support/wait-for';

describe('registry/node-weight', () => {
  describe('dynamicWeight', () => {
    it("follows go-doudou's formula round((max − health) × 0.6 + max × idle × 0.4)", () => {
      assert.equal(dynamicWeight(8, 0, 1), 8); // healthy and idle
      assert.equal(dynamicWeight(8, 0, 0), 5); // 4.8
      assert.equal(dynamicWeight(8, 7, 0), 1); // 0.6 → 1
      assert.equal(dynamicWeight(8, 3, 0.5), 5); // 3 + 1.6 = 4.6
      assert.equal(dynamicWeight(8, 2, 0.25), 4); // 3.6 + 0.8 = 4.4
    });

    it('never goes below 1 and clamps out-of-range inputs', () => {
      assert.equal(dynamicWeight(1, 0, 0), 1);
      assert.equal(dynamicWeight(8, 99, -3), 1);
      assert.equal(dynamicWeight(8, -5, 7), 8);
      assert.equal(dynamicWeight(8, 0, Number.NaN), 5);
    });
  });

  describe('NodeWeigher', () => {
    it('keeps a static weight and never samples', () => {
      let samples = 0;
      const w = new NodeWeigher({ weight: 3, intervalMs: 100, healthScore: () => 0, cpuIdle: () => (samples++, 1) });
      assert.equal(w.dynamic, false);
      assert.equal(w.weight, 3);
      assert.equal(w.weightAt, undefined);
      assert.equal(w.sample(), false);
      w.start();
      w.close();
      assert.equal(samples, 0);
    });

    it('is static when weight ≤ 0 but the interval is 0 (go-doudou: dynamic needs both)', () => {
      const w = new NodeWeigher({ weight: 0, intervalMs: 0, healthScore: () => 0, cpuIdle: () => 1 });
      assert.equal(w.dynamic, false);
      assert.equal(w.weight, 0);
    });

    it('computes a first dynamic weight at once and reports only changes, with their time', () => {
      let idle = 1;
      let health = 0;
      let clock = 1000;
      const changes: Array<[number, number]> = [];
      const w = new NodeWeigher({
        weight: 0,
        intervalMs: 50,
        healthScore: () => health,
        cpuIdle: () => idle,
        now: () => clock,
        onChange: (weight, at) => changes.push([weight, at]),
      });
      assert.equal(w.dynamic, true);
      assert.equal(w.weight, 8);
      assert.equal(w.weightAt, 1000);
      clock = 2000;
      assert.equal(w.sample(), false, 'same inputs, same weight: nothing to publish');
      idle = 0;
      health = 2;
      clock = 3000;
      assert.equal(w.sample(), true);
      assert.equal(w.weight, 4); // 3.6 + 0
      assert.deepEqual(changes, [[4, 3000]]);
    });

    it('re-samples on its own every interval until closed', async () => {
      let calls = 0;
      const seen: number[] = [];
      const w = new NodeWeigher({
        weight: 0,
        intervalMs: 20,
        healthScore: () => 0,
        cpuIdle: () => (calls++ % 2 ? 0 : 1),
        onChange: (n) => seen.push(n),
      });
      w.start();
      await waitFor(() => seen.length >= 2, { message: 'two changes from the timer' });
      w.close();
      const after = calls;
      assert.ok(
        seen.every((n) => n === 5 || n === 8),
        `weights ${seen.join(',')}`,
      );
      // A second weigher with the same period ticking three times proves time passed for several periods.
      let ticks = 0;
      const clock = new NodeWeigher({ weight: 0, intervalMs: 20, healthScore: () => 0, cpuIdle: () => (ticks++, 1) });
      clock.start();
      await waitFor(() => ticks >= 4, { message: 'reference weigher ticked' });
      clock.close();
      assert.equal(calls, after, 'no sampling after close()');
    });
  });

  describe('osCpuIdleSampler', () => {
    it('returns fractions between 0 and 1', () => {
      const sample = osCpuIdleSampler();
      for (let i = 0; i < 3; i++) {
        const v = sample();
        assert.ok(v >= 0 && v <= 1, `idle ${v}`);
      }
    });
  });

  describe('dynamic weight over gossip', function () {
    this.timeout(30_000);
    const set = new NodeSet();
    const closers: Array<() => void> = [];
    afterEach(async () => {
      closers.splice(0).forEach((c) => c());
      await set.shutdownAll();
    });

    it("republishes a changed weight with weightAt and it reaches another node's registry", async () => {
      const a = await set.start('a');
      const b = await set.start('b');
      const registryAtA = new ServiceRegistry(a);
      closers.push(() => registryAtA.close());
      let idle = 1;
      const reg = new LocalRegistration(b, {
        services: [{ name: 'usersvc', port: 6060 }],
        weight: 0,
        weightIntervalMs: 50,
        cpuIdle: () => idle,
      });
      closers.push(() => reg.close());
      reg.start();
      await b.join([seedOf(a)]);
      const first = await waitFor(() => registryAtA.instances('usersvc')[0], { message: 'a sees b' });
      // idle = 1: round((8 − health) × 0.6 + 3.2) ≥ 4 whatever the health score; busy (idle 0) is always lower.
      assert.ok(first.weight >= 4, `idle node weighs ≥ 4, got ${first.weight}`);
      assert.equal(typeof first.meta.weightAt, 'number');
      idle = 0; // b gets busy: weight ≤ round(8 × 0.6) = 5 and below the idle weight
      const busy = await waitFor(
        () => {
          const inst = registryAtA.instances('usersvc')[0];
          return inst && inst.weight < first.weight && inst.weight === reg.weigher.weight && inst;
        },
        { message: "b's lower weight reaches a" },
      );
      assert.ok(busy.weight <= 5);
      assert.ok((busy.meta.weightAt ?? 0) > (first.meta.weightAt ?? 0), 'newer weightAt');
      assert.equal(decodeNodeMeta(b.localNode.meta)?.weight, busy.weight, "b's own meta carries it too");
    });
  });
});
