import assert from 'node:assert/strict';
import path from 'node:path';
import { AppProcess } from './support/app-process';

const fixture = path.resolve(__dirname, 'fixtures/slow-app.js');

describe('App lifecycle in a real process', () => {
  const running: AppProcess[] = [];
  afterEach(() => running.splice(0).forEach((p) => p.kill()));
  const start = (env: Record<string, string> = {}): AppProcess => {
    const p = new AppProcess(fixture, env);
    running.push(p);
    return p;
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} finishes the in-flight request, refuses new connections and exits 0`, async () => {
      const app = start({ GDD_GRACE_TIMEOUT: '10s' });
      const port = Number((await app.waitForLine(/listening-port=(\d+)/))[1]);
      const inFlight = fetch(`http://127.0.0.1:${port}/slow?ms=700`);
      await app.waitForLine(/slow-started/);
      app.child.kill(signal);
      await app.waitForLine(/shutting down/);
      await assert.rejects(fetch(`http://127.0.0.1:${port}/slow?ms=0`));
      const res = await inFlight;
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { sleptMs: 700 });
      assert.equal(await app.exited, 0);
    });
  }

  it('ignores a second signal while draining (Ctrl-C under a launcher sends SIGINT, then SIGTERM)', async () => {
    const app = start({ GDD_GRACE_TIMEOUT: '10s' });
    const port = Number((await app.waitForLine(/listening-port=(\d+)/))[1]);
    const inFlight = fetch(`http://127.0.0.1:${port}/slow?ms=700`);
    await app.waitForLine(/slow-started/);
    app.child.kill('SIGINT');
    await app.waitForLine(/shutting down/);
    app.child.kill('SIGTERM');
    await app.waitForLine(/already shutting down/);
    assert.equal((await inFlight).status, 200);
    assert.equal(await app.exited, 0);
  });

  it('cuts a request that outlives GDD_GRACE_TIMEOUT and still exits 0', async () => {
    const app = start({ GDD_GRACE_TIMEOUT: '200ms' });
    const port = Number((await app.waitForLine(/listening-port=(\d+)/))[1]);
    const inFlight = fetch(`http://127.0.0.1:${port}/slow?ms=60000`);
    await app.waitForLine(/slow-started/);
    app.child.kill('SIGTERM');
    await assert.rejects(inFlight);
    assert.equal(await app.exited, 0);
  });

  it('refuses to start on an invalid variable, naming it, and exits 1', async () => {
    const app = start({ GDD_PORT: 'abc', GDD_GRACE_TIMEOUT: 'soon' });
    assert.equal(await app.exited, 1);
    assert.match(app.stderr, /GDD_PORT="abc"/);
    assert.match(app.stderr, /GDD_GRACE_TIMEOUT="soon"/);
  });

  it('prints the route table, the listening address and the start-up time', async () => {
    const app = start();
    await app.waitForLine(/listening-port=\d+/);
    assert.match(app.stdout, /Registered Routes/);
    assert.match(app.stdout, /\| *slow *\| *GET *\| *\/slow *\|/);
    assert.match(app.stdout, /Http server is listening on http:\/\/127\.0\.0\.1:\d+/);
    assert.match(app.stdout, /Started in \d+ms/);
  });
});
