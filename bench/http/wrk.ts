/**
 * Drives one measurement with wrk (Debian package `wrk`): a single wrk thread pinned with taskset to its
 * own core (the servers run pinned to another), keep-alive connections, latency percentiles from wrk's
 * HdrHistogram. A Lua `done()` prints the summary as JSON; the shell's `times` reports the CPU wrk used,
 * so every sample says whether the load generator was near saturation (it must not be the bottleneck).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Shape } from './shapes';

export interface LoadOptions {
  port: number;
  shape: Shape;
  seconds: number;
  connections: number;
  /** CPU list for taskset (`'1'`); undefined: not pinned. */
  cpu: string | undefined;
}

export interface WrkSample {
  requests: number;
  seconds: number;
  rps: number;
  p50ms: number;
  p90ms: number;
  p99ms: number;
  maxms: number;
  /** Socket errors (connect, read, write, timeout) and non-2xx/3xx answers. */
  errors: number;
  non2xx: number;
  /** CPU seconds wrk used ÷ wall seconds: near 1 means the generator, not the server, was the limit. */
  generatorCpuShare: number;
}

/** The Lua string literal for `text` (long brackets: no escaping needed for JSON). */
function luaString(text: string): string {
  let level = '=';
  while (text.includes(`]${level}]`)) level += '=';
  return `[${level}[${text}]${level}]`;
}

function luaScript(shape: Shape): string {
  const lines = [`wrk.method = "${shape.method}"`];
  for (const [name, value] of Object.entries(shape.headers)) lines.push(`wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`);
  if (shape.body !== undefined) lines.push(`wrk.body = ${luaString(shape.body)}`);
  lines.push(
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format(\'WRK {"requests":%d,"us":%d,"socketErrors":%d,"non2xx":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d}\\n\',',
    '    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,',
    '    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))',
    'end',
  );
  return `${lines.join('\n')}\n`;
}

let scriptDir: string | undefined;

function scriptFor(shape: Shape): string {
  scriptDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'gdd-bench-wrk-'));
  const file = path.join(scriptDir, `${shape.name}.lua`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, luaScript(shape));
  return file;
}

/** Removes the Lua scripts. */
export function cleanUpScripts(): void {
  if (scriptDir !== undefined) fs.rmSync(scriptDir, { recursive: true, force: true });
  scriptDir = undefined;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** wrk present, or installed with apt-get when running as root; otherwise a clear error saying how. */
export function ensureWrk(): void {
  if (onPath('wrk')) return;
  if (process.getuid?.() === 0 && onPath('apt-get')) {
    console.error('wrk is not installed: apt-get install -y wrk');
    execFileSync('apt-get', ['install', '-y', 'wrk'], { stdio: 'inherit' });
    if (onPath('wrk')) return;
  }
  throw new Error('npm run bench needs wrk: install the Debian package (apt-get install -y wrk) or build it from github.com/wg/wrk');
}

/** True when taskset can pin processes here (Linux with util-linux). */
export function canPin(): boolean {
  return onPath('taskset');
}

/**
 * Moves this process (every thread) to `cpu`. The runner is harness, like wrk, and belongs on the load
 * core — unpinned, the scheduler sometimes runs it on the server core, and the server waits behind it.
 */
export function pinSelf(cpu: string | undefined): void {
  if (cpu !== undefined) execFileSync('taskset', ['-a', '-cp', cpu, String(process.pid)], { stdio: 'ignore' });
}

/** `[command, ...args]` prefixed with taskset when a CPU list is given. */
export function pinned(cpu: string | undefined, command: string, args: readonly string[]): [string, string[]] {
  return cpu === undefined ? [command, [...args]] : ['taskset', ['-c', cpu, command, ...args]];
}

/** Parses the shell's `times` output: the second line is the children's user and system time. */
function childCpuSeconds(timesOutput: string): number {
  const line = timesOutput.trim().split('\n').pop() ?? '';
  const seconds = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return seconds.reduce((a, b) => a + b, 0);
}

/** One wrk run against 127.0.0.1:port. */
export function runWrk(o: LoadOptions): Promise<WrkSample> {
  const [command, args] = pinned(o.cpu, 'wrk', [
    '-t1',
    `-c${o.connections}`,
    `-d${Math.max(1, Math.round(o.seconds))}s`,
    '--timeout',
    '10s',
    '-s',
    scriptFor(o.shape),
    `http://127.0.0.1:${o.port}${o.shape.path}`,
  ]);
  const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `${quoted}; status=$?; echo TIMES; times; exit $status`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const json = /^WRK (\{.*\})$/m.exec(out);
      if (code !== 0 || !json) {
        reject(new Error(`wrk failed (exit ${code}): ${err.trim() || out.trim()}`));
        return;
      }
      const r = JSON.parse(json[1]!) as Record<'requests' | 'us' | 'socketErrors' | 'non2xx' | 'p50' | 'p90' | 'p99' | 'max', number>;
      const seconds = r.us / 1e6;
      resolve({
        requests: r.requests,
        seconds,
        rps: Math.round(r.requests / seconds),
        p50ms: r.p50 / 1000,
        p90ms: r.p90 / 1000,
        p99ms: r.p99 / 1000,
        maxms: r.max / 1000,
        errors: r.socketErrors,
        non2xx: r.non2xx,
        generatorCpuShare: Math.round((childCpuSeconds(out.slice(out.indexOf('TIMES'))) / seconds) * 100) / 100,
      });
    });
  });
}
