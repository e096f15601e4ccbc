/**
 * `npm run bench:cli`: how long a user waits from `doudou svc init` to the new service's first 200 — init,
 * npm install (from the local npm cache, as a returning user has it), tsc build, then start until
 * GET /go-doudou/health answers 200. Each stage is timed per round; the table shows medians and the JSON
 * (bench/results/cli.json) every round. `--rounds N` (BENCH_ROUNDS), `--out file` (BENCH_OUT).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, option, positive } from '../support/cli-options';

const REPO = path.resolve(__dirname, '..', '..', '..');
const DOUDOU = path.join(REPO, 'dist', 'lib', 'cli', 'doudou.js');

interface Round {
  initMs: number;
  installMs: number;
  buildMs: number;
  startToFirst200Ms: number;
  totalMs: number;
}

function timed(what: string, command: string, args: string[], cwd: string): number {
  const started = performance.now();
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return performance.now() - started;
}

async function firstOk(url: string, deadlineMs: number): Promise<void> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`no 200 from ${url} within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function round(port: number): Promise<Round> {
  const parent = mkdtempSync(path.join(tmpdir(), 'tsd-bench-cli-'));
  try {
    const initMs = timed('svc init', process.execPath, [DOUDOU, 'svc', 'init', 'benchsvc'], parent);
    const dir = path.join(parent, 'benchsvc');
    const installMs = timed('npm install', 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], dir);
    const buildMs = timed('npm run build', 'npm', ['run', 'build'], dir);
    const started = performance.now();
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', GDD_PORT: String(port), GDD_HOST: '127.0.0.1', GDD_BANNER: 'false', GDD_LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    try {
      await firstOk(`http://127.0.0.1:${port}/go-doudou/health`, 60_000);
    } finally {
      child.kill('SIGKILL');
    }
    const startToFirst200Ms = performance.now() - started;
    return { initMs, installMs, buildMs, startToFirst200Ms, totalMs: initMs + installMs + buildMs + startToFirst200Ms };
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rounds = positive('rounds', 'BENCH_ROUNDS', 3);
  const out = option('out', 'BENCH_OUT', path.join(REPO, 'bench', 'results', 'cli.json'));
  const port = 20_000 + (process.pid % 20_000);
  const results: Round[] = [];
  for (let i = 0; i < rounds; i++) results.push(await round(port));
  const keys = ['initMs', 'installMs', 'buildMs', 'startToFirst200Ms', 'totalMs'] as const;
  const medians = Object.fromEntries(keys.map((k) => [k, Math.round(median(results.map((r) => r[k])))])) as Record<
    (typeof keys)[number],
    number
  >;
  console.log('stage                    median ms');
  for (const k of keys) console.log(`${k.padEnd(24)} ${String(medians[k]).padStart(9)}`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ benchmark: 'doudou svc init → first 200', node: process.version, rounds: results, median: medians, date: new Date().toISOString() }, null, 2)}\n`,
  );
  console.log(`wrote ${out}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
