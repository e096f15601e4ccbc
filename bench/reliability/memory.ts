/**
 * Memory under a fixed request mix: the sample monolith (access log on, written to /dev/null) serves
 * `requests` requests of a mix of reads, writes, validation failures and 404s from autocannon; its RSS
 * is read from /proc before (after a warm-up) and after.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../spec/support/free-port';
import { waitFor } from '../../spec/support/wait-for';

export interface MemoryResult {
  requests: number;
  connections: number;
  mix: string[];
  rssBeforeMiB: number;
  rssAfterMiB: number;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
}

const json = { 'content-type': 'application/json' };

/** The mix: nothing in it grows the services' state (updates replace user 1, orders are only read). */
const MIX: autocannon.Request[] = [
  { method: 'GET', path: '/users/1' },
  { method: 'POST', path: '/page/users', headers: json, body: '{"page":1,"size":10}' },
  { method: 'PUT', path: '/users/1', headers: json, body: '{"name":"Ada Lovelace","email":"ada@example.com"}' },
  { method: 'GET', path: '/orders/1' },
  { method: 'POST', path: '/page/users', headers: json, body: '{"page":"one"}' },
  { method: 'GET', path: '/users/999' },
];

function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

function run(url: string, amount: number, connections: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, amount, connections, requests: MIX }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

export async function memoryUnderMix(requests: number, connections: number): Promise<MemoryResult> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve(__dirname, '../../sample/monolith.js')], {
    env: { PATH: process.env.PATH ?? '', GDD_BANNER: 'false', GDD_HOST: '127.0.0.1', GDD_PORT: String(port), GDD_LOG_FORMAT: 'json' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${url}/go-doudou/health`).catch(() => undefined))?.ok, {
      timeoutMs: 30_000,
      message: 'monolith up',
    });
    const order = await fetch(`${url}/orders`, { method: 'POST', headers: json, body: '{"userId":1,"item":"tea","quantity":1}' });
    if (!order.ok) throw new Error(`creating order 1 failed: ${order.status}`);
    await run(url, Math.min(20_000, requests), connections); // warm-up: JIT, caches, pools
    const rssBeforeMiB = rssMiB(child.pid!);
    const result = await run(url, requests, connections);
    return {
      requests,
      connections,
      mix: MIX.map((r) => `${r.method} ${r.path}${r.body ? ` ${r.body}` : ''}`),
      rssBeforeMiB,
      rssAfterMiB: rssMiB(child.pid!),
      requestsPerSecond: Math.round(result.requests.average),
      // the mix has a 400 and a 404 on purpose: 2 of 6 requests are non-2xx
      non2xx: result.non2xx,
      errors: result.errors,
    };
  } finally {
    child.kill('SIGKILL');
  }
}
