import { strict as assert } from 'node:assert';
import { HttpError, ValidationError } from '../../lib/errors';
import { mapError } from '../../lib/http/error-mapper';
import { request } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';

interface ErrorJson {
  error: { code: string; message: string; details?: unknown; requestId: string };
}

describe('error-mapper', () => {
  describe('mapError', () => {
    it('keeps status, code, message and details of an HttpError', () => {
      const m = mapError(new HttpError(409, 'CONFLICT_X', 'taken', { id: 1 }), 'rid');
      assert.equal(m.status, 409);
      assert.deepEqual(m.body, { error: { code: 'CONFLICT_X', message: 'taken', details: { id: 1 }, requestId: 'rid' } });
      assert.equal(m.unexpected, false);
    });
    it('maps a ValidationError to 400 with the fields as details', () => {
      const m = mapError(new ValidationError([{ field: 'query.page', message: 'is required' }]), 'r');
      assert.equal(m.status, 400);
      assert.equal(m.body.error.code, 'VALIDATION_FAILED');
      assert.deepEqual(m.body.error.details, [{ field: 'query.page', message: 'is required' }]);
    });
    it('keeps a Koa-style 4xx error with a status-derived code', () => {
      const err = Object.assign(new Error('no entry'), { status: 403, expose: true });
      const m = mapError(err, 'r');
      assert.equal(m.status, 403);
      assert.equal(m.body.error.code, 'FORBIDDEN');
      assert.equal(m.body.error.message, 'no entry');
    });
    it('hides the message of anything else behind 500 INTERNAL', () => {
      const m = mapError(new Error('password=hunter2'), 'r');
      assert.equal(m.status, 500);
      assert.equal(m.body.error.code, 'INTERNAL');
      assert.doesNotMatch(JSON.stringify(m.body), /hunter2/);
      assert.equal(m.unexpected, true);
      assert.equal(mapError('a string', 'r').status, 500);
      assert.equal(mapError(Object.assign(new Error('x'), { status: 503 }), 'r').status, 500);
    });
  });

  describe('over HTTP', () => {
    let s: Started;
    before(async () => {
      s = await startUsersServer();
    });
    after(() => s.server.close({ graceMs: 1000 }));

    it('answers 500 INTERNAL with the request id for a throwing handler, logs the stack, and keeps serving', async () => {
      const res = await request(`${s.url}/boom`, { headers: { 'X-Request-Id': 'req-boom-1' } });
      assert.equal(res.status, 500);
      const e = res.json<ErrorJson>().error;
      assert.deepEqual(e, { code: 'INTERNAL', message: 'internal server error', requestId: 'req-boom-1' });
      assert.doesNotMatch(res.text, /secret database password/);
      const logged = s.lines.find((l) => l.level === 'error' && l.requestId === 'req-boom-1');
      assert.ok(logged, 'the error was logged with its request id');
      assert.match(String(logged.message), /secret database password[\s\S]*at UsersService\.boom/);
      const next = await request(`${s.url}/users/1`);
      assert.equal(next.status, 200);
    });

    it('answers 500 for a rejected promise and keeps serving', async () => {
      const res = await request(`${s.url}/reject`);
      assert.equal(res.status, 500);
      assert.equal(res.json<ErrorJson>().error.code, 'INTERNAL');
      assert.equal((await request(`${s.url}/text`)).status, 200);
    });

    it('answers a thrown HttpError with its own status, code and details', async () => {
      const res = await request(`${s.url}/teapot`, { method: 'POST' });
      assert.equal(res.status, 418);
      const e = res.json<ErrorJson>().error;
      assert.equal(e.code, 'TEAPOT');
      assert.deepEqual(e.details, { spout: true });
      assert.equal(e.requestId, res.headers['x-request-id']);
    });

    it('answers 404 NOT_FOUND as JSON for an unknown route, whatever Accept says', async () => {
      const res = await request(`${s.url}/nope`, { headers: { Accept: 'text/html' } });
      assert.equal(res.status, 404);
      assert.match(String(res.headers['content-type']), /application\/json/);
      assert.equal(res.json<ErrorJson>().error.code, 'NOT_FOUND');
      assert.ok(res.headers['x-request-id']);
    });

    it('answers 405 with Allow for a wrong method on a known path', async () => {
      const res = await request(`${s.url}/users/1`, { method: 'PUT' });
      assert.equal(res.status, 405);
      assert.equal(res.json<ErrorJson>().error.code, 'METHOD_NOT_ALLOWED');
      const allow = String(res.headers.allow).split(/,\s*/).sort();
      assert.deepEqual(allow, ['DELETE', 'GET', 'HEAD']);
    });
  });
});
