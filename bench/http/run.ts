/**
 * HTTP benchmark: ts-doudou with every default on, against bare Koa + @koa/router + koa-body, raw node:http,
 * bare Fastify, bare NestJS on Fastify, and NestJS on Fastify doing ts-doudou's default work — on the three
 * shapes of shapes.ts, measured in ONE run so only same-run ratios are compared.
 *
 * How: every target runs in its own process pinned (taskset) to the server core; wrk runs pinned to another
 * core with one thread (wrk.ts), and so does this runner. The targets log to files (target-process.ts).
 * After a warm-up of every target and shape, each round measures every shape on every target back to
 * back, in an order that rotates per round. Rounds are many and short (10 × 2 s): on this VM a target's CPU
 * time per request drifts by up to a third over periods of several seconds, Koa's as much as ours, and
 * the median of ten per-round ratios is not moved by one or two such periods, where the median of three
 * 5 s rounds was. Reported per shape and target: median req/s, the median of the per-round ratios to
 * Koa / node:http / nest-defaults, latency percentiles, the server's CPU time per request and the share of
 * its core wrk used. Before measuring, every answer is checked byte for byte (same-work.ts).
 *
 * Usage: `npm run bench` — or `node dist/bench/http/run.js [--seconds 2] [--warmup 2] [--rounds 10]
 *   [--connections 50] [--targets node,koa,…] [--shapes hello,echo,user] [--server-cpu 0] [--load-cpu 1]
 *   [--out bench/results/http.json | --out none]` (also BENCH_SECONDS, BENCH_ROUNDS, …). Defaults take about
 *   9 minutes. Prints a table and the goal checks (goals.ts) and writes JSON.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, option, positive } from '../support/cli-options';
import { checkGoals, type ResultRow } from './goals';
import { checkSameWork } from './same-work';
import { SHAPES, type Shape } from './shapes';
import { DEFAULT_TARGETS, isTargetName, logsPerRequest, type TargetName } from './targets';
import { TargetProcess } from './target-process';
import { canPin, cleanUpScripts, ensureWrk, pinSelf, runWrk, type WrkSample } from './wrk';

interface Sample extends WrkSample {
  cpuMicrosPerRequest: number;
  logLines: number;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function listOption<T extends string>(flag: string, env: string, fallback: readonly string[], valid: (s: string) => s is T): T[] {
  const list = option(flag, env, fallback.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const s of list) if (!valid(s)) throw new Error(`--${flag}: unknown '${s}'`);
  return list as T[];
}

async function measure(t: TargetProcess, shape: Shape, seconds: number, connections: number, loadCpu: string | undefined): Promise<Sample> {
  const cpuBefore = await t.cpuMicros();
  const linesBefore = t.logLines();
  const sample = await runWrk({ port: t.port, shape, seconds, connections, cpu: loadCpu });
  const cpuAfter = await t.cpuMicros();
  // the last requests' lines are written a loop turn after their answers
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { ...sample, cpuMicrosPerRequest: (cpuAfter - cpuBefore) / Math.max(1, sample.requests), logLines: t.logLines() - linesBefore };
}

function ratios(list: readonly Sample[], base: readonly Sample[] | undefined, pick: (s: Sample) => number): number | undefined {
  if (base === undefined) return undefined;
  return round3(median(list.map((s, i) => pick(s) / pick(base[i]!))));
}

function summarize(samples: Map<string, Sample[]>, shapes: readonly Shape[], targets: readonly TargetName[]): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const shape of shapes) {
    const of = (t: TargetName): Sample[] | undefined => samples.get(`${shape.name}|${t}`);
    for (const target of targets) {
      const list = of(target)!;
      const rps = list.map((s) => s.rps);
      const requests = list.reduce((n, s) => n + s.requests, 0);
      rows.push({
        shape: shape.name,
        target,
        rps: Math.round(median(rps)),
        vsKoa: ratios(list, of('koa'), (s) => s.rps),
        vsNode: ratios(list, of('node'), (s) => s.rps),
        vsNestDefaults: ratios(list, of('nest-defaults'), (s) => s.rps),
        p50ms: median(list.map((s) => s.p50ms)),
        p99ms: median(list.map((s) => s.p99ms)),
        p99VsKoa: ratios(list, of('koa'), (s) => s.p99ms),
        cpuMicrosPerRequest: Math.round(median(list.map((s) => s.cpuMicrosPerRequest)) * 10) / 10,
        generatorCpuShare: median(list.map((s) => s.generatorCpuShare)),
        logLinesPerRequest: round3(list.reduce((n, s) => n + s.logLines, 0) / Math.max(1, requests)),
        errors: list.reduce((n, s) => n + s.errors, 0),
        non2xx: list.reduce((n, s) => n + s.non2xx, 0),
        rounds: rps,
      });
    }
  }
  return rows;
}

function printTable(rows: readonly ResultRow[]): void {
  const x = (v: number | undefined): string => (v === undefined ? '-' : `${v.toFixed(2)}×`);
  const header = [
    'shape',
    'target',
    'req/s',
    'vs koa',
    'vs node',
    'vs nest-def',
    'p50 ms',
    'p99 ms',
    'p99/koa',
    'cpu µs/req',
    'wrk cpu',
    'log/req',
    'err',
  ];
  const lines = rows.map((r) => [
    r.shape,
    r.target,
    String(r.rps),
    x(r.vsKoa),
    x(r.vsNode),
    x(r.vsNestDefaults),
    r.p50ms.toFixed(2),
    r.p99ms.toFixed(2),
    x(r.p99VsKoa),
    r.cpuMicrosPerRequest.toFixed(1),
    r.generatorCpuShare.toFixed(2),
    String(r.logLinesPerRequest),
    String(r.errors + r.non2xx),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

function wrkVersion(): string {
  try {
    return execFileSync('wrk', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')[0]!
      .trim();
  } catch (err) {
    // wrk --version exits 1 after printing its banner
    const out = (err as { stdout?: string }).stdout ?? '';
    return out.split('\n')[0]?.trim() ?? 'unknown';
  }
}

async function main(): Promise<void> {
  const seconds = positive('seconds', 'BENCH_SECONDS', 2);
  const warmup = positive('warmup', 'BENCH_WARMUP', 2);
  const rounds = Math.round(positive('rounds', 'BENCH_ROUNDS', 10));
  const connections = Math.round(positive('connections', 'BENCH_CONNECTIONS', 50));
  const targets = listOption('targets', 'BENCH_TARGETS', DEFAULT_TARGETS, isTargetName);
  const shapeNames = listOption(
    'shapes',
    'BENCH_SHAPES',
    SHAPES.map((s) => s.name),
    (s): s is string => SHAPES.some((x) => x.name === s),
  );
  const shapes = SHAPES.filter((s) => shapeNames.includes(s.name));
  const outOption = option('out', 'BENCH_OUT', 'bench/results/http.json');
  ensureWrk();
  const pin = canPin() && os.cpus().length > 1;
  const serverCpu = pin ? option('server-cpu', 'BENCH_SERVER_CPU', '0') : undefined;
  const loadCpu = pin ? option('load-cpu', 'BENCH_LOAD_CPU', '1') : undefined;
  if (!pin) console.error('not pinning: taskset missing or a single CPU (wrk and the servers share the cores)');
  pinSelf(loadCpu);
  const loadBefore = os.loadavg();

  const children: TargetProcess[] = [];
  try {
    for (const t of targets) children.push(await TargetProcess.start(t, serverCpu));
    await checkSameWork(children, shapes);
    for (const c of children) for (const s of shapes) await runWrk({ port: c.port, shape: s, seconds: warmup, connections, cpu: loadCpu });

    const samples = new Map<string, Sample[]>(); // `${shape}|${target}` → one per round
    for (let round = 0; round < rounds; round++) {
      for (const shape of shapes) {
        for (let k = 0; k < children.length; k++) {
          const c = children[(k + round) % children.length]!;
          const key = `${shape.name}|${c.name}`;
          samples.set(key, [...(samples.get(key) ?? []), await measure(c, shape, seconds, connections, loadCpu)]);
        }
      }
      process.stderr.write(`round ${round + 1}/${rounds} done (load average ${os.loadavg()[0]!.toFixed(2)})\n`);
    }

    const rows = summarize(samples, shapes, targets);
    printTable(rows);
    for (const r of rows) {
      const want = logsPerRequest(r.target) ? 1 : 0;
      if (Math.abs(r.logLinesPerRequest - want) > 0.01)
        console.error(`warning: ${r.target} wrote ${r.logLinesPerRequest} lines per request on ${r.shape}, expected ${want}`);
    }
    const goals = checkGoals(
      rows,
      shapes.map((s) => s.name),
    );
    console.log('');
    for (const g of goals)
      console.log(`${g.pass ? 'PASS' : 'FAIL'}  ${g.goal.padEnd(26)} ${g.shape.padEnd(6)} ${g.value?.toFixed(3) ?? '-'}`);
    const loadAfter = os.loadavg();
    console.log(
      `\nload average ${loadBefore[0]!.toFixed(2)} before, ${loadAfter[0]!.toFixed(2)} after (2 cores: above ~1.5 the numbers are noisy)`,
    );

    if (outOption !== 'none') {
      const out = path.resolve(process.cwd(), outOption);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const result = {
        date: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        loadAverage: { before: loadBefore, after: loadAfter },
        generator: wrkVersion(),
        pinning: pin ? { server: serverCpu, generator: loadCpu } : 'none',
        seconds,
        warmup,
        rounds,
        connections,
        shapes: shapes.map(({ name, label, method, path: p, headers, body }) => ({
          name,
          label,
          method,
          path: p,
          headers,
          bodyBytes: body ? Buffer.byteLength(body) : 0,
        })),
        rows,
        goals,
        samples: Object.fromEntries(samples),
      };
      fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
      console.log(`written ${path.relative(process.cwd(), out)}`);
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    cleanUpScripts();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
