/**
 * Tracing benchmark: what Jaeger tracing costs on GET /users/:id, measured in ONE run against the same
 * stack with tracing off (absolute numbers drift on shared machines; the ratios are what we compare):
 *
 *   off      no JAEGER_* at all: no tracer exists (what every untraced service runs)
 *   sampled-0    tracing on, JAEGER_SAMPLER_PARAM=0: spans are started and propagated, never sent
 *   sampled-100  tracing on, const sampler 1 (go-doudou's default): every span is serialised to Thrift and sent
 *
 * Each target is the bench/http `stack` (an App from an empty environment + JAEGER_*) in its own child process; the traced ones report over UDP to a sink
 * in that child which counts the datagrams (so 100 % really pays the Thrift encoding and the sends, and 0 %
 * is seen to send nothing). Rounds rotate the order; reported: median req/s and the median of per-round
 * ratios to `off`, and the server's CPU time per request (process.cpuUsage() of the target around each
 * load run: less disturbed than req/s by other processes on a shared machine). What `off` itself costs is below what a load test resolves, so it is timed directly
 * (off-path.ts) and reported as a share of one request's time. The load average before and after is
 * recorded: on a busy shared machine the ratios are noisier.
 *
 * Usage: `npm run bench:tracing` — or `node dist/bench/tracing/run.js [--seconds 4] [--rounds 3]
 *   [--connections 50] [--out bench/results/tracing.json | --out none]`. Defaults take about 45 s.
 */
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../lib/config';
import { Tracing } from '../../lib/observability/tracing';
import { median, option, positive } from '../support/cli-options';
import { startStackApp } from '../http/targets/stack';
import { offPathNanosPerRequest } from './off-path';

const TARGETS = ['off', 'sampled-0', 'sampled-100'] as const;
type Target = (typeof TARGETS)[number];

type ToChild = { cmd: 'stats' } | { cmd: 'cpu' } | { cmd: 'stop' };
type FromChild = { port: number } | { datagrams: number } | { cpuMicros: number };

/** Child mode: one traced (or not) stack and its UDP sink. */
async function serve(target: Target): Promise<void> {
  const sink = dgram.createSocket('udp4');
  let datagrams = 0;
  sink.on('message', () => datagrams++);
  await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
  const env: Record<string, string> =
    target === 'off'
      ? {}
      : {
          GDD_SERVICE_NAME: 'benchsvc',
          JAEGER_AGENT_HOST: '127.0.0.1',
          JAEGER_AGENT_PORT: String(sink.address().port),
          JAEGER_SAMPLER_PARAM: target === 'sampled-100' ? '1' : '0',
        };
  const tracing = Tracing.fromConfig(loadConfig({ env, cwd: os.tmpdir() }));
  const enabled = tracing.enabled;
  await tracing.close();
  if ((target === 'off') === enabled) throw new Error(`target ${target}: tracing.enabled = ${enabled}`);
  // the App builds its own tracer from the same JAEGER_* variables; its access lines go to the ignored stdout
  const running = await startStackApp(env);
  process.on('message', (m: ToChild) => {
    // after one more flush interval (JAEGER_REPORTER_FLUSH_INTERVAL, 1 s): what the last rounds buffered is sent
    if (m.cmd === 'stats') setTimeout(() => process.send?.({ datagrams } satisfies FromChild), 1500);
    else if (m.cmd === 'cpu') {
      const used = process.cpuUsage();
      process.send?.({ cpuMicros: used.user + used.system } satisfies FromChild);
    } else void running.close().then(() => sink.close(() => process.exit(0)));
  });
  process.send?.({ port: running.port } satisfies FromChild);
}

interface Child {
  target: Target;
  process: ChildProcess;
  port: number;
}

function spawnTarget(target: Target): Promise<Child> {
  const child = fork(__filename, ['serve', target], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: FromChild) => resolve({ target, process: child, port: (m as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`target ${target} exited with ${code}`)));
  });
}

function ask<T extends FromChild>(child: Child, cmd: ToChild): Promise<T> {
  return new Promise((resolve) => {
    child.process.once('message', (m: T) => resolve(m));
    child.process.send(cmd);
  });
}

