import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { GossipNode } from '../../../lib/discovery/node';
import { optionsFromConfig } from '../../../lib/discovery/node-env';
import { DoudouProcess, runDoudou } from '../../support/cli-process';
import { freePort } from '../../support/free-port';
import { writeLinkedProject } from '../../support/linked-project';
import { NO_DRAIN_ENV } from '../../support/no-drain';
import { TempDirs } from '../../support/temp-dir';
import { waitFor } from '../../support/wait-for';

function mainTs(version: string): string {
  return `import { App, Get, Service } from 'ts-doudou';

@Service('watched')
export class Watched {
  @Get('/version', { returns: String })
  async version(): Promise<string> {
    return '${version}';
  }
}

new App().listen().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
`;
}

function project(temp: TempDirs): string {
  const dir = temp.make('run');
  writeLinkedProject(dir, {
    'package.json': JSON.stringify({ name: 'watched', main: 'dist/main.js' }),
    'src/main.ts': mainTs('v1'),
  });
  return dir;
}

const count = (text: string, re: RegExp): number => (text.match(new RegExp(re.source, 'g')) ?? []).length;

describe('cli/commands/svc-run (doudou svc run)', function () {
  this.timeout(120_000);
  const temp = new TempDirs();
  const running: DoudouProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop()));
  });
  after(() => temp.removeAll());

  async function version(port: number): Promise<string> {
    return (await (await fetch(`http://127.0.0.1:${port}/version`)).json()) as string;
  }

  it('builds and starts the service; exits 1 with the diagnostics when the build fails', async () => {
    const dir = project(temp);
    const port = await freePort();
    const run = new DoudouProcess(['svc', 'run'], { cwd: dir, env: { ...NO_DRAIN_ENV, GDD_HOST: '127.0.0.1', GDD_PORT: String(port) } });
    running.push(run);
    await run.waitForOutput(/Http server is listening/, 60_000);
    assert.equal(await version(port), 'v1');
    assert.equal(await run.stop(), 0, 'SIGTERM reaches the service, which drains and exits 0');
    writeFileSync(path.join(dir, 'src/main.ts'), "const x: number = 'not a number';\n");
    const failed = await runDoudou(['svc', 'run'], { cwd: dir, timeoutMs: 60_000 });
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /src\/main\.ts\(1,7\): error TS2322/);
    assert.match(failed.stderr, /^doudou: build failed with 1 error$/m);
  });

  it('--watch: restarts after a successful build, drains the old process before the new one binds, keeps it on a failed build, debounces bursts', async () => {
    const dir = project(temp);
    const port = await freePort();
    const run = new DoudouProcess(['svc', 'run', '--watch'], { cwd: dir, env: { GDD_HOST: '127.0.0.1', GDD_PORT: String(port) } });
    running.push(run);
    await run.waitForOutput(/Http server is listening/, 60_000);
    assert.equal(await version(port), 'v1');

    let mark = run.output.length;
    writeFileSync(path.join(dir, 'src/main.ts'), mainTs('v2'));
    await run.waitForOutput(/restarted pid \d+/, 60_000, mark);
    await waitFor(async () => (await version(port).catch(() => '')) === 'v2', { timeoutMs: 30_000, message: 'v2 served' });
    const restart = run.output.slice(mark);
    // the old one said goodbye before the new one listened — on the same port, so it had to
    assert.ok(restart.indexOf('Http server stopped') < restart.lastIndexOf('Http server is listening'), restart);

    mark = run.output.length;
    writeFileSync(path.join(dir, 'src/main.ts'), mainTs('v3').replace("return 'v3';", "return 'v3'" + ' +'));
    await run.waitForOutput(/build failed with \d+ errors?: keeping the running service \(pid \d+\)/, 60_000, mark);
    assert.match(run.output.slice(mark), /error TS\d+/);
    assert.equal(await version(port), 'v2', 'the old process still serves');

    mark = run.output.length;
    for (const v of ['v4', 'v5', 'v6', 'v7', 'v8']) writeFileSync(path.join(dir, 'src/main.ts'), mainTs(v));
    await run.waitForOutput(/restarted pid \d+/, 60_000, mark);
    await waitFor(async () => (await version(port).catch(() => '')) === 'v8', { timeoutMs: 30_000, message: 'v8 served' });
    assert.equal(count(run.output.slice(mark), /restarting: stopping pid/), 1, 'a burst of saves makes one restart');
    assert.equal(await run.stop(), 0);
  });

  it('--watch in micro mode: the restarted node leaves and rejoins the cluster under the same name', async () => {
    const seedPort = await freePort();
    const seed = await GossipNode.create(
      optionsFromConfig({ GDD_MEM_PROFILE: 'local', GDD_MEM_BIND_ADDR: '127.0.0.1', GDD_MEM_PORT: String(seedPort), GDD_MEM_NAME: 'seed' }),
    );
    const events: string[] = [];
    for (const type of ['join', 'leave', 'dead'] as const) seed.on(type, (m) => events.push(`${type} ${m.name}`));
    try {
      const dir = project(temp);
      const port = await freePort();
      const env = {
        GDD_HOST: '127.0.0.1',
        GDD_PORT: String(port),
        GDD_MODE: 'micro',
        GDD_SERVICE_NAME: 'watched',
        GDD_MEM_NAME: 'watched-node',
        GDD_MEM_PROFILE: 'local',
        GDD_MEM_BIND_ADDR: '127.0.0.1',
        GDD_MEM_HOST: '127.0.0.1',
        GDD_MEM_PORT: String(await freePort()),
        GDD_MEM_SEED: `127.0.0.1:${seedPort}`,
      };
      const run = new DoudouProcess(['svc', 'run', '--watch'], { cwd: dir, env });
      running.push(run);
      await waitFor(() => events.includes('join watched-node'), { timeoutMs: 60_000, message: 'first join' });
      writeFileSync(path.join(dir, 'src/main.ts'), mainTs('v2'));
      await waitFor(() => events.filter((e) => e === 'join watched-node').length === 2, {
        timeoutMs: 60_000,
        message: `rejoin: ${events}`,
      });
      assert.deepEqual(
        events.filter((e) => e.endsWith('watched-node')),
        ['join watched-node', 'leave watched-node', 'join watched-node'],
      );
      assert.equal(await version(port), 'v2');
    } finally {
      await seed.shutdown();
    }
  });
});
