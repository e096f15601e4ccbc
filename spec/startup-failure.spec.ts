/**
 * Start-up failures of an App started the documented way (`new App().listen()`, nothing caught), in a
 * real child process: one readable line and exit 1, never Node's uncaught stack; and in micro mode,
 * gossip peers never see an instance that did not start.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import type { GossipNode } from '../lib/discovery/node';
import { ServiceRegistry } from '../lib/registry';
import { startupFailureLine } from '../lib/startup-failure';
import { AppProcess } from './support/app-process';
import { NodeSet, seedOf } from './support/gossip-nodes';
import { GOSSIP_ENV } from './support/micro-cluster';

const FIXTURE = path.join(__dirname, 'fixtures', 'startup-app.js');

/** Holds a TCP port on 127.0.0.1 until closed. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

async function failedRun(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const proc = new AppProcess(FIXTURE, env);
  try {
    const code = await proc.exited;
    return { code, stderr: proc.stderr, stdout: proc.stdout };
  } finally {
    proc.kill();
  }
}

/** Exactly one non-empty stderr line, and nothing that looks like a stack trace or a code frame. */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, stderr);
  assert.doesNotMatch(stderr, /^\s+at /m, stderr);
  assert.doesNotMatch(stderr, /\^|node:internal/, stderr);
  return lines[0];
}

describe('startup-failure', function () {
  this.timeout(60_000);

  it('a port already in use: one line naming the port and GDD_PORT, exit 1', async () => {
    const taken = await occupyPort();
    try {
      const run = await failedRun({ GDD_PORT: String(taken.port) });
      assert.equal(run.code, 1);
      const line = oneLine(run.stderr);
      assert.match(line, /^start-up failed \[PORT_IN_USE\]: HTTP port 127\.0\.0\.1:\d+ is already in use\. Fix: .*GDD_PORT/);
      assert.ok(line.includes(String(taken.port)), line);
    } finally {
      taken.server.close();
    }
  });

  it('a port in use caught by the program: a PortInUseError naming GDD_PORT, the socket error as its cause', async () => {
    const taken = await occupyPort();
    try {
      const run = await failedRun({ STARTUP_CASE: 'caught-plain', GDD_PORT: String(taken.port) });
      assert.equal(run.code, 0);
      assert.match(run.stdout, /caught PORT_IN_USE \(PortInUseError, GDD_PORT, cause EADDRINUSE\)/);
    } finally {
      taken.server.close();
    }
  });

  it('in micro mode with the port taken the instance never joins: its peer never sees it, as member or as service', async () => {
    const nodes = new NodeSet();
    const taken = await occupyPort();
    try {
      const peer: GossipNode = await nodes.start('peer');
      const registry = new ServiceRegistry(peer);
      const seen: string[] = [];
      peer.on('join', (m) => seen.push(m.name));
      registry.on('change', (c) => seen.push(...c.services));
      const run = await failedRun({
        ...GOSSIP_ENV,
        GDD_SERVICE_NAME: 'startupsvc',
        GDD_MEM_NAME: 'doomed',
        GDD_MEM_PORT: '0',
        GDD_MEM_SEED: seedOf(peer),
        GDD_PORT: String(taken.port),
      });
      assert.equal(run.code, 1);
      assert.match(oneLine(run.stderr), /\[PORT_IN_USE\]/);
      assert.doesNotMatch(run.stdout, /joined the gossip cluster|registered startupsvc/);
      assert.deepEqual(seen, []);
      assert.deepEqual(registry.instances('startupsvc_rest'), []);
      registry.close();
    } finally {
      taken.server.close();
      await nodes.shutdownAll();
    }
  });

  it('the gossip port in use: one line naming GDD_MEM_PORT', async () => {
    const nodes = new NodeSet();
    try {
      const holder = await nodes.start('holder');
      const run = await failedRun({ ...GOSSIP_ENV, GDD_SERVICE_NAME: 'startupsvc', GDD_MEM_PORT: String(holder.port) });
      assert.equal(run.code, 1);
      assert.match(oneLine(run.stderr), /^start-up failed \[PORT_IN_USE\]: gossip port .*GDD_MEM_PORT/);
    } finally {
      await nodes.shutdownAll();
    }
  });

  it('an invalid variable: one line naming it, exit 1', async () => {
    const run = await failedRun({ GDD_PORT: 'abc' });
    assert.equal(run.code, 1);
    assert.match(oneLine(run.stderr), /^start-up failed \[INVALID_CONFIG\]: GDD_PORT="abc" is not valid: .*\. Fix: /);
  });

  it('a missing dependency: one line suggesting the providers: option, exit 1', async () => {
    const run = await failedRun({ STARTUP_CASE: 'missing-dependency' });
    assert.equal(run.code, 1);
    const line = oneLine(run.stderr);
    assert.match(line, /^start-up failed \[MISSING_DEPENDENCY\]: no provider for "DB_URL"/);
    assert.match(line, /providers: \[\{ provide: /);
  });

  it('leaves a failure the program catches to the program: the same error, no line, no exit', async () => {
    const run = await failedRun({ STARTUP_CASE: 'caught' });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /caught MISSING_DEPENDENCY/);
    assert.doesNotMatch(run.stderr, /start-up failed/);
  });

  it('keeps a multi-line message on one line', () => {
    const err = Object.assign(new Error('2 configuration values are not valid:\n  GDD_PORT="x"\n  GDD_HOST="y"'), {
      code: 'INVALID_CONFIG',
    });
    assert.equal(startupFailureLine(err).includes('\n'), false);
  });
});