async function main(): Promise<void> {
  const seconds = positive('seconds', 'BENCH_SECONDS', 4);
  const rounds = positive('rounds', 'BENCH_ROUNDS', 3);
  const connections = positive('connections', 'BENCH_CONNECTIONS', 50);
  const out = option('out', 'BENCH_OUT', 'bench/results/tracing.json');
  const loadBefore = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const offPathNs = Math.round(offPathNanosPerRequest() * 100) / 100;
  const children = await Promise.all(TARGETS.map(spawnTarget));
  const rps = new Map<Target, number[]>(TARGETS.map((t) => [t, []]));
  const p99 = new Map<Target, number[]>(TARGETS.map((t) => [t, []]));
  const ratios = new Map<Target, number[]>(TARGETS.map((t) => [t, []]));
  const cpu = new Map<Target, number[]>(TARGETS.map((t) => [t, []]));
  const cpuRatios = new Map<Target, number[]>(TARGETS.map((t) => [t, []]));
  const cpuMicros = async (c: Child): Promise<number> => (await ask<{ cpuMicros: number }>(c, { cmd: 'cpu' })).cpuMicros;
  try {
    for (let round = 0; round < rounds; round++) {
      const order = children.map((_, i) => children[(i + round) % children.length]!);
      const thisRound = new Map<Target, number>();
      const cpuThisRound = new Map<Target, number>();
      for (const c of order) {
        const cpuBefore = await cpuMicros(c);
        const r = await autocannon({ url: `http://127.0.0.1:${c.port}/users/42`, connections, duration: seconds });
        const perRequest = ((await cpuMicros(c)) - cpuBefore) / r.requests.total;
        if (r.non2xx > 0 || r.errors > 0) throw new Error(`${c.target}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        thisRound.set(c.target, r.requests.average);
        cpuThisRound.set(c.target, perRequest);
        cpu.get(c.target)!.push(Math.round(perRequest * 10) / 10);
        rps.get(c.target)!.push(Math.round(r.requests.average));
        p99.get(c.target)!.push(r.latency.p99);
      }
      for (const t of TARGETS) {
        ratios.get(t)!.push(thisRound.get(t)! / thisRound.get('off')!);
        cpuRatios.get(t)!.push(cpuThisRound.get(t)! / cpuThisRound.get('off')!);
      }
      const each = (f: (t: Target) => string): string => TARGETS.map((t) => `${t} ${f(t)}`).join(', ');
      process.stdout.write(
        `round ${round + 1}/${rounds}: ${each((t) => String(Math.round(thisRound.get(t)!)))} req/s; ` +
          `${each((t) => cpuThisRound.get(t)!.toFixed(1))} µs CPU per request (load average ${os.loadavg()[0]!.toFixed(2)})\n`,
      );
    }
    const datagrams = new Map<Target, number>();
    for (const c of children) datagrams.set(c.target, (await ask<{ datagrams: number }>(c, { cmd: 'stats' })).datagrams);
    if (datagrams.get('sampled-0') !== 0 || datagrams.get('off') !== 0 || !(datagrams.get('sampled-100')! > 0)) {
      throw new Error(`unexpected span traffic: ${JSON.stringify(Object.fromEntries(datagrams))}`);
    }
    const rows = TARGETS.map((t) => ({
      target: t,
      rps: median(rps.get(t)!),
      p99ms: median(p99.get(t)!),
      ratioVsOff: Math.round(median(ratios.get(t)!) * 1000) / 1000,
      cpuMicrosPerRequest: median(cpu.get(t)!),
      cpuRatioVsOff: Math.round(median(cpuRatios.get(t)!) * 1000) / 1000,
      rounds: rps.get(t)!,
      cpuRounds: cpu.get(t)!,
      udpDatagrams: datagrams.get(t)!,
    }));
    console.table(rows.map(({ rounds: _r, cpuRounds: _c, ...r }) => r));
    const offCpuMicros = rows.find((r) => r.target === 'off')!.cpuMicrosPerRequest;
    const tracingOff = {
      nanosPerRequest: offPathNs,
      // the share of the CPU time one request takes on the `off` target
      shareOfRequestCpu: Math.round((offPathNs / (offCpuMicros * 1000)) * 1e6) / 1e6,
    };
    process.stdout.write(
      `tracing off: ${offPathNs} ns per request = ${(tracingOff.shareOfRequestCpu * 100).toFixed(4)} % of the ${offCpuMicros} µs CPU a request takes\n`,
    );
    const loadAfter = os.loadavg().map((l) => Math.round(l * 100) / 100);
    if (out !== 'none') {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const result = {
        benchmark: 'tracing',
        scenario: 'GET /users/:id',
        date: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        settings: { seconds, rounds, connections },
        loadAverage: { before: loadBefore, after: loadAfter },
        tracingOff,
        rows,
      };
      fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
      process.stdout.write(`wrote ${out}\n`);
    }
  } finally {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            c.process.once('exit', () => resolve());
            c.process.send({ cmd: 'stop' } satisfies ToChild);
          }),
      ),
    );
  }
}

if (process.argv[2] === 'serve') {
  serve(process.argv[3] as Target).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
