/**
 * Real-network gossip benchmark: ts GossipNodes on real UDP/TCP on 127.0.0.1, spread over several
 * processes (so a "crash" is a SIGKILLed process), memberlist's local profile (probe 1 s, suspicion
 * mult 3; docs/gossip-wire-format.md#default-profiles). Measures
 *   - convergence: time from the joins until every node lists every node;
 *   - failure detection of a killed process: first suspicion, first "dead", and "dead" at every survivor.
 * Scenarios: 3 nodes in 3 processes (the reference's loopback measurement with 3 Go 0.2.2 nodes:
 * dead ≈ 4.2 s after the kill, docs/gossip-wire-format.md#reference-figures) and 50 nodes in 6 processes.
 * Usage: `node dist/bench/gossip-real/run.js` (GOSSIP_BENCH_NODES to change the big cluster's size).
 * Writes bench/results/gossip-real.json.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FromWorker, ToWorker } from './protocol';
import { goBaseline } from './go-baseline';

const REFERENCE_DEAD_AFTER_KILL_MS = 4200;

interface Worker {
  proc: ChildProcess;
  names: string[];
  ports: number[];
  messages: FromWorker[];
}

function spawnWorker(names: string[]): Promise<Worker> {
  const proc = fork(path.join(__dirname, 'worker.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const w: Worker = { proc, names, ports: [], messages: [] };
  proc.on('message', (m: FromWorker) => w.messages.push(m));
  return new Promise((resolve, reject) => {
    proc.on('message', (m: FromWorker) => {
      if (m.type === 'started') {
        w.ports = m.nodes.map((n) => n.port);
        resolve(w);
      }
    });
    proc.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    proc.send({ cmd: 'start', names, profile: 'local' } satisfies ToWorker);
  });
}

async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface ScenarioResult {
  scenario: string;
  nodes: number;
  processes: number;
  /** Until every node lists every node (the slowest node is often repaired only by push/pull, docs/gossip-wire-format.md#push-pull-schedule). */
  convergeMs: number;
  convergeMedianMs: number;
  convergeP90Ms: number;
  killedNode: string;
  firstSuspectMs: number | null;
  firstDeadMs: number;
  allDeadMs: number;
}

async function scenario(label: string, sizes: number[]): Promise<ScenarioResult> {
  const total = sizes.reduce((a, b) => a + b, 0);
  let next = 0;
  const workers: Worker[] = [];
  for (const size of sizes) {
    workers.push(await spawnWorker(Array.from({ length: size }, () => `n${String(next++).padStart(3, '0')}`)));
  }
  try {
    const seed = `127.0.0.1:${workers[0].ports[0]}`;
    const t0 = Date.now();
    for (const w of workers) w.proc.send({ cmd: 'join', seed, expected: total } satisfies ToWorker);
    const convergedTimes = await until('full membership', 120_000, () => {
      const all = workers.flatMap((w) => w.messages.flatMap((m) => (m.type === 'converged' ? [m.at - t0] : [])));
      const failed = workers.flatMap((w) => w.messages.filter((m) => m.type === 'joinFailed'));
      if (failed.length) throw new Error(`join failed: ${JSON.stringify(failed[0])}`);
      return all.length === total ? all.sort((a, b) => a - b) : undefined;
    });
    // Kill the last worker (a single-node process): a crash, no leave.
    const victim = workers[workers.length - 1];
    const subject = victim.names[0];
    const survivors = workers.slice(0, -1);
    for (const w of survivors) w.proc.send({ cmd: 'watch', subject } satisfies ToWorker);
    await new Promise((r) => setTimeout(r, 200)); // let the watch commands arrive before the kill
    const killedAt = Date.now();
    victim.proc.kill('SIGKILL');
    const observed = () =>
      survivors.flatMap((w) => w.messages).filter((m): m is Extract<FromWorker, { type: 'observed' }> => m.type === 'observed');
    const allDeadAt = await until('every survivor marks the victim dead', 120_000, () => {
      const dead = observed().filter((m) => m.event === 'dead');
      return dead.length === total - 1 ? Math.max(...dead.map((m) => m.at)) : undefined;
    });
    const obs = observed();
    const suspects = obs.filter((m) => m.event === 'suspect').map((m) => m.at);
    const deads = obs.filter((m) => m.event === 'dead').map((m) => m.at);
    return {
      scenario: label,
      nodes: total,
      processes: sizes.length,
      convergeMs: convergedTimes[convergedTimes.length - 1],
      convergeMedianMs: convergedTimes[Math.floor((convergedTimes.length - 1) / 2)],
      convergeP90Ms: convergedTimes[Math.floor((convergedTimes.length - 1) * 0.9)],
      killedNode: subject,
      firstSuspectMs: suspects.length ? Math.min(...suspects) - killedAt : null,
      firstDeadMs: Math.min(...deads) - killedAt,
      allDeadMs: allDeadAt - killedAt,
    };
  } finally {
    for (const w of workers) {
      if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.send({ cmd: 'shutdown' } satisfies ToWorker);
    }
    await Promise.all(
      workers.map((w) => (w.proc.exitCode !== null || w.proc.signalCode !== null ? undefined : new Promise((r) => w.proc.once('exit', r)))),
    );
  }
}

async function main(): Promise<void> {
  const big = Number(process.env.GOSSIP_BENCH_NODES ?? 50);
  const perProc = Math.ceil((big - 1) / 5);
  const bigSizes: number[] = [];
  for (let left = big - 1; left > 0; left -= perProc) bigSizes.push(Math.min(perProc, left));
  bigSizes.push(1);
  const rows = [await scenario('3 nodes, 3 processes', [1, 1, 1]), await scenario(`${big} nodes, ${bigSizes.length} processes`, bigSizes)];
  const go = await goBaseline();
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    profile: 'local (probe 1 s, probe timeout 200 ms, gossip 100 ms × 3, suspicion mult 3)',
    reference: {
      deadAfterKillMs: REFERENCE_DEAD_AFTER_KILL_MS,
      setup: '3 Go memberlist 0.2.2 nodes, DefaultLocalConfig, loopback (docs/gossip-wire-format.md#reference-figures)',
    },
    goBaselineThisRun: go,
    rows,
  };
  console.table(rows);
  console.log('Go baseline (same run):', go);
  const out = path.resolve(process.cwd(), 'bench/results/gossip-real.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${out}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
