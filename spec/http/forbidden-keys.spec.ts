import { strict as assert } from 'node:assert';
import { forbiddenFlatKeyIn, forbiddenKeyIn, mayHoldForbiddenKeys } from '../../lib/http/forbidden-keys';
import { multipart, request } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';

interface ErrorJson {
  error: { code: string; details?: Array<{ field: string; message: string }> };
}

describe('forbidden-keys', () => {
  describe('forbiddenKeyIn', () => {
    it('finds __proto__ at any depth, naming where it is', () => {
      assert.equal(forbiddenKeyIn(JSON.parse('{"a":1,"__proto__":{"x":1}}'), 'body'), 'body.__proto__');
      assert.equal(forbiddenKeyIn(JSON.parse('{"items":[{},{"__proto__":null}]}'), 'body'), 'body.items[1].__proto__');
    });

    it('finds constructor only when it carries a prototype', () => {
      assert.equal(forbiddenKeyIn(JSON.parse('{"constructor":{"prototype":{}}}'), 'body'), 'body.constructor');
      assert.equal(forbiddenKeyIn(JSON.parse('{"constructor":"Volvo","prototype":1}'), 'body'), undefined);
    });

    it('knows which texts can hold such a key, escapes included', () => {
      assert.equal(mayHoldForbiddenKeys('{"page":1}'), false);
      assert.equal(mayHoldForbiddenKeys('{"\\u005f_proto__":1}'), true);
      assert.equal(forbiddenKeyIn(JSON.parse('{"\\u005f_proto__":{}}'), 'body'), 'body.__proto__');
    });

    it('reads flat keys in bracket and dot notation', () => {
      assert.equal(forbiddenFlatKeyIn({ 'a[__proto__][b]': '1' }, 'query'), 'query.a[__proto__][b]');
      assert.equal(forbiddenFlatKeyIn({ 'constructor.prototype.x': '1' }, 'form'), 'form.constructor.prototype.x');
      assert.equal(forbiddenFlatKeyIn({ constructor: '1', proto: '2' }, 'form'), undefined);
    });
  });

  describe('over HTTP', () => {
    let s: Started;
    before(async () => {
      s = await startUsersServer();
    });
    after(() => s.server.close({ graceMs: 1000 }));

    async function refused(res: Promise<{ status: number; json<T>(): T }>, field: string): Promise<void> {
      const r = await res;
      assert.equal(r.status, 400);
      const e = r.json<ErrorJson>().error;
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.equal(e.details?.[0]?.field, field);
    }

    it('answers 400 naming body.__proto__ instead of letting its values reach the DTO prototype', async () => {
      s.service.lastPage = undefined;
      const body = '{"page":1,"__proto__":{"size":1000}}';
      await refused(
        request(`${s.url}/page/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }),
        'body.__proto__',
      );
      assert.equal(s.service.lastPage, undefined, 'the handler was not called');
    });

    it('answers 400 for a nested constructor.prototype and for a \\u-escaped __proto__', async () => {
      const post = (body: string) =>
        request(`${s.url}/page/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      await refused(post('{"page":1,"items":[{"name":"a","constructor":{"prototype":{"x":1}}}]}'), 'body.items[0].constructor');
      await refused(post('{"page":1,"\\u005f\\u005fproto\\u005f\\u005f":{"size":1}}'), 'body.__proto__');
    });

    it('answers 400 for such keys in a query string, percent-encoded too', async () => {
      await refused(request(`${s.url}/users?page=1&__proto__[size]=5`), 'query.__proto__[size]');
      await refused(request(`${s.url}/users?page=1&%5F%5Fproto%5F%5F=5`), 'query.__proto__');
    });

    it('answers 400 for such keys in an urlencoded form', async () => {
      const res = request(`${s.url}/users/form`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'name=a&constructor[prototype][age]=1',
      });
      await refused(res, 'form.constructor[prototype][age]');
    });

    it('answers 400 for such keys among multipart fields and file fields', async () => {
      const text = multipart([
        { name: 'file', fileName: 'a.txt', contentType: 'text/plain', data: Buffer.from('a') },
        { name: '__proto__', value: 'x' },
      ]);
      await refused(
        request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': text.contentType }, body: text.body }),
        'form.__proto__',
      );
      const file = multipart([{ name: '__proto__', fileName: 'b.txt', contentType: 'text/plain', data: Buffer.from('b') }]);
      await refused(
        request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': file.contentType }, body: file.body }),
        'file.__proto__',
      );
    });
  });
});
