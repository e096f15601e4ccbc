import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { discardBody } from '../../lib/http/body-discard';
import { multipart } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';

/** Sends `body` the way an uploading client does (not waiting for an early answer) and reports what it saw. */
function upload(
  url: string,
  body: Buffer,
  headers: Record<string, string | number>,
  chunked: boolean,
): Promise<{ status?: number; json?: { error: { code: string } }; error?: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': body.length }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error: { code: string } } }),
        );
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    if (!chunked) req.end(body);
    else {
      for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
      req.end();
    }
  });
}

describe('body-discard', () => {
  describe('a 413 reaches a client that is still sending', () => {
    let s: Started;
    before(async () => {
      s = await startUsersServer({ bodyLimit: { multipartFileSize: 64 * 1024 } });
    });
    after(() => s.server.close({ graceMs: 1000 }));

    const big = Buffer.alloc(5 * 1024 * 1024, 0x61);

    for (const chunked of [false, true]) {
      it(`answers a 5 MB JSON body (${chunked ? 'chunked' : 'Content-Length'}) with 413 JSON, never EPIPE`, async () => {
        for (let i = 0; i < 5; i++) {
          const seen = await upload(`${s.url}/page/users`, big, { 'content-type': 'application/json' }, chunked);
          assert.equal(seen.error, undefined, `attempt ${i}: the client saw ${seen.error}`);
          assert.equal(seen.status, 413);
          assert.equal(seen.json?.error.code, 'PAYLOAD_TOO_LARGE');
        }
      });
    }

    it('answers a 5 MB upload over the file limit with 413 JSON, never EPIPE', async () => {
      const m = multipart([{ name: 'file', fileName: 'big.bin', contentType: 'application/octet-stream', data: big }]);
      for (let i = 0; i < 3; i++) {
        const seen = await upload(`${s.url}/upload`, m.body, { 'content-type': m.contentType }, false);
        assert.equal(seen.error, undefined, `attempt ${i}: the client saw ${seen.error}`);
        assert.equal(seen.status, 413);
      }
    });
  });

  describe('discardBody', () => {
    let server: http.Server;
    let url: string;
    const outcomes: boolean[] = [];
    before(async () => {
      server = http.createServer((req, res) => {
        void discardBody(req, 256 * 1024).then((ended) => {
          outcomes.push(ended);
          res.setHeader('Connection', 'close');
          res.end(String(ended));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('reads a body within the bound to its end', async () => {
      const seen = await new Promise<string>((resolve, reject) => {
        const req = http.request(url, { method: 'POST', agent: false }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end(Buffer.alloc(100 * 1024));
      });
      assert.equal(seen, 'true');
    });

    it('stops reading past the bound and lets the connection close', async () => {
      const before = outcomes.length;
      await new Promise<void>((resolve) => {
        const req = http.request(url, { method: 'POST', agent: false }, (res) => {
          res.resume();
          res.on('end', resolve);
          res.on('error', () => resolve());
        });
        req.on('error', () => resolve()); // a client that keeps sending past the bound may see its connection cut
        const chunk = Buffer.alloc(64 * 1024);
        for (let i = 0; i < 64; i++) req.write(chunk);
        req.end();
      });
      assert.deepEqual(outcomes.slice(before), [false]);
    });
  });
});
