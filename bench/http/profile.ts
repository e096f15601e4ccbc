/**
 * Where the time of one request goes, per default: each target (default: `stack`) is loaded with wrk per
 * shape while V8's sampling profiler runs in it; every sample is attributed to a default
 * (cost-categories.ts) and the shares are turned into microseconds with the CPU time per request measured in
 * the same window. `(program)` and `(idle)` samples are left out.
 *
 * Usage: `npm run bench:profile` — or `node dist/bench/http/profile.js [--targets stack] [--shapes hello,echo,user]
 *   [--warmup 5] [--seconds 10] [--connections 50] [--keep dir] [--out bench/results/http-profile.json | none]`.
 *   `--keep` leaves the .cpuprofile files there (open them in Chrome DevTools).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { option, positive } from '../support/cli-options';
import { entryCategory, fileCategory, isIdle, type CallFrame } from './cost-categories';
import { SHAPES, type ShapeName } from './shapes';
import { isTargetName, type TargetName } from './targets';
import { TargetProcess } from './target-process';
import { canPin, cleanUpScripts, ensureWrk, runWrk } from './wrk';

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
}

export interface ProfileRow {
  target: TargetName;
  shape: ShapeName;
  cpuMicrosPerRequest: number;
  samples: number;
  /** category → µs per request (share of non-idle samples × CPU time per request). */
  microsPerRequest: Record<string, number>;
}

/** category → samples, each node inheriting the entry category of its nearest ancestor that has one. */
export function attribute(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const childIds = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  const totals = new Map<string, number>();
  const stack: Array<{ node: ProfileNode; inherited: string | undefined }> = profile.nodes
    .filter((n) => !childIds.has(n.id))
    .map((node) => ({ node, inherited: undefined }));
  while (stack.length > 0) {
    const { node, inherited } = stack.pop()!;
    const entry = entryCategory(node.callFrame) ?? inherited;
    const hits = node.hitCount ?? 0;
    if (hits > 0 && !isIdle(node.callFrame)) {
      const category = entry ?? fileCategory(node.callFrame);
      totals.set(category, (totals.get(category) ?? 0) + hits);
    }
    for (const id of node.children ?? []) stack.push({ node: byId.get(id)!, inherited: entry });
  }
  return totals;
}

async function main(): Promise<void> {
  ensureWrk();
  const targets = option('targets', 'BENCH_TARGETS', 'stack').split(',') as TargetName[];
  for (const t of targets) if (!isTargetName(t)) throw new Error(`unknown target '${t}'`);
  const shapeNames = option('shapes', 'BENCH_SHAPES', SHAPES.map((s) => s.name).join(',')).split(',');
  const shapes = SHAPES.filter((s) => shapeNames.includes(s.name));
  const warmup = positive('warmup', 'BENCH_WARMUP', 5);
  const seconds = positive('seconds', 'BENCH_SECONDS', 10);
  const connections = Math.round(positive('connections', 'BENCH_CONNECTIONS', 50));
  const keep = option('keep', 'BENCH_KEEP', '');
  const outOption = option('out', 'BENCH_OUT', 'bench/results/http-profile.json');
  const pin = canPin() && os.cpus().length > 1;
  const dir = keep || fs.mkdtempSync(path.join(os.tmpdir(), 'gdd-profile-'));
  fs.mkdirSync(dir, { recursive: true });

  const rows: ProfileRow[] = [];
  try {
    for (const target of targets) {
      const t = await TargetProcess.start(target, pin ? '0' : undefined);
      try {
        for (const shape of shapes) {
          await runWrk({ port: t.port, shape, seconds: warmup, connections, cpu: pin ? '1' : undefined });
          await t.ask({ cmd: 'profile-start', intervalMicros: 200 });
          const cpuBefore = await t.cpuMicros();
          const sample = await runWrk({ port: t.port, shape, seconds, connections, cpu: pin ? '1' : undefined });
          const cpuMicrosPerRequest = ((await t.cpuMicros()) - cpuBefore) / sample.requests;
          const file = path.join(dir, `${target}-${shape.name}.cpuprofile`);
          await t.ask({ cmd: 'profile-stop', file });
          const totals = attribute(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile);
          const all = [...totals.values()].reduce((a, b) => a + b, 0);
          const microsPerRequest = Object.fromEntries(
            [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((v / all) * cpuMicrosPerRequest * 10) / 10]),
          );
          rows.push({
            target,
            shape: shape.name,
            cpuMicrosPerRequest: Math.round(cpuMicrosPerRequest * 10) / 10,
            samples: all,
            microsPerRequest,
          });
          console.log(`\n${target} ${shape.label}: ${cpuMicrosPerRequest.toFixed(1)} µs CPU per request (${all} samples)`);
          for (const [k, v] of Object.entries(microsPerRequest))
            console.log(`  ${k.padEnd(26)} ${v.toFixed(1).padStart(6)} µs  ${((v / cpuMicrosPerRequest) * 100).toFixed(1).padStart(5)} %`);
        }
      } finally {
        await t.stop();
      }
    }
  } finally {
    cleanUpScripts();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  if (outOption !== 'none') {
    const out = path.resolve(process.cwd(), outOption);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const result = { date: new Date().toISOString(), node: process.version, loadAverage: os.loadavg(), warmup, seconds, connections, rows };
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written ${path.relative(process.cwd(), out)}`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
