/**
 * HTTP benchmark: the full default HttpServer stack against bare Koa + @koa/router and raw node:http,
 * measured in ONE run (absolute numbers drift on shared machines; ratios are what we compare — the
 * target is to stay within ~15 % of bare Koa).
 *
 * Every target runs in its own child process (the load generator, autocannon, stays in this process).
 * All targets start first; then each round measures every scenario on every target back to back, in a
 * rotating order, so drift from other work on the machine hits all of them alike. Reported: the median
 * req/s over the rounds, and the median of the per-round ratios to Koa (each from adjacent measurements).
 * Before measuring, the response bodies of all targets are checked byte for byte (same work, same output).
 *
 * Usage: `npm run bench` — or `node dist/bench/http/run.js [--seconds 4] [--rounds 3] [--connections 50]
 *   [--targets stack,koa,node] [--out bench/results/http.json | --out none]` (also BENCH_SECONDS,
 *   BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_TARGETS, BENCH_OUT; BENCH_LOG_FORMAT=json for the json logger).
 * Defaults take about 80 s. Prints a table and writes JSON.
 */
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, option, positive } from '../support/cli-options';
import { TARGET_NAMES, benchLogFormat, startTarget, type TargetName } from './targets';

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** What got, axios and browsers send: the stack has to negotiate compression (bodies stay under its 1 KiB threshold). */
const ACCEPT_ENCODING = 'gzip, deflate, br';

function headersFor(s: Scenario): Record<string, string> {
  return s.body ? { 'accept-encoding': ACCEPT_ENCODING, 'content-type': 'application/json' } : { 'accept-encoding': ACCEPT_ENCODING };
}

const SCENARIOS: Scenario[] = [
  { name: 'GET /users/:id', method: 'GET', path: '/users/42' },
  { name: 'POST /page/users', method: 'POST', path: '/page/users', body: JSON.stringify({ page: 3, size: 10 }) },
];

interface Sample {
  rps: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  non2xx: number;
}

interface Row extends Sample {
  scenario: string;
  target: TargetName;
  /** req/s of every round, in order. */
  rounds: number[];
  /** Median over rounds of (this target's req/s ÷ Koa's req/s in the same round). */
  ratioVsKoa?: number;
  roundRatios?: number[];
}

type ToChild = { cmd: 'stats' } | { cmd: 'stop' };
type FromChild = { port: number } | { logLines: number };

/** Child mode: serve one target, answer stats requests, stop when told. */
async function serve(name: TargetName): Promise<void> {
  const target = await startTarget(name);
  process.on('message', (m: ToChild) => {
    if (m.cmd === 'stats') process.send?.({ logLines: target.logLines() } satisfies FromChild);
    else void target.close().then(() => process.exit(0));
  });
  process.send?.({ port: target.port } satisfies FromChild);
}

interface Child {
  name: TargetName;
  process: ChildProcess;
  port: number;
}

function spawnTarget(name: TargetName): Promise<Child> {
  const child = fork(__filename, ['serve', name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: FromChild) => resolve({ name, process: child, port: (m as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`target ${name} exited with ${code}`)));
  });
}

function logLinesOf(child: Child): Promise<number> {
  return new Promise((resolve) => {
    child.process.once('message', (m: FromChild) => resolve((m as { logLines: number }).logLines));
    child.process.send({ cmd: 'stats' } satisfies ToChild);
  });
}

async function stop(child: Child): Promise<void> {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.send({ cmd: 'stop' } satisfies ToChild);
  await exited;
}

function fetchOnce(port: number, s: Scenario): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: s.method, path: s.path, headers: headersFor(s), agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(s.body);
  });
}

/** Same status and byte-identical bodies everywhere, and the stack really ran its middleware. */
async function checkSameWork(children: Child[]): Promise<void> {
  for (const s of SCENARIOS) {
    const answers = await Promise.all(children.map(async (c) => ({ name: c.name, ...(await fetchOnce(c.port, s)) })));
    const first = answers[0]!;
    for (const a of answers) {
      if (a.status !== 200 || a.body !== first.body) {
        throw new Error(
          `unfair benchmark: ${s.name} on ${a.name} answered ${a.status} ${a.body} but ${first.name} ${first.status} ${first.body}`,
        );
      }
      if (a.name === 'stack' && !(a.headers['x-request-id'] && a.headers['access-control-allow-origin'] && a.headers.vary)) {
        throw new Error('stack answered without X-Request-Id / CORS / Vary headers: default middleware not on');
      }
    }
  }
}

