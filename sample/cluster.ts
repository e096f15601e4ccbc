/**
 * Starts the sample cluster on 127.0.0.1 in micro mode: two user-service instances and one order
 * service, each its own process and gossip node. The order service listens on GDD_PORT (default 6060),
 * the others on free ports. Ctrl-C or SIGTERM stops them all; each leaves the cluster cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LAN_TIMINGS } from './lan-timings';

interface Member {
  label: string;
  script: string;
  env: Record<string, string>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function start(member: Member, children: ChildProcess[]): Promise<number> {
  const child = spawn(process.execPath, [path.join(__dirname, member.script)], {
    env: {
      ...process.env,
      GDD_BANNER: 'false',
      GDD_MODE: 'micro',
      GDD_MEM_HOST: '127.0.0.1',
      GDD_MEM_BIND_ADDR: '127.0.0.1',
      GDD_HOST: '127.0.0.1',
      ...LAN_TIMINGS,
      ...member.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C's SIGINT reaches only the launcher, which stops each node with one
    // SIGTERM (in the terminal's group every node got SIGINT and then SIGTERM, and said "again").
    detached: true,
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const onLine = (line: string): void => {
      process.stdout.write(`[${member.label}] ${line}\n`);
      const ready = /ready: http:\/\/localhost:(\d+)/.exec(line);
      if (ready) resolve(Number(ready[1]));
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => {
      process.stdout.write(`[${member.label}] exited with ${code}\n`);
      reject(new Error(`${member.label} exited with ${code} before it was ready`));
    });
  });
}

/**
 * Service names in ordersvc's registry; `null` when ordersvc will never list them (manage endpoints off:
 * 404, other credentials: 401), undefined when it does not answer.
 */
async function registeredServices(orderPort: number): Promise<string[] | null | undefined> {
  const user = process.env.GDD_MANAGE_USER ?? '';
  const headers: Record<string, string> = user
    ? { authorization: `Basic ${Buffer.from(`${user}:${process.env.GDD_MANAGE_PASS ?? ''}`).toString('base64')}` }
    : {};
  try {
    const res = await fetch(`http://127.0.0.1:${orderPort}/go-doudou/registry?format=json`, { headers });
    if (!res.ok) return null;
    return ((await res.json()) as { rows: Array<{ svcName: string }> }).rows.map((r) => r.svcName);
  } catch {
    return undefined;
  }
}

/**
 * Gossip spreads the joins within a few gossip rounds; announce the cluster only once ordersvc sees both
 * usersvc instances, so the first request a user makes is already balanced over both. False when the
 * deadline passed or the registry cannot tell.
 */
async function waitForDiscovery(orderPort: number, usersvcCount: number, deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    const services = await registeredServices(orderPort);
    if (services === null) return false;
    if (services && services.filter((s) => s === 'usersvc_rest').length >= usersvcCount) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export async function runCluster(): Promise<void> {
  const children: ChildProcess[] = [];
  let stopping = false;
  /** Stops every child that still runs, then exits with `exitCode` (non-zero when a service failed to start). */
  const stop = (signal: NodeJS.Signals, exitCode = 0): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the cluster (each node leaves the gossip cluster first)\n`);
    const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
    let left = alive.length;
    if (left === 0) process.exit(exitCode);
    for (const c of alive) {
      c.once('exit', () => (--left === 0 ? process.exit(exitCode) : undefined));
      c.kill('SIGTERM');
    }
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const seedPort = await freePort();
  const seed = `127.0.0.1:${seedPort}`;
  // The user's GDD_PORT goes to ordersvc as written: ordersvc's config validates it and names a bad value.
  const requestedOrderPort = process.env.GDD_PORT ?? '6060';
  let orderPort: number;
  let userPorts: number[];
  try {
    const first = await start(
      {
        label: 'usersvc-1',
        script: 'usersvc/main.js',
        env: { GDD_SERVICE_NAME: 'usersvc', GDD_PORT: '0', GDD_MEM_NAME: 'usersvc-1', GDD_MEM_PORT: String(seedPort), GDD_MEM_SEED: '' },
      },
      children,
    );
    const [second, orders] = await Promise.all([
      start(
        {
          label: 'usersvc-2',
          script: 'usersvc/main.js',
          env: { GDD_SERVICE_NAME: 'usersvc', GDD_PORT: '0', GDD_MEM_NAME: 'usersvc-2', GDD_MEM_PORT: '0', GDD_MEM_SEED: seed },
        },
        children,
      ),
      start(
        {
          label: 'ordersvc',
          script: 'ordersvc/main.js',
          env: {
            GDD_SERVICE_NAME: 'ordersvc',
            GDD_PORT: requestedOrderPort,
            GDD_MEM_NAME: 'ordersvc-1',
            GDD_MEM_PORT: '0',
            GDD_MEM_SEED: seed,
          },
        },
        children,
      ),
    ]);
    userPorts = [first, second];
    orderPort = orders;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    stop('SIGTERM', 1);
    return;
  }
  if (!(await waitForDiscovery(orderPort, userPorts.length, 20_000))) {
    process.stdout.write(
      "Could not confirm from ordersvc's registry that it sees both usersvc instances; gossip may still be converging.\n",
    );
  }
  if (stopping) return;
  const base = `http://localhost:${orderPort}`;
  process.stdout.write(
    [
      '',
      'The sample cluster is up: usersvc ×2 and ordersvc, discovering each other by gossip.',
      `  API docs:  ${base}/go-doudou/doc`,
      `  OpenAPI:   ${base}/go-doudou/openapi.json`,
      `  Registry:  ${base}/go-doudou/registry`,
      `  usersvc:   ${userPorts.map((p) => `http://localhost:${p}`).join(', ')}  (each starts with demo users 1–3)`,
      `  Try:       curl -s -X POST ${base}/orders -H 'content-type: application/json' -d '{"userId":1,"item":"tea","quantity":2}'`,
      'Ctrl-C stops all of them.',
      '',
    ].join('\n'),
  );
}
