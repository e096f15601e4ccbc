import { strict as assert } from 'node:assert';
import { Simulation, type SimulationOptions } from '../../../lib/discovery/sim/simulation';

function cluster(n: number, options: SimulationOptions): { sim: Simulation; names: string[] } {
  const sim = new Simulation(options);
  const names = Array.from({ length: n }, (_, i) => `n${i}`);
  for (const name of names) sim.addNode(name);
  for (const name of names.slice(1)) sim.join(name, ['n0']);
  return { sim, names };
}

const everyoneSees = (sim: Simulation, n: number) => (): boolean => sim.all.filter((x) => x.up).every((x) => x.core.members().length === n);

describe('discovery/sim: simulated clusters', () => {
  it('converges a 50-node cluster joined through one seed', () => {
    const { sim } = cluster(50, { seed: 11 });
    const at = sim.runUntilTrue(everyoneSees(sim, 50), 30_000);
    assert.ok(at !== undefined, 'not converged within 30 virtual seconds');
    assert.equal(sim.events.filter((e) => e.type === 'dead' || e.type === 'suspect').length, 0);
  });

  it('has every node mark a crashed node dead, within the suspicion bounds', () => {
    const { sim } = cluster(20, { seed: 12 });
    assert.ok(sim.runUntilTrue(everyoneSees(sim, 20), 30_000) !== undefined);
    sim.runFor(5000);
    sim.crash('n7');
    const crashedAt = sim.now;
    const allDead = (): boolean => sim.all.filter((x) => x.up).every((x) => x.core.member('n7')?.state === 'dead');
    const at = sim.runUntilTrue(allDead, crashedAt + 120_000);
    assert.ok(at !== undefined, 'n7 not dead everywhere within 120 s');
    // LAN, n = 20: min = 4 × log10(20) s = 5.204 s; max = 6 × min. First detection needs a probe (≤ ~20 s round).
    const elapsed = at - crashedAt;
    assert.ok(elapsed >= 5204, `dead after ${elapsed} ms, faster than the minimum suspicion timeout`);
    assert.ok(elapsed <= 20_000 + 31_224, `dead after ${elapsed} ms`);
    const wrongly = sim.events.filter((e) => e.type === 'dead' && e.subject !== 'n7');
    assert.deepEqual(wrongly, [], 'no healthy node declared dead');
  });

  for (const rejoin of [true, false]) {
    it(
      rejoin
        ? 'heals a 25 s partition within 30 s after it ends, through the rejoin loop'
        : 'stays split after a 25 s partition without the rejoin loop (plain memberlist behaviour)',
      () => {
        const { sim, names } = cluster(10, { seed: 2, node: { profile: 'local', rejoinIntervalMs: rejoin ? 10_000 : 0 } });
        assert.ok(sim.runUntilTrue(everyoneSees(sim, 10), 30_000) !== undefined);
        const start = sim.now + 1000;
        const end = start + 25_000;
        sim.partition(names.slice(0, 5), names.slice(5), start, end);
        sim.runUntil(end);
        assert.ok(everyoneSees(sim, 5)(), 'each side sees only itself at the end of the partition');
        const healed = sim.runUntilTrue(everyoneSees(sim, 10), end + 30_000);
        if (rejoin) assert.ok(healed !== undefined, 'not healed 30 s after the partition ended');
        else assert.equal(healed, undefined, 'healed without the rejoin loop');
      },
    );
  }

  it('is deterministic: the same seed gives the same trace, another seed a different one', () => {
    const traceOf = (seed: number): string[] => {
      const { sim } = cluster(8, { seed, trace: true, loss: 0.05 });
      sim.runUntil(5000);
      sim.crash('n3');
      sim.runUntil(20_000);
      return sim.trace;
    };
    const first = traceOf(21);
    assert.ok(first.length > 300, `trace has ${first.length} lines`);
    assert.deepEqual(traceOf(21), first);
    assert.notDeepEqual(traceOf(22), first);
  });

  it('round-trips every message through the wire codec and still converges', () => {
    const { sim } = cluster(12, { seed: 14, codec: true });
    assert.ok(sim.runUntilTrue(everyoneSees(sim, 12), 30_000) !== undefined);
  });

  it('accepts a restarted node at a new address after deadNodeReclaim', () => {
    const { sim } = cluster(6, { seed: 15, node: { reclaimTimeoutMs: 3000 } });
    assert.ok(sim.runUntilTrue(everyoneSees(sim, 6), 30_000) !== undefined);
    sim.crash('n4');
    assert.ok(sim.runUntilTrue(() => sim.node('n0').core.member('n4')?.state === 'dead', sim.now + 60_000) !== undefined);
    sim.runFor(4000);
    sim.restart('n4', ['n0'], { addr: '10.9.9.9', port: 7946 });
    const moved = (): boolean => sim.all.every((x) => x.core.member('n4')?.addr === '10.9.9.9' && x.core.member('n4')?.state === 'alive');
    assert.ok(sim.runUntilTrue(moved, sim.now + 30_000) !== undefined, 'not everyone took the new address');
  });

  it('propagates a voluntary leave as left, not dead', () => {
    const { sim } = cluster(8, { seed: 16 });
    assert.ok(sim.runUntilTrue(everyoneSees(sim, 8), 30_000) !== undefined);
    sim.leave('n5');
    const left = (): boolean => sim.all.filter((x) => x.name !== 'n5').every((x) => x.core.member('n5')?.state === 'left');
    assert.ok(sim.runUntilTrue(left, sim.now + 10_000) !== undefined);
    assert.ok(sim.node('n5').core.isLeaveComplete());
    assert.equal(sim.events.filter((e) => e.subject === 'n5' && e.type === 'dead').length, 0);
  });
});
