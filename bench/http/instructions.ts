/**
 * Instructions per request, counted by valgrind's callgrind, for comparing targets on a machine too busy
 * for throughput numbers (other work changes req/s and CPU time, not the instructions a request executes).
 * Each target runs under callgrind (Debian package `valgrind`), is warmed up with wrk, then the counters
 * are zeroed, wrk drives it for a while, and the counters are dumped: instructions ÷ requests. Relative
 * numbers only — callgrind slows node down ~50×, so the JIT's choices may differ from a real run — but
 * a change that removes work shows up here whatever else runs.
 *
 * Usage: `npm run build && node dist/bench/http/instructions.js [--targets koa,stack,stack-nolog]
 *   [--shapes hello,echo,user] [--warmup 15] [--seconds 10] [--connections 4]`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { option, positive } from '../support/cli-options';
import { SHAPES } from './shapes';
import { isTargetName, type TargetName } from './targets';
import { TargetProcess } from './target-process';
import { cleanUpScripts, ensureWrk, runWrk } from './wrk';

/** `summary:` of the newest dump of `prefix` (callgrind numbers dumps `.1`, `.2`, …). */
function lastDumpInstructions(dir: string, prefix: string): number {
  const dumps = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && /\.\d+\.\d+$/.test(f))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
  const text = fs.readFileSync(path.join(dir, dumps[dumps.length - 1]!), 'utf8');
  const m = /^summary: (\d+)/m.exec(text) ?? /^totals: (\d+)/m.exec(text);
  if (!m) throw new Error(`no summary in ${dumps[dumps.length - 1]}`);
  return Number(m[1]);
}

async function main(): Promise<void> {
  ensureWrk();
  const targets = option('targets', 'BENCH_TARGETS', 'koa,stack,stack-nolog').split(',') as TargetName[];
  for (const t of targets) if (!isTargetName(t)) throw new Error(`unknown target '${t}'`);
  const shapeNames = option('shapes', 'BENCH_SHAPES', SHAPES.map((s) => s.name).join(',')).split(',');
  const shapes = SHAPES.filter((s) => shapeNames.includes(s.name));
  const warmup = positive('warmup', 'BENCH_WARMUP', 15);
  const seconds = positive('seconds', 'BENCH_SECONDS', 10);
  const connections = Math.round(positive('connections', 'BENCH_CONNECTIONS', 4));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdd-callgrind-'));
  const perRequest = new Map<string, number>();
  try {
    for (const target of targets) {
      const wrapper = ['valgrind', '--tool=callgrind', '--quiet', `--callgrind-out-file=${path.join(dir, `${target}.%p`)}`];
      const t = await TargetProcess.start(target, undefined, [], wrapper);
      const control = (flag: string): void => void execFileSync('callgrind_control', [flag, String(t.pid)], { stdio: 'ignore' });
      try {
        for (const shape of shapes) {
          await runWrk({ port: t.port, shape, seconds: warmup, connections, cpu: undefined });
          control('-z');
          const sample = await runWrk({ port: t.port, shape, seconds, connections, cpu: undefined });
          control('-d');
          const ir = lastDumpInstructions(dir, `${target}.`) / sample.requests;
          perRequest.set(`${shape.name}|${target}`, ir);
          console.log(
            `${shape.name.padEnd(6)} ${target.padEnd(14)} ${Math.round(ir).toString().padStart(9)} instructions/request (${sample.requests} requests)`,
          );
        }
      } finally {
        await t.stop();
      }
    }
  } finally {
    cleanUpScripts();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (targets.includes('koa')) {
    console.log('');
    for (const shape of shapes)
      for (const target of targets) {
        const koa = perRequest.get(`${shape.name}|koa`)!;
        const own = perRequest.get(`${shape.name}|${target}`)!;
        // instructions are cost: koa's ÷ the target's reads like a throughput ratio
        console.log(`${shape.name.padEnd(6)} ${target.padEnd(14)} ${(koa / own).toFixed(3)}× koa (by instructions)`);
      }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
