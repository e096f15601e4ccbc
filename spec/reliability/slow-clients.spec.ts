/**
 * Reliability under slow and vanishing clients, against the real sample monolith process: read timeouts
 * on time, recorded as what they are, one log line each, and nothing left on disk.
 */
import { strict as assert } from 'node:assert';
import { fileUpload, logEntries, startMonolith, stopMonolith, tmpEntries, type RunningMonolith } from '../support/sample-monolith';
import { partialRequest, SCHEDULING_SLACK_MS, slowRequest } from '../support/slow-client';
import { waitFor } from '../support/wait-for';

const READ_MS = 2000;
/** The requirement: within a second of GDD_READ_TIMEOUT. */
const REQUIRED_PRECISION_MS = 1000;
const SLOW_CLIENTS = 20;

describe('reliability: slow and vanishing clients', function () {
  this.timeout(60_000);
  let m: RunningMonolith | undefined;
  afterEach(() => {
    stopMonolith(m);
    m = undefined;
  });

  it(`cuts ${SLOW_CLIENTS} slowloris clients with 408 on time, one info line each, no error, and counts them as 408`, async () => {
    m = await startMonolith({ GDD_READ_TIMEOUT: `${READ_MS}ms` });
    const before = logEntries(m.app).length;
    const head = 'GET /users/1 HTTP/1.1\r\nHost: x\r\nUser-Agent: slowloris\r\nAccept: */*\r\n\r\n';
    const results = await Promise.all(
      Array.from({ length: SLOW_CLIENTS }, () => slowRequest({ port: m!.port, bytes: head, intervalMs: 200 })),
    );
    for (const r of results) {
      assert.equal(r.status, 408, r.raw);
      // from the client's connect, which precedes the server's accept: a bound at least as strict as the server's own
      const took = r.answeredAt! - r.connectedAt;
      assert.ok(took >= READ_MS - 5, `408 after ${Math.round(took)} ms, before the timeout`);
      assert.ok(took <= READ_MS + REQUIRED_PRECISION_MS + SCHEDULING_SLACK_MS, `408 after ${Math.round(took)} ms`);
    }
    await waitFor(() => logEntries(m!.app).filter((e) => e.outcome === 'read-timeout').length === SLOW_CLIENTS, {
      message: 'one access line per slow client',
    });
    const lines = logEntries(m.app).slice(before);
    assert.equal(lines.length, SLOW_CLIENTS, `log lines: ${lines.map((l) => l.message).join(' | ')}`);
    assert.ok(lines.every((l) => l.level === 'info' && l.status === 408 && l.stack === undefined));
    const metrics = await (await fetch(`${m.url}/go-doudou/prometheus`)).text();
    assert.match(metrics, new RegExp(`go_doudou_http_request_count\\{path="unmatched",method="",status="408"[^}]*\\} ${SLOW_CLIENTS}`));
    assert.ok(!/status="404"/.test(metrics), 'nothing recorded as 404');
  });

  it('leaves no temporary file of an upload the client abandons or one cut by the read timeout', async () => {
    m = await startMonolith({ GDD_READ_TIMEOUT: `${READ_MS}ms` });
    const { body, contentType } = fileUpload(4 * 1024 * 1024);
    const abandoned = await partialRequest({ port: m.port, path: '/files', body, contentType, sendBytes: 1024 * 1024 });
    const stalled = await partialRequest({ port: m.port, path: '/files', body, contentType, sendBytes: 1024 * 1024 });
    await waitFor(() => tmpEntries(m!).filter((e) => e.includes('/')).length === 2, { message: 'both uploads on disk' });
    abandoned.destroy();
    await waitFor(() => logEntries(m!.app).some((e) => e.outcome === 'aborted' && e.route === '/files'), { message: 'abort recorded' });
    await waitFor(() => logEntries(m!.app).some((e) => e.outcome === 'read-timeout' && e.route === '/files'), {
      message: 'timeout recorded',
    });
    await waitFor(() => tmpEntries(m!).length === 0, { message: `left on disk: ${tmpEntries(m).join(', ')}` });
    const problems = logEntries(m.app).filter((e) => e.level === 'error' || e.level === 'warn');
    assert.deepEqual(problems, []);
    stalled.destroy();
  });
});
