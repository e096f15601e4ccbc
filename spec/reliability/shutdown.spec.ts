/**
 * Reliability of a SIGTERM, against the real sample monolith process: what keep-alive clients in the
 * middle of a deploy see, and what uploads in progress leave on disk.
 */
import { strict as assert } from 'node:assert';
import { request } from '../http/support/http-client';
import { KeepAliveLoad } from '../support/keep-alive-load';
import { fileUpload, logEntries, startMonolith, stopMonolith, tmpEntries, type RunningMonolith } from '../support/sample-monolith';
import { partialRequest } from '../support/slow-client';
import { waitFor } from '../support/wait-for';

describe('reliability: SIGTERM', function () {
  this.timeout(60_000);
  let m: RunningMonolith | undefined;
  afterEach(() => {
    stopMonolith(m);
    m = undefined;
  });

  it('answers every request sent before it, resets no keep-alive client, only refuses new connections, and exits 0', async () => {
    m = await startMonolith({ GDD_GRACE_TIMEOUT: '15s', GDD_DRAIN_WINDOW: '5s' });
    // one connection per request (agent: false): no idle socket of the test's own holds the drain open
    const created = await request(`${m.url}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"ada"}',
    });
    assert.equal(created.status, 200, created.text);
    const load = new KeepAliveLoad({ url: `${m.url}/users/1`, clients: 20 }).start();
    await waitFor(() => load.answered >= 1000, { timeoutMs: 30_000, message: 'load running' });
    load.mark();
    m.app.child.kill('SIGTERM');
    const report = await load.finished();
    assert.equal(await m.app.exited, 0);
    assert.equal(report.answeredBeforeMark, report.sentBeforeMark, JSON.stringify(report));
    assert.deepEqual(Object.keys(report.failures), ['ECONNREFUSED'], `only clean refusals: ${JSON.stringify(report)}`);
    const problems = logEntries(m.app).filter((e) => e.level === 'error' || e.level === 'warn');
    assert.deepEqual(problems, []);
  });

  it('leaves no temporary file of uploads in progress, whole or partial, when the grace timeout cuts them', async () => {
    m = await startMonolith({ GDD_GRACE_TIMEOUT: '1s', GDD_DRAIN_WINDOW: '200ms' });
    const uploads = await Promise.all(
      [5, 20, 8].map((mb) => {
        const { body, contentType } = fileUpload(mb * 1024 * 1024);
        // all but the last 64 KiB: the files are on disk, the requests still open
        return partialRequest({ port: m!.port, path: '/files', body, contentType, sendBytes: body.length - 64 * 1024 });
      }),
    );
    await waitFor(() => tmpEntries(m!).filter((e) => e.includes('/')).length >= 3, { timeoutMs: 20_000, message: 'three uploads on disk' });
    // and one that completes just before the signal: its removal is still under way when SIGTERM comes
    const whole = fileUpload(2 * 1024 * 1024);
    const form = await request(`${m.url}/files`, { method: 'POST', headers: { 'content-type': whole.contentType }, body: whole.body });
    assert.equal(form.status, 200, form.text);
    m.app.child.kill('SIGTERM');
    assert.equal(await m.app.exited, 0);
    assert.deepEqual(tmpEntries(m), [], 'TMPDIR is empty after exit');
    const cut = logEntries(m.app).filter((e) => e.outcome === 'shutdown');
    assert.equal(cut.length, 3, 'the three uploads are recorded as cut at shutdown');
    uploads.forEach((socket) => socket.destroy());
  });
});
