/**
 * Resilience benchmark: what the bulkhead and the rate limiters cost per request, measured in ONE run
 * against bare Koa (absolute numbers drift on shared machines; the ratios are what we compare).
 *
 * Part 1 (in process): take() throughput of MemoryRateLimiter (one hot key; 10 000 keys round robin) and
 * of RedisRateLimiter (sequential, and 50 in flight) — the Redis rows need 127.0.0.1:6379 and are skipped
 * without it. Part 2 (HTTP): one child process serves five Koa apps — bare, + bulkhead, + rateLimit
 * (memory), + rateLimit (Redis), + both — and autocannon here measures each in rotating rounds; limits
 * are set so nothing is ever denied (every answer must be 200), so only the bookkeeping is measured.
 *
 * Usage: `node dist/bench/resilience/run.js [--seconds 3] [--rounds 3] [--connections 50]
 *   [--out bench/results/resilience.json | --out none]`. Defaults take about 60 s.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import Koa from 'koa';
import type { Middleware } from 'koa';
import { bulkhead } from '../../lib/resilience/bulkhead';
import { perSecond } from '../../lib/resilience/limit';
import { MemoryRateLimiter } from '../../lib/resilience/memory-rate-limiter';
import { rateLimit } from '../../lib/resilience/rate-limit';
import { RedisRateLimiter } from '../../lib/resilience/redis-rate-limiter';
import { median, option, positive } from '../support/cli-options';

const HUGE = perSecond(1e9, 1_000_000); // never denies: measures bookkeeping only
const TARGETS = ['koa', 'bulkhead', 'memory', 'redis', 'bulkhead+memory'] as const;
type Target = (typeof TARGETS)[number];

async function redisUp(): Promise<RedisRateLimiter | undefined> {
  const l = new RedisRateLimiter({ limit: HUGE, prefix: `go-doudou:rate:bench-${process.pid}:`, logger: { warn: () => undefined } });
  try {
    await l.ready(1000);
    return l;
  } catch {
    await l.close();
    return undefined;
  }
}

/** Child: five apps on ephemeral ports; replies { ports } then waits for 'stop'. */
async function serve(): Promise<void> {
  const memory = new MemoryRateLimiter({ limit: HUGE });
  const redis = await redisUp();
  const answer: Middleware = async (ctx) => {
    ctx.body = { ok: true };
  };
  const chains: Record<Target, Middleware[] | undefined> = {
    koa: [],
    bulkhead: [bulkhead({ maxConcurrent: 100, maxQueue: 1000 })],
    memory: [rateLimit({ limiter: memory })],
    redis: redis ? [rateLimit({ limiter: redis })] : undefined,
    'bulkhead+memory': [bulkhead({ maxConcurrent: 100, maxQueue: 1000 }), rateLimit({ limiter: memory })],
  };
  const ports: Partial<Record<Target, number>> = {};
  const servers: Server[] = [];
  for (const t of TARGETS) {
    const chain = chains[t];
    if (!chain) continue;
    const app = new Koa();
    for (const m of chain) app.use(m);
    app.use(answer);
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    ports[t] = (server.address() as { port: number }).port;
    servers.push(server);
  }
  process.send?.({ ports });
  process.once('message', async () => {
    for (const s of servers) s.close();
    await memory.close();
    await redis?.close();
    process.disconnect?.();
  });
}

async function takeThroughput(
  name: string,
  run: (i: number) => Promise<unknown> | unknown,
  n: number,
  inFlight = 1,
): Promise<{ name: string; opsPerSec: number }> {
  const start = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) await run(next++);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { name, opsPerSec: Math.round(n / ((performance.now() - start) / 1000)) };
}

async function main(): Promise<void> {
  const seconds = positive('seconds', 'BENCH_SECONDS', 3);
  const rounds = positive('rounds', 'BENCH_ROUNDS', 3);
  const connections = positive('connections', 'BENCH_CONNECTIONS', 50);
  const out = option('out', 'BENCH_OUT', 'bench/results/resilience.json');

  const takes = [];
  const memory = new MemoryRateLimiter({ limit: HUGE, sweepIntervalMs: 0 });
  takes.push(await takeThroughput('memory takeNow, 1 key', () => memory.takeNow('k'), 1_000_000));
  takes.push(await takeThroughput('memory takeNow, 10 000 keys', (i) => memory.takeNow(`k${i % 10_000}`), 1_000_000));
  await memory.close();
  const redis = await redisUp();
  if (redis) {
    takes.push(await takeThroughput('redis take, sequential', (i) => redis.take(`k${i % 100}`), 5_000));
    takes.push(await takeThroughput('redis take, 50 in flight', (i) => redis.take(`k${i % 100}`), 20_000, 50));
    await redis.close();
  } else {
    console.log('Redis not answering on 127.0.0.1:6379: Redis rows skipped');
  }
  console.table(takes);

  const child = fork(__filename, ['serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ports = await new Promise<Partial<Record<Target, number>>>((resolve) =>
    child.once('message', (m: { ports: Partial<Record<Target, number>> }) => resolve(m.ports)),
  );
  const targets = TARGETS.filter((t) => ports[t] !== undefined);
  const rps: Record<string, number[]> = {};
  const ratio: Record<string, number[]> = {};
  let bad = 0;
  for (let r = 0; r < rounds; r++) {
    const order = targets.map((_, i) => targets[(i + r) % targets.length]!);
    const round: Partial<Record<Target, number>> = {};
    for (const t of order) {
      const res = await autocannon({ url: `http://127.0.0.1:${ports[t]}/x`, connections, duration: seconds });
      bad += res.non2xx + res.errors + res.timeouts;
      round[t] = res.requests.average;
      (rps[t] ??= []).push(res.requests.average);
    }
    for (const t of targets) (ratio[t] ??= []).push(round[t]! / round.koa!);
  }
  child.send('stop');
  const rows = targets.map((t) => ({
    target: t,
    'req/s (median)': Math.round(median(rps[t]!)),
    'vs koa': Number(median(ratio[t]!).toFixed(3)),
  }));
  console.table(rows);
  if (bad > 0) throw new Error(`${bad} requests failed or were not 2xx: the numbers are not comparable`);
  if (out !== 'none') {
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      seconds,
      rounds,
      connections,
      takes,
      http: rows,
    };
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${out}`);
  }
}

if (process.argv[2] === 'serve') {
  void serve();
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