async function load(port: number, s: Scenario, seconds: number, connections: number): Promise<Sample> {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}${s.path}`,
    method: s.method,
    body: s.body,
    headers: headersFor(s),
    connections,
    duration: seconds,
  });
  return {
    rps: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

function printTable(rows: Row[]): void {
  const header = ['scenario', 'target', 'req/s (median)', 'rounds', 'p50 ms', 'p99 ms', 'vs koa', 'errors', 'non-2xx'];
  const lines = rows.map((r) => [
    r.scenario,
    r.target,
    String(r.rps),
    r.rounds.join(' '),
    String(r.p50ms),
    String(r.p99ms),
    r.ratioVsKoa === undefined ? '-' : `${(r.ratioVsKoa * 100).toFixed(1)} %`,
    String(r.errors),
    String(r.non2xx),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

async function main(): Promise<void> {
  const seconds = positive('seconds', 'BENCH_SECONDS', 4);
  const rounds = Math.round(positive('rounds', 'BENCH_ROUNDS', 3));
  const connections = Math.round(positive('connections', 'BENCH_CONNECTIONS', 50));
  const targets = option('targets', 'BENCH_TARGETS', TARGET_NAMES.join(','))
    .split(',')
    .map((t) => t.trim()) as TargetName[];
  for (const t of targets) if (!TARGET_NAMES.includes(t)) throw new Error(`unknown target '${t}' (known: ${TARGET_NAMES.join(', ')})`);
  const outOption = option('out', 'BENCH_OUT', 'bench/results/http.json');

  const children: Child[] = [];
  try {
    for (const t of targets) children.push(await spawnTarget(t));
    await checkSameWork(children);
    for (const c of children) for (const s of SCENARIOS) await load(c.port, s, 1, connections); // warm-up: JIT, sockets

    const samples = new Map<string, Sample[]>(); // `${scenario}|${target}` → one per round
    for (let round = 0; round < rounds; round++) {
      for (const s of SCENARIOS) {
        for (let k = 0; k < children.length; k++) {
          const c = children[(k + round) % children.length]!; // rotate who goes first
          const sample = await load(c.port, s, seconds, connections);
          const key = `${s.name}|${c.name}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
        }
      }
      process.stderr.write(`round ${round + 1}/${rounds} done\n`);
    }

    const rows: Row[] = [];
    for (const s of SCENARIOS) {
      for (const c of children) {
        const list = samples.get(`${s.name}|${c.name}`)!;
        const rps = list.map((x) => x.rps);
        const mid = list.find((x) => x.rps === median(rps)) ?? list[0]!; // latency of a median run (odd rounds)
        const row: Row = {
          scenario: s.name,
          target: c.name,
          rps: Math.round(median(rps)),
          rounds: rps,
          p50ms: mid.p50ms,
          p99ms: mid.p99ms,
          errors: list.reduce((n, x) => n + x.errors, 0),
          non2xx: list.reduce((n, x) => n + x.non2xx, 0),
        };
        const koa = samples.get(`${s.name}|koa`);
        if (koa) {
          row.roundRatios = list.map((x, i) => Math.round((x.rps / koa[i]!.rps) * 1000) / 1000);
          row.ratioVsKoa = median(row.roundRatios);
        }
        rows.push(row);
      }
    }
    printTable(rows);

    const stack = children.find((c) => c.name === 'stack');
    const accessLines = stack ? await logLinesOf(stack) : undefined;
    if (accessLines !== undefined)
      console.log(`\nstack wrote ${accessLines} log lines to its sink (${benchLogFormat()} access log at level info)`);

    if (outOption !== 'none') {
      const out = path.resolve(process.cwd(), outOption);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const result = {
        date: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        seconds,
        rounds,
        connections,
        logFormat: benchLogFormat(),
        stackLogLines: accessLines,
        rows,
      };
      fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
      console.log(`written ${path.relative(process.cwd(), out)}`);
    }
  } finally {
    await Promise.all(children.map(stop));
  }
}

if (process.argv[2] === 'serve') {
  void serve(process.argv[3] as TargetName);
} else {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
