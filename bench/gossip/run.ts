/**
 * Gossip benchmark in simulation (virtual time, deterministic seeds): join dissemination, crash detection,
 * traffic, and false failure detection under packet loss with Lifeguard on and off, for 10/100/1000 nodes,
 * compared with the reference formulae and figures (docs/gossip-wire-format.md#suspicion-timeout, docs/gossip-wire-format.md#reference-figures).
 * Run: npm run bench:gossip  (writes bench/results/gossip.json)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  GO_LOOPBACK_DEAD_MS,
  SWIM_FIRST_DETECTION_PERIODS,
  serfModelMaxBytesPerSecond,
  serfModelRounds,
  suspicionBounds,
} from './reference';
import { measureCrash, measureJoin, measureSteady } from './scenarios';

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const r1 = (x: number): number => Math.round(x * 10) / 10;
const r2 = (x: number): number => Math.round(x * 100) / 100;

const SIZES: Array<{ n: number; seeds: number }> = [
  { n: 10, seeds: 20 },
  { n: 100, seeds: 5 },
  { n: 1000, seeds: 2 },
];
/** LAN defaults (docs/gossip-wire-format.md#default-profiles): gossip to 3 nodes every 200 ms, probe every 1 s, suspicion mult 4, max mult 6. */
const LAN = { fanout: 3, gossipInterval: 200, probeInterval: 1000, suspicionMult: 4, maxMult: 6 };

function scale(): object[] {
  const rows: object[] = [];
  for (const { n, seeds } of SIZES) {
    const started = Date.now();
    const joins = Array.from({ length: seeds }, (_, i) => measureJoin({ n, seed: 1000 + i }));
    const crashes = Array.from({ length: seeds }, (_, i) => measureCrash({ n, seed: 2000 + i }));
    const steady = measureSteady({ n, seed: 3000 }, n >= 1000 ? 30_000 : 60_000);
    const modelRounds = serfModelRounds(n, LAN.fanout, 0.999);
    const joinRounds = mean(joins.map((j) => j.rounds));
    const bounds = suspicionBounds(n, LAN.suspicionMult, LAN.maxMult, LAN.probeInterval);
    const allDead = mean(crashes.map((c) => c.allDeadMs));
    const firstSuspect = mean(crashes.map((c) => c.firstSuspectMs));
    const maxBytes = serfModelMaxBytesPerSecond(LAN.fanout, LAN.gossipInterval);
    rows.push({
      nodes: n,
      runs: seeds,
      joinTo999Ms: r1(mean(joins.map((j) => j.ms))),
      joinTo999Rounds: r2(joinRounds),
      serfModelRounds: r2(modelRounds),
      joinRoundsVsModel: r2(joinRounds / modelRounds),
      firstSuspectMs: r1(firstSuspect),
      firstSuspectProbePeriods: r2(firstSuspect / LAN.probeInterval),
      swimFirstDetectionPeriods: r2(SWIM_FIRST_DETECTION_PERIODS),
      crashAllDeadMs: r1(allDead),
      suspicionMinMs: bounds.min,
      suspicionMaxMs: bounds.max,
      suspicionK: bounds.k,
      allDeadMinusFirstSuspectVsMin: r2((allDead - firstSuspect) / bounds.min),
      bytesPerNodeSecond: r1(steady.bytesPerNodeSecond),
      packetsPerNodeSecond: r2(steady.packetsPerNodeSecond),
      serfModelMaxBytesPerNodeSecond: maxBytes,
      bytesVsSerfMaxPercent: r2((100 * steady.bytesPerNodeSecond) / maxBytes),
      wallMs: Date.now() - started,
    });
    console.error(`  scale n=${n} done in ${Date.now() - started} ms`);
  }
  return rows;
}

/** False failure detection: 100 healthy nodes, 30 virtual minutes, UDP loss, Lifeguard on/off. */
function falsePositives(): object[] {
  const rows: object[] = [];
  const n = 100;
  const ms = 30 * 60_000;
  const configs: Array<{ loss: number; lifeguard: boolean; tcpPings: boolean }> = [];
  for (const loss of [0, 0.05, 0.2]) for (const lifeguard of [true, false]) configs.push({ loss, lifeguard, tcpPings: false });
  // Reference row: defaults (TCP fallback ping on); the simulated TCP leg is lossless, like a real stream.
  configs.push({ loss: 0.2, lifeguard: true, tcpPings: true });
  for (const c of configs) {
    const started = Date.now();
    const s = measureSteady({ n, seed: 4000, loss: c.loss, node: { lifeguard: c.lifeguard, tcpPings: c.tcpPings } }, ms);
    rows.push({
      nodes: n,
      virtualMinutes: ms / 60_000,
      lossPercent: c.loss * 100,
      lifeguard: c.lifeguard,
      tcpPings: c.tcpPings,
      falseDeadMarksPerNodeHour: r2(s.falseDeadMarksPerNodeHour),
      falseDeclarationsPerNodeHour: r2(s.falseDeclarationsPerNodeHour),
      refutationsPerNodeHour: r2(s.refutationsPerNodeHour),
      bytesPerNodeSecond: r1(s.bytesPerNodeSecond),
      wallMs: Date.now() - started,
    });
    console.error(`  loss ${c.loss * 100}% lifeguard ${c.lifeguard} tcp ${c.tcpPings} done in ${Date.now() - started} ms`);
  }
  return rows;
}

/** The 3-node loopback figure (local config): a killed node is dead everywhere ≈ 4.2 s later. */
function loopbackComparison(): object {
  const runs = Array.from({ length: 30 }, (_, i) => measureCrash({ n: 3, seed: 5000 + i, node: { profile: 'local' } }));
  const ms = mean(runs.map((r) => r.allDeadMs));
  return {
    nodes: 3,
    profile: 'local',
    runs: runs.length,
    simulatedAllDeadMs: r1(ms),
    minMs: Math.min(...runs.map((r) => r.allDeadMs)),
    maxMs: Math.max(...runs.map((r) => r.allDeadMs)),
    goLoopbackDeadMs: GO_LOOPBACK_DEAD_MS,
    ratio: r2(ms / GO_LOOPBACK_DEAD_MS),
  };
}

function main(): void {
  const started = Date.now();
  console.error('gossip benchmark (simulated, virtual time) …');
  const loopback = loopbackComparison();
  const scaling = scale();
  const loss = falsePositives();
  console.log('\nScaling (LAN defaults): join dissemination, crash detection, traffic');
  console.table(scaling);
  console.log('\nFalse failure detection, 100 healthy nodes, 30 virtual minutes');
  console.table(loss);
  console.log('\n3-node local-config crash vs. Go loopback measurement');
  console.table([loopback]);
  const out = resolve(process.cwd(), 'bench/results/gossip.json');
  mkdirSync(dirname(out), { recursive: true });
  const result = {
    benchmark: 'gossip-simulation',
    date: new Date().toISOString(),
    node: process.version,
    notes: [
      'Virtual time in a deterministic simulator (lib/discovery/sim); latency uniform 1–3 ms one way.',
      'Join: a new node joins n0 of a converged cluster; time until 99.9% (rounded up) list it alive.',
      'Bytes: encoded UDP packets (compound/CRC framing included, no encryption), push/pull streams excluded.',
      'False-positive rows run UDP-only (tcpPings off) so loss bites; the last row keeps the TCP fallback on.',
    ],
    loopback,
    scaling,
    falsePositives: loss,
    wallMs: Date.now() - started,
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${out} (${Date.now() - started} ms)`);
}

main();
