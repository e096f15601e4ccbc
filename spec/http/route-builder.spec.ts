import { strict as assert } from 'node:assert';
import * as zlib from 'node:zlib';
import { joinPaths } from '../../lib/http/route-builder';
import { request } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';

interface ErrorJson {
  error: { code: string; message: string; details?: Array<{ field: string; message: string }>; requestId: string };
}

describe('route-builder', () => {
  let s: Started;
  before(async () => {
    s = await startUsersServer();
  });
  after(async () => {
    s.service.gate.releaseAll();
    await s.server.close({ graceMs: 1000 });
  });

  describe('joinPaths', () => {
    it('joins root path, service root and route path without double or trailing slashes', () => {
      assert.equal(joinPaths('/api/', '', '/users/:id'), '/api/users/:id');
      assert.equal(joinPaths('', '', ''), '/');
      assert.equal(joinPaths('api', 'v1/', 'x'), '/api/v1/x');
    });
  });

  describe('path and query parameters', () => {
    it('coerces a path variable to integer and a query boolean strictly', async () => {
      const res = await request(`${s.url}/users/42?verbose=1`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), { id: 42, verbose: true });
      assert.match(String(res.headers['content-type']), /application\/json/);
    });

    it('answers 400 naming path.id when the id is not an integer', async () => {
      const res = await request(`${s.url}/users/abc`);
      assert.equal(res.status, 400);
      const body = res.json<ErrorJson>();
      assert.equal(body.error.code, 'VALIDATION_FAILED');
      assert.deepEqual(body.error.details, [
        { field: 'path.id', message: 'must be integer (digits with an optional minus sign, within ±2^53-1)' },
      ]);
    });

    it('answers 400 naming path.id for every other spelling of a number, instead of reaching the handler', async () => {
      for (const id of ['1e400', '9007199254740993', '1e0', '+1', '1.0', '%201', '0x1']) {
        const res = await request(`${s.url}/users/${id}`);
        assert.equal(res.status, 400, id);
        assert.deepEqual(
          res.json<ErrorJson>().error.details?.map((d) => d.field),
          ['path.id'],
          id,
        );
      }
    });

    it('answers 400 naming a query number that is not finite', async () => {
      const res = await request(`${s.url}/users?page=1&ratio=1e400`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.json<ErrorJson>().error.details, [{ field: 'query.ratio', message: 'must be number (a finite decimal)' }]);
    });

    it('names a bad date once, not once per check', async () => {
      const res = await request(`${s.url}/users?page=1&since=yesterday`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.json<ErrorJson>().error.details, [{ field: 'query.since', message: 'must be an ISO 8601 date or date-time' }]);
    });

    it('rejects a query boolean that is not true/false/1/0', async () => {
      const res = await request(`${s.url}/users/1?verbose=yes`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.json<ErrorJson>().error.details, [{ field: 'query.verbose', message: 'must be boolean' }]);
    });

    it('reads arrays from repeated keys and name[] keys, dates as Date, numbers as number', async () => {
      const res = await request(`${s.url}/users?page=2&size=10&tags=a&tags[]=b&tags=c&since=2024-01-02T03:04:05Z&ratio=0.5`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), {
        page: 2,
        size: 10,
        tags: ['a', 'c', 'b'],
        since: '2024-01-02T03:04:05.000Z',
        token: null,
        ratio: 0.5,
      });
    });

    it('answers 400 listing every bad field at once', async () => {
      const res = await request(`${s.url}/users?size=1000&since=yesterday&ratio=abc`, { headers: { 'X-Token': 'ab' } });
      assert.equal(res.status, 400);
      const fields = (res.json<ErrorJson>().error.details ?? []).map((d) => `${d.field}: ${d.message}`).sort();
      assert.deepEqual(fields, [
        'header.x-token: must NOT have fewer than 3 characters',
        'query.page: is required',
        'query.ratio: must be number (a finite decimal)',
        'query.since: must be an ISO 8601 date or date-time',
        'query.size: must be <= 100',
      ]);
      assert.match(res.json<ErrorJson>().error.message, /query\.page/);
    });

    it('treats an empty value of a numeric query parameter as absent', async () => {
      const res = await request(`${s.url}/users?page=`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.json<ErrorJson>().error.details, [{ field: 'query.page', message: 'is required' }]);
    });

    it('reads a header parameter case-insensitively', async () => {
      const res = await request(`${s.url}/users?page=1`, { headers: { 'x-TOKEN': 'secret' } });
      assert.equal(res.json().token, 'secret');
    });
  });

  describe('JSON body', () => {
    const post = (body: string | Buffer, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
      request(`${s.url}/page/users`, { method: 'POST', headers, body });

    it('validates with $ref component schemas, fills defaults and hands over a DTO instance', async () => {
      const res = await post(JSON.stringify({ page: 3, extra: 'kept', items: [{ name: 'x' }] }));
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), { isDto: true, query: { page: 3, size: 20, extra: 'kept', items: [{ name: 'x' }] } });
    });

    it('names nested fields like body.items[1].name', async () => {
      const res = await post(JSON.stringify({ page: 0, items: [{ name: 'ok' }, { name: '' }, {}] }));
      assert.equal(res.status, 400);
      const fields = (res.json<ErrorJson>().error.details ?? []).map((d) => `${d.field}: ${d.message}`).sort();
      assert.deepEqual(fields, [
        'body.items[1].name: must NOT have fewer than 1 characters',
        'body.items[2].name: is required',
        'body.page: must be >= 1',
      ]);
    });

    it('answers 400 "body is required" for a missing required body', async () => {
      const res = await request(`${s.url}/page/users`, { method: 'POST' });
      assert.equal(res.status, 400);
      assert.deepEqual(res.json<ErrorJson>().error.details, [{ field: 'body', message: 'is required' }]);
    });

    it('answers 400 for a JSON number too large for a double (it parses to Infinity)', async () => {
      const res = await post('{"page":1e400}');
      assert.equal(res.status, 400);
      assert.deepEqual(res.json<ErrorJson>().error.details, [{ field: 'body.page', message: 'must be integer' }]);
    });

    it('answers 400 MALFORMED_JSON naming body for broken JSON', async () => {
      const res = await post('{"page": 1,');
      assert.equal(res.status, 400);
      const e = res.json<ErrorJson>().error;
      assert.equal(e.code, 'MALFORMED_JSON');
      assert.equal(e.details?.[0]?.field, 'body');
    });

    it('answers 413 PAYLOAD_TOO_LARGE for a body over the JSON limit', async () => {
      const big = JSON.stringify({ page: 1, pad: 'x'.repeat(1024 * 1024 + 10) });
      const res = await post(big);
      assert.equal(res.status, 413);
      assert.equal(res.json<ErrorJson>().error.code, 'PAYLOAD_TOO_LARGE');
    });

    it('answers 413 when a small gzip body inflates beyond the limit', async () => {
      const bomb = zlib.gzipSync(Buffer.from(JSON.stringify({ page: 1, pad: '0'.repeat(2 * 1024 * 1024) })));
      assert.ok(bomb.length < 64 * 1024);
      const res = await post(bomb, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      assert.equal(res.status, 413);
    });

    it('answers 415 for a body that is not JSON', async () => {
      const res = await post('page=1', { 'Content-Type': 'text/plain' });
      assert.equal(res.status, 415);
      assert.equal(res.json<ErrorJson>().error.code, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('decompresses a gzip request body', async () => {
      const res = await post(zlib.gzipSync(JSON.stringify({ page: 5 })), {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
      });
      assert.equal(res.status, 200);
      assert.equal((res.json().query as { page: number }).page, 5);
    });

    it('answers 400 MALFORMED_ENCODING for an invalid gzip body', async () => {
      const res = await post(Buffer.from('this is not gzip at all'), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      assert.equal(res.status, 400);
      assert.equal(res.json<ErrorJson>().error.code, 'MALFORMED_ENCODING');
    });

    it('answers 415 for an unknown Content-Encoding', async () => {
      const res = await post('{}', { 'Content-Type': 'application/json', 'Content-Encoding': 'zstd-ish' });
      assert.equal(res.status, 415);
    });
  });

  describe('form body', () => {
    it('reads urlencoded fields with coercion', async () => {
      const res = await request(`${s.url}/users/form`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'name=Ann+Lee&age=31',
      });
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), { name: 'Ann Lee', age: 31 });
    });

    it('names form fields in validation errors', async () => {
      const res = await request(`${s.url}/users/form`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'age=-1',
      });
      assert.equal(res.status, 400);
      const fields = (res.json<ErrorJson>().error.details ?? []).map((d) => `${d.field}: ${d.message}`).sort();
      assert.deepEqual(fields, ['form.age: must be >= 0', 'form.name: is required']);
    });

    it('answers 415 for JSON sent to a form route', async () => {
      const res = await request(`${s.url}/users/form`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name":"x"}',
      });
      assert.equal(res.status, 415);
    });
  });

  describe('results', () => {
    it('answers 204 with no body when the handler returns undefined', async () => {
      const res = await request(`${s.url}/users/7`, { method: 'DELETE' });
      assert.equal(res.status, 204);
      assert.equal(res.body.length, 0);
    });

    it('sends a string result as JSON', async () => {
      const res = await request(`${s.url}/text`);
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /application\/json/);
      assert.equal(res.json<string>(), 'hello');
    });

    it('passes the Koa context to a context parameter', async () => {
      const res = await request(`${s.url}/whoami`);
      assert.equal(res.json().ip, '127.0.0.1');
    });
  });
});
