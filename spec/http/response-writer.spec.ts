import { strict as assert } from 'node:assert';
import { contentDisposition } from '../../lib/http/response-writer';
import { request } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';

describe('response-writer', () => {
  describe('contentDisposition', () => {
    it('quotes a plain ASCII name', () => {
      assert.equal(contentDisposition('report.csv'), 'attachment; filename="report.csv"');
    });
    it('adds an RFC 5987 filename* for non-ASCII names with an ASCII fallback', () => {
      assert.equal(
        contentDisposition('résumé (1).pdf'),
        `attachment; filename="r_sum_ (1).pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29.pdf`,
      );
    });
    it('drops directories and keeps quotes only percent-encoded in filename*', () => {
      assert.equal(contentDisposition('../etc/"pass"'), `attachment; filename="_pass_"; filename*=UTF-8''%22pass%22`);
    });
  });

  describe('downloads over HTTP', () => {
    let s: Started;
    before(async () => {
      s = await startUsersServer();
    });
    after(() => s.server.close({ graceMs: 1000 }));

    it('sends a Buffer FileResult as an attachment with type and length', async () => {
      const res = await request(`${s.url}/download/${encodeURIComponent('日報.txt')}`);
      assert.equal(res.status, 200);
      assert.equal(res.text, 'content of 日報.txt');
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      assert.equal(res.headers['content-length'], String(Buffer.byteLength('content of 日報.txt')));
      assert.equal(res.headers['content-disposition'], `attachment; filename="__.txt"; filename*=UTF-8''%E6%97%A5%E5%A0%B1.txt`);
    });

    it('pipes a stream FileResult with the declared Content-Length', async () => {
      const res = await request(`${s.url}/download-stream`);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-length'], String(64 * 1024));
      assert.equal(res.body.length, 64 * 1024);
      assert.ok(res.body.every((b) => b === 7));
      assert.equal(res.headers['content-disposition'], 'attachment; filename="data.bin"');
      assert.equal(res.headers['content-type'], 'application/octet-stream');
    });

    it('answers JSON 500 with the request id when a download stream fails before its first byte', async () => {
      const res = await request(`${s.url}/download-broken`, { headers: { 'X-Request-Id': 'broken-1' } });
      assert.equal(res.status, 500);
      assert.deepEqual(res.json(), { error: { code: 'INTERNAL', message: 'internal server error', requestId: 'broken-1' } });
      assert.equal(res.headers['content-disposition'], undefined);
      assert.equal(res.headers['x-request-id'], 'broken-1');
      assert.ok(s.lines.some((l) => l.level === 'error' && l.requestId === 'broken-1' && /disk vanished/.test(l.message)));
    });
  });
});
