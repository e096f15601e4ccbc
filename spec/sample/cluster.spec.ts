import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { AppProcess } from '../support/app-process';
import { waitFor } from '../support/wait-for';

/** `npm start`: the launcher of the sample cluster (2 usersvc + ordersvc in micro mode). */
describe('sample cluster (npm start)', function () {
  this.timeout(60_000);
  let launcher: AppProcess | undefined;
  afterEach(() => launcher?.kill());

  it('starts three services that find each other, serves orders, and stops them all cleanly on SIGTERM', async () => {
    launcher = new AppProcess(path.resolve(__dirname, '../../sample/main.js'), { GDD_PORT: '0' });
    const docs = (await launcher.waitForLine(/API docs: +(http:\/\/localhost:\d+)\/go-doudou\/doc/, 30_000))[1];
    const base = docs.replace('localhost', '127.0.0.1');
    const created = await fetch(`${base}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 3, item: 'coffee', quantity: 1 }),
    });
    assert.equal(created.status, 200);
    assert.equal(((await created.json()) as { userName: string }).userName, 'Grace Hopper');
    const registry = (await (await fetch(`${base}/go-doudou/registry?format=json`)).json()) as { rows: Array<{ svcName: string }> };
    assert.deepEqual(registry.rows.map((r) => r.svcName).sort(), ['ordersvc_rest', 'usersvc_rest', 'usersvc_rest']);

    launcher.child.kill('SIGTERM');
    assert.equal(await launcher.exited, 0);
    for (const name of ['usersvc-1', 'usersvc-2', 'ordersvc']) {
      assert.match(launcher.stdout, new RegExp(`\\[${name}\\] .*left the gossip cluster`));
      assert.match(launcher.stdout, new RegExp(`\\[${name}\\] exited with 0`));
    }
  });

  it('on Ctrl-C (SIGINT to the whole terminal process group) stops each node with one signal: no "again"', async () => {
    // the launcher as a terminal starts it: leader of its own process group, which Ctrl-C signals as a whole
    const child = spawn(process.execPath, [path.resolve(__dirname, '../../sample/main.js')], {
      env: { PATH: process.env.PATH ?? '', GDD_BANNER: 'false', GDD_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitFor(() => /API docs:/.test(out), { timeoutMs: 30_000, message: 'the launcher announcing the URLs' });
      process.kill(-child.pid!, 'SIGINT');
      assert.equal(await exited, 0);
      for (const name of ['usersvc-1', 'usersvc-2', 'ordersvc']) {
        assert.match(out, new RegExp(`\\[${name}\\] .*Received SIGTERM`));
        assert.match(out, new RegExp(`\\[${name}\\] exited with 0`));
      }
      assert.doesNotMatch(out, /again/);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });

  it('passes a bad GDD_PORT to ordersvc as written and exits non-zero when ordersvc refuses to start', async () => {
    launcher = new AppProcess(path.resolve(__dirname, '../../sample/main.js'), { GDD_PORT: 'abc' });
    assert.notEqual(await launcher.exited, 0);
    assert.match(launcher.stdout, /\[ordersvc\] .*GDD_PORT="abc"/);
    assert.doesNotMatch(launcher.stdout, /NaN/);
  });
});
