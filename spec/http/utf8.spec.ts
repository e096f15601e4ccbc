import { strict as assert } from 'node:assert';
import { invalidUtf8Offset } from '../../lib/http/utf8';
import { multipart, request } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';

interface ErrorJson {
  error: { code: string; message: string; details?: Array<{ field: string; message: string }> };
}

const bytes = (...b: number[]): Buffer => Buffer.from(b);

describe('utf8', () => {
  describe('invalidUtf8Offset', () => {
    it('accepts well-formed text of every sequence length', () => {
      assert.equal(invalidUtf8Offset(Buffer.from('aé€😀', 'utf8')), -1);
      assert.equal(invalidUtf8Offset(Buffer.alloc(0)), -1);
    });

    it('names the first byte of the first ill-formed sequence', () => {
      assert.equal(invalidUtf8Offset(bytes(0x61, 0xff, 0xfe)), 1); // never a lead byte
      assert.equal(invalidUtf8Offset(bytes(0x61, 0x62, 0xc3)), 2); // truncated
      assert.equal(invalidUtf8Offset(bytes(0xc0, 0xaf)), 0); // overlong '/'
      assert.equal(invalidUtf8Offset(bytes(0xe0, 0x80, 0xaf)), 0); // overlong 3-byte
      assert.equal(invalidUtf8Offset(bytes(0x41, 0xed, 0xa0, 0x80)), 1); // a UTF-16 surrogate
      assert.equal(invalidUtf8Offset(bytes(0xf4, 0x90, 0x80, 0x80)), 0); // above U+10FFFF
      assert.equal(invalidUtf8Offset(bytes(0xe2, 0x82, 0xac, 0xe2, 0x28, 0xa1)), 3); // € then a broken one
    });
  });

  describe('over HTTP', () => {
    let s: Started;
    before(async () => {
      s = await startUsersServer();
    });
    after(() => s.server.close({ graceMs: 1000 }));

    function assertMalformed(res: { status: number; json<T>(): T }, field: string, offset: number): void {
      assert.equal(res.status, 400);
      const e = res.json<ErrorJson>().error;
      assert.equal(e.code, 'MALFORMED_ENCODING');
      assert.equal(e.details?.[0]?.field, field);
      assert.match(e.details?.[0]?.message ?? '', new RegExp(`offset ${offset}\\b`));
    }

    it('answers 400 MALFORMED_ENCODING with the byte offset for a JSON body that is not UTF-8, instead of storing U+FFFD', async () => {
      s.service.lastPage = undefined;
      const body = Buffer.concat([Buffer.from('{"page":1,"a":"'), bytes(0xff, 0xfe), Buffer.from('"}')]);
      const res = await request(`${s.url}/page/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      assertMalformed(res, 'body', 15);
      assert.equal(s.service.lastPage, undefined);
    });

    it('still reads a JSON body with multi-byte characters', async () => {
      const body = Buffer.from('{"page":1,"items":[{"name":"Zoë 😀"}]}', 'utf8');
      const res = await request(`${s.url}/page/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      assert.equal(res.status, 200);
      assert.deepEqual((res.json() as { query: { items: unknown } }).query.items, [{ name: 'Zoë 😀' }]);
    });

    const form = (body: Buffer | string) =>
      request(`${s.url}/users/form`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });

    it('answers 400 for raw non-UTF-8 bytes in a form body, and for a percent-escape that spells them, naming the field', async () => {
      assertMalformed(await form(Buffer.concat([Buffer.from('name='), bytes(0xff)])), 'body', 5);
      assertMalformed(await form('name=ok%C3%A9%FF'), 'form.name', 4);
    });

    it('decodes well-formed percent-escapes and pluses in a form body', async () => {
      const res = await form('name=Zo%C3%AB+L&age=3');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), { name: 'Zoë L', age: 3 });
    });

    it('answers 400 for a multipart text field that is not UTF-8, naming it', async () => {
      const m = multipart([
        { name: 'file', fileName: 'a.bin', contentType: 'application/octet-stream', data: bytes(0xff, 0xfe) },
        { name: 'note', value: 'x' },
      ]);
      const body = Buffer.from(m.body.toString('latin1').replace('\r\n\r\nx\r\n', '\r\n\r\nab\u00ff\r\n'), 'latin1');
      const res = await request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': m.contentType }, body });
      assertMalformed(res, 'form.note', 2);
    });

    it('leaves file contents alone: binary files are not text', async () => {
      const m = multipart([{ name: 'file', fileName: 'a.bin', contentType: 'application/octet-stream', data: bytes(0xff, 0xfe) }]);
      const res = await request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': m.contentType }, body: m.body });
      assert.equal(res.status, 200);
    });
  });
});
