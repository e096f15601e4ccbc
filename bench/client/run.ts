/**
 * Client benchmark, one run, one local user service (in a child process):
 *   (a) bare got and (a') raw node:http: GET /users/1 with a keep-alive agent, JSON parsed — the floors;
 *   (b) createClient, fixed base URL, noPolicy() — cost of encoding, decoding and date revival, with the
 *       default node:http transport and with `transport: 'got'`;
 *   (c) createClient, default policy (breaker → timeout → retry), round-robin over 3 instances
 *       (three ids, same server) — cost of resilience and balancing;
 * each a closed loop of `--concurrency` calls in flight for `--seconds`, in rotating order per round;
 * reported: median calls/s over rounds, p50/p99 of the last round, and the ratio to (a) per round.
 * Then the order → user path: autocannon against the order service (its handler calls the user service
 * through the client), next to autocannon straight against the user service.
 *
 * Usage: `npm run bench:client` or `node dist/bench/client/run.js [--seconds 3] [--rounds 3]
 *   [--concurrency 32] [--connections 50] [--out bench/results/client.json | --out none]`.
 */
import autocannon from 'autocannon';
import got from 'got';
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { StaticInstances, closeClient, createClient, noPolicy } from '../../lib/client';
import { UserServiceContract } from '../../sample/usersvc/contract';
import { median, option, positive } from '../support/cli-options';
import { startServer, type ServerKind } from './servers';

// ---- child processes -------------------------------------------------------------------------------

async function childMain(kind: ServerKind, userUrl?: string): Promise<void> {
  const s = await startServer(kind, userUrl);
  process.on('message', () => void s.close().then(() => process.exit(0)));
  process.send?.({ port: s.port });
}

interface Child {
  process: ChildProcess;
  port: number;
}

function spawn(kind: ServerKind, userUrl?: string): Promise<Child> {
  const child = fork(__filename, ['serve', kind, ...(userUrl ? [userUrl] : [])], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ process: child, port: m.port }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

async function stop(child: Child): Promise<void> {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.send('stop');
  await exited;
}

// ---- closed-loop measurement -----------------------------------------------------------------------

interface Sample {
  callsPerSec: number;
  p50ms: number;
  p99ms: number;
  errors: number;
}

type Call = () => Promise<unknown>;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function closedLoop(call: Call, seconds: number, concurrency: number): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await call();
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    callsPerSec: Math.round(latencies.length / elapsed),
    p50ms: round(percentile(sorted, 50)),
    p99ms: round(percentile(sorted, 99)),
    errors,
  };
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
}

