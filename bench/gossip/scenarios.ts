/** Simulation scenarios measured by the gossip benchmark (virtual time; see run.ts). */
import type { SwimOptions } from '../../lib/discovery/core/types';
import { Simulation } from '../../lib/discovery/sim/simulation';

export interface ClusterSpec {
  n: number;
  seed: number;
  loss?: number;
  node?: Partial<SwimOptions>;
}

/** A converged cluster (warm start, then 5 s of normal operation to settle the loops). */
export function warmCluster(spec: ClusterSpec): Simulation {
  const sim = new Simulation({ seed: spec.seed, loss: spec.loss ?? 0, node: spec.node, recordEvents: false });
  for (let i = 0; i < spec.n; i++) sim.addNode(`n${i}`);
  sim.preconverge();
  sim.runFor(5000);
  return sim;
}

export interface JoinResult {
  /** Virtual ms from join() until 99.9 % of nodes (rounded up) list the newcomer as alive. */
  ms: number;
  /** The same in gossip rounds (ms / gossipInterval). */
  rounds: number;
}

export function measureJoin(spec: ClusterSpec): JoinResult {
  const sim = warmCluster(spec);
  const target = Math.ceil(0.999 * (spec.n + 1));
  let knowing = 1;
  sim.onEvent = (e) => {
    if (e.subject === 'newcomer' && e.type === 'join') knowing++;
  };
  sim.addNode('newcomer', spec.node);
  const start = sim.now;
  sim.join('newcomer', ['n0']);
  const at = sim.runUntilTrue(() => knowing >= target, start + 120_000, 10);
  const ms = at === undefined ? Number.NaN : at - start;
  const interval = sim.node('n0').core.options.gossipIntervalMs;
  return { ms, rounds: ms / interval };
}

export interface CrashResult {
  /** Virtual ms from the crash to the first suspicion anywhere. */
  firstSuspectMs: number;
  /** Virtual ms from the crash until every live node lists it as dead. */
  allDeadMs: number;
  probeInterval: number;
}

export function measureCrash(spec: ClusterSpec): CrashResult {
  const sim = warmCluster(spec);
  const victim = `n${1 + Math.floor(spec.n / 2)}`;
  let firstSuspect = Number.NaN;
  let deadCount = 0;
  sim.onEvent = (e) => {
    if (e.subject !== victim) return;
    if (e.type === 'suspect' && Number.isNaN(firstSuspect)) firstSuspect = e.at;
    if (e.type === 'dead') deadCount++;
  };
  sim.crash(victim);
  const start = sim.now;
  const at = sim.runUntilTrue(() => deadCount >= spec.n - 1, start + 300_000, 10);
  return {
    firstSuspectMs: firstSuspect - start,
    allDeadMs: at === undefined ? Number.NaN : at - start,
    probeInterval: sim.node('n0').core.options.probeIntervalMs,
  };
}

export interface SteadyResult {
  /** Bytes sent per node per virtual second (UDP packets, as encoded; push/pull streams not counted). */
  bytesPerNodeSecond: number;
  packetsPerNodeSecond: number;
  /** Dead events about healthy nodes, summed over all observers, per node-hour. */
  falseDeadMarksPerNodeHour: number;
  /** Deaths declared by a node's own suspicion timer about a healthy node, per node-hour. */
  falseDeclarationsPerNodeHour: number;
  refutationsPerNodeHour: number;
}

/** All nodes healthy for `ms` virtual ms: traffic and false failure detection. */
export function measureSteady(spec: ClusterSpec, ms: number): SteadyResult {
  const sim = warmCluster(spec);
  let falseDead = 0;
  sim.onEvent = (e) => {
    if (e.type === 'dead') falseDead++;
  };
  const before = sim.all.map((n) => ({
    b: n.bytesSent,
    p: n.packetsSent,
    d: n.core.counters.deathsDeclared,
    r: n.core.counters.refutations,
  }));
  sim.runFor(ms);
  const nodeHours = (spec.n * ms) / 3_600_000;
  const seconds = ms / 1000;
  let bytes = 0;
  let packets = 0;
  let declared = 0;
  let refutations = 0;
  sim.all.forEach((n, i) => {
    bytes += n.bytesSent - before[i].b;
    packets += n.packetsSent - before[i].p;
    declared += n.core.counters.deathsDeclared - before[i].d;
    refutations += n.core.counters.refutations - before[i].r;
  });
  return {
    bytesPerNodeSecond: bytes / spec.n / seconds,
    packetsPerNodeSecond: packets / spec.n / seconds,
    falseDeadMarksPerNodeHour: falseDead / nodeHours,
    falseDeclarationsPerNodeHour: declared / nodeHours,
    refutationsPerNodeHour: refutations / nodeHours,
  };
}
