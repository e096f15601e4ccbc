import { strict as assert } from 'node:assert';
import Koa from 'koa';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { MultipartBodyReader } from '../../lib/http/multipart-body';
import { UploadTempFiles } from '../../lib/http/upload-temp-files';
import { waitFor } from '../support/wait-for';
import { multipart, request } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';

describe('multipart-body', () => {
  let s: Started;
  before(async () => {
    s = await startUsersServer({ bodyLimit: { multipartFileSize: 64 * 1024 } });
  });
  after(() => s.server.close({ graceMs: 1000 }));

  it('hands a real uploaded file and a form field to the handler, then deletes the temporary file', async () => {
    const content = fs.readFileSync(path.resolve(process.cwd(), 'package.json'));
    const { body, contentType } = multipart([
      { name: 'note', value: 'quarterly' },
      { name: 'file', fileName: 'package.json', contentType: 'application/json', data: content },
    ]);
    const res = await request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json(), {
      fieldName: 'file',
      fileName: 'package.json',
      size: content.length,
      mimeType: 'application/json',
      note: 'quarterly',
    });
    const up = s.service.lastUpload!;
    assert.equal(up.content, content.toString('utf8'));
    await waitFor(() => !fs.existsSync(up.file.path), { timeoutMs: 5000, message: 'temporary upload file was not deleted' });
  });

  it('answers 400 naming file.file when the required file is missing', async () => {
    const { body, contentType } = multipart([{ name: 'note', value: 'no file' }]);
    const res = await request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json<{ error: { details: unknown } }>().error.details, [{ field: 'file.file', message: 'is required' }]);
  });

  const upload = (parts: Parameters<typeof multipart>[0]) => {
    const { body, contentType } = multipart(parts);
    return request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  };
  const file = (name: string, text: string) => ({ name, fileName: `${text}.txt`, contentType: 'text/plain', data: Buffer.from(text) });

  it('answers 400 naming file.file when two files come for a single-file field, instead of using the first', async () => {
    s.service.lastUpload = undefined;
    const res = await upload([file('file', 'one'), file('file', 'two')]);
    assert.equal(res.status, 400);
    assert.deepEqual(res.json<{ error: { details: unknown } }>().error.details, [{ field: 'file.file', message: 'takes one file, got 2' }]);
    assert.equal(s.service.lastUpload, undefined);
  });

  it('answers 400 naming form.note when the text field comes as a file part, instead of dropping it', async () => {
    const res = await upload([file('file', 'one'), file('note', 'not text')]);
    assert.equal(res.status, 400);
    assert.deepEqual(res.json<{ error: { details: unknown } }>().error.details, [
      { field: 'form.note', message: 'must be a text field, not a file' },
    ]);
  });

  it('reads a text part that carries a Content-Type but no file name as text (RFC 7578)', async () => {
    const m = multipart([file('file', 'one'), { name: 'note', value: 'typed' }]);
    const body = Buffer.from(
      m.body.toString('latin1').replace('name="note"\r\n', 'name="note"\r\nContent-Type: text/plain; charset=utf-8\r\n'),
      'latin1',
    );
    const res = await request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': m.contentType }, body });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json<{ note: string }>().note, 'typed');
  });

  it('answers 400 naming file.file when the file comes as a text field', async () => {
    const res = await upload([{ name: 'file', value: 'just text' }]);
    assert.equal(res.status, 400);
    assert.deepEqual(res.json<{ error: { details: unknown } }>().error.details, [
      { field: 'file.file', message: 'must be a file, not a text field' },
    ]);
  });

  it('answers 413 for a file over the multipart file-size limit', async () => {
    const { body, contentType } = multipart([
      { name: 'file', fileName: 'big.bin', contentType: 'application/octet-stream', data: Buffer.alloc(200 * 1024, 1) },
    ]);
    const res = await request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    assert.equal(res.status, 413);
    assert.equal(res.json<{ error: { code: string } }>().error.code, 'PAYLOAD_TOO_LARGE');
  });

  it('answers 400 MALFORMED_MULTIPART for a multipart body without its boundary', async () => {
    const res = await request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data' }, body: 'garbage' });
    assert.equal(res.status, 400);
    assert.equal(res.json<{ error: { code: string } }>().error.code, 'MALFORMED_MULTIPART');
  });

  it('answers 415 for a gzip-encoded multipart body', async () => {
    const { body, contentType } = multipart([{ name: 'note', value: 'x' }]);
    const res = await request(`${s.url}/upload`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, 'Content-Encoding': 'gzip' },
      body,
    });
    assert.equal(res.status, 415);
  });
});

describe('multipart-body MultipartBodyReader', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('lists the files of one field in the order the client sent them, even when later parts are flushed first', async () => {
    const reader = new MultipartBodyReader({ fileSize: 64 * 1024 * 1024, fieldsSize: 1024 * 1024 }, new UploadTempFiles());
    const koa = new Koa();
    koa.use(async (ctx) => {
      const { files } = await reader.read(ctx);
      ctx.body = files.files!.map((f) => f.fileName);
    });
    server = koa.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    // temporary files are written on libuv's thread pool: with this many, some finish out of order
    const names = Array.from({ length: 64 }, (_, i) => `part-${i}.bin`);
    const { body, contentType } = multipart(
      names.map((fileName, i) => ({
        name: 'files',
        fileName,
        contentType: 'application/octet-stream',
        data: Buffer.alloc(i % 8 === 0 ? 256 * 1024 : 16, i),
      })),
    );
    const res = await request(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json(), names);
  });
});