// ---- main ------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const seconds = positive('seconds', 'BENCH_SECONDS', 3);
  const rounds = Math.round(positive('rounds', 'BENCH_ROUNDS', 3));
  const concurrency = Math.round(positive('concurrency', 'BENCH_CONCURRENCY', 32));
  const connections = Math.round(positive('connections', 'BENCH_CONNECTIONS', 50));
  const out = option('out', 'BENCH_OUT', 'bench/results/client.json');

  const user = await spawn('user');
  const userUrl = `http://127.0.0.1:${user.port}`;
  const order = await spawn('order', userUrl);
  const agent = new http.Agent({ keepAlive: true });
  const bare = got.extend({ agent: { http: agent }, retry: { limit: 0 }, throwHttpErrors: false, responseType: 'json' });
  const rawGet = (): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const req = http.request(`${userUrl}/users/1`, { agent, headers: { accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const fixed = createClient(UserServiceContract, { baseUrl: userUrl, policy: noPolicy() });
  const fixedGot = createClient(UserServiceContract, { baseUrl: userUrl, policy: noPolicy(), transport: 'got' });
  const three = new StaticInstances({ usersvc: ['a', 'b', 'c'].map((id) => ({ id, baseUrl: userUrl, weight: 1 })) });
  const resilient = createClient(UserServiceContract, { instances: three, balancer: 'round-robin' });

  try {
    // Same answer from all three (and a Date where the contract says date-time), before measuring.
    const viaGot = (await bare(`${userUrl}/users/1`)).body as unknown as { id: number; createdAt: string };
    const viaFixed = await fixed.getUser(1);
    const viaResilient = await resilient.getUser(1);
    if (
      viaGot.id !== 1 ||
      !(viaFixed.createdAt instanceof Date) ||
      viaFixed.createdAt.toISOString() !== viaGot.createdAt ||
      viaResilient.id !== 1
    ) {
      throw new Error('unfair benchmark: the three callers do not get the same user');
    }
    const orderBody = JSON.stringify({ userId: 1, item: 'tea', quantity: 2 });
    const placed = await got
      .post(`http://127.0.0.1:${order.port}/orders`, { body: orderBody, headers: { 'content-type': 'application/json' } })
      .json<{ id: number; userName: string }>();
    if (placed.userName !== 'Ada Lovelace') throw new Error(`order → user path broken: ${JSON.stringify(placed)}`);

    const callers: [string, Call][] = [
      ['(a) bare got', () => bare(`${userUrl}/users/1`)],
      ["(a') raw node:http", rawGet],
      ['(b) client, fixed URL, no policy', () => fixed.getUser(1)],
      ["(b') same, transport 'got'", () => fixedGot.getUser(1)],
      ['(c) client, default policy, RR over 3', () => resilient.getUser(1)],
    ];
    for (const [, call] of callers) await closedLoop(call, 1, concurrency); // warm-up
    const samples = new Map<string, Sample[]>(callers.map(([name]) => [name, []]));
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < callers.length; k++) {
        const [name, call] = callers[(k + r) % callers.length]!;
        samples.get(name)!.push(await closedLoop(call, seconds, concurrency));
      }
    }
    const baseline = samples.get(callers[0]![0])!;
    const rawBaseline = samples.get(callers[1]![0])!;
    const rows = callers.map(([name]) => {
      const s = samples.get(name)!;
      const last = s[s.length - 1]!;
      return {
        caller: name,
        callsPerSec: median(s.map((x) => x.callsPerSec)),
        rounds: s.map((x) => x.callsPerSec),
        p50ms: last.p50ms,
        p99ms: last.p99ms,
        ratioToBareGot: Math.round(median(s.map((x, i) => x.callsPerSec / baseline[i]!.callsPerSec)) * 1000) / 1000,
        ratioToRawNodeHttp: Math.round(median(s.map((x, i) => x.callsPerSec / rawBaseline[i]!.callsPerSec)) * 1000) / 1000,
        errors: s.reduce((n, x) => n + x.errors, 0),
      };
    });
    console.log(`\nclient calls, GET /users/1, ${concurrency} in flight, ${rounds} × ${seconds} s\n`);
    table(
      ['caller', 'calls/s (median)', 'rounds', 'p50 ms', 'p99 ms', 'vs bare got', 'vs node:http', 'errors'],
      rows.map((r) => [
        r.caller,
        String(r.callsPerSec),
        r.rounds.join(' '),
        String(r.p50ms),
        String(r.p99ms),
        `${(r.ratioToBareGot * 100).toFixed(1)} %`,
        `${(r.ratioToRawNodeHttp * 100).toFixed(1)} %`,
        String(r.errors),
      ]),
    );

    const cannon = async (url: string): Promise<{ rps: number; p50ms: number; p99ms: number; errors: number; non2xx: number }> => {
      const res = await autocannon({ url, connections, duration: seconds * 2 });
      return {
        rps: Math.round(res.requests.average),
        p50ms: res.latency.p50,
        p99ms: res.latency.p99,
        errors: res.errors + res.timeouts,
        non2xx: res.non2xx,
      };
    };
    await cannon(`http://127.0.0.1:${order.port}/orders/${placed.id}`); // warm-up
    const direct = await cannon(`${userUrl}/users/1`);
    const path2 = await cannon(`http://127.0.0.1:${order.port}/orders/${placed.id}`);
    console.log(`\nautocannon, ${connections} connections, ${seconds * 2} s\n`);
    table(
      ['path', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'],
      [
        [
          'GET /users/1 (user service directly)',
          String(direct.rps),
          String(direct.p50ms),
          String(direct.p99ms),
          String(direct.errors),
          String(direct.non2xx),
        ],
        [
          'GET /orders/:id (order → user via client)',
          String(path2.rps),
          String(path2.p50ms),
          String(path2.p99ms),
          String(path2.errors),
          String(path2.non2xx),
        ],
      ],
    );

    if (out !== 'none') {
      const result = {
        date: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        settings: { seconds, rounds, concurrency, connections },
        clientCalls: rows,
        orderToUser: { direct, viaClient: path2, ratio: Math.round((path2.rps / direct.rps) * 1000) / 1000 },
      };
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      fs.writeFileSync(path.resolve(out), `${JSON.stringify(result, null, 2)}\n`);
      console.log(`\nwrote ${out}`);
    }
  } finally {
    closeClient(fixed);
    closeClient(fixedGot);
    closeClient(resilient);
    agent.destroy();
    await stop(order);
    await stop(user);
  }
}

if (process.argv[2] === 'serve') {
  void childMain(process.argv[3] as ServerKind, process.argv[4]);
} else {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
