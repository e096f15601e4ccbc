import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { App } from '../../lib';
import { OrderServiceImpl } from '../../sample/ordersvc/service';
import { UserServiceImpl } from '../../sample/usersvc/service';
import { provideUserStore } from '../../sample/usersvc/user-store-provider';
import { captureLogger, type LogLine } from '../http/support/capture-logger';
import { multipart, request } from '../http/support/http-client';
import { ResponseValidator } from '../support/openapi-responses';

interface ErrorDoc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: SchemaNode }> }> }>>;
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  oneOf?: SchemaNode[];
  enum?: string[];
}

/** One scripted request that must get an error answer, and the code it must carry. */
interface ErrorCall {
  method: string;
  url: string;
  template: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  status: number;
  code: string;
}

const json = { 'content-type': 'application/json' };

/** Every operation of the sample, made to fail in every way the document says it can be made to from outside. */
const CALLS: ErrorCall[] = [
  {
    method: 'POST',
    url: '/orders',
    template: '/orders',
    headers: json,
    body: '{"userId":999,"item":"tea","quantity":1}',
    status: 422,
    code: 'UNKNOWN_USER',
  },
  { method: 'POST', url: '/orders', template: '/orders', headers: json, body: '{"userId":0}', status: 400, code: 'VALIDATION_FAILED' },
  { method: 'POST', url: '/orders', template: '/orders', headers: json, body: '{"userId":', status: 400, code: 'MALFORMED_JSON' },
  {
    method: 'POST',
    url: '/orders',
    template: '/orders',
    headers: json,
    body: Buffer.from('{"item":"\xff"}', 'latin1'),
    status: 400,
    code: 'MALFORMED_ENCODING',
  },
  {
    method: 'POST',
    url: '/orders',
    template: '/orders',
    headers: { 'content-type': 'text/plain' },
    body: 'x',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    method: 'POST',
    url: '/orders',
    template: '/orders',
    headers: json,
    body: `{"item":"${'x'.repeat(2048)}"}`,
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  { method: 'GET', url: '/orders/999', template: '/orders/{id}', status: 404, code: 'ORDER_NOT_FOUND' },
  { method: 'GET', url: '/orders/abc', template: '/orders/{id}', status: 400, code: 'VALIDATION_FAILED' },
  { method: 'GET', url: '/users/999', template: '/users/{id}', status: 404, code: 'USER_NOT_FOUND' },
  { method: 'PUT', url: '/users/999', template: '/users/{id}', headers: json, body: '{"name":"x"}', status: 404, code: 'USER_NOT_FOUND' },
  { method: 'DELETE', url: '/users/999', template: '/users/{id}', status: 404, code: 'USER_NOT_FOUND' },
  {
    method: 'POST',
    url: '/users',
    template: '/users',
    headers: json,
    body: '{"name":"p","email":"no"}',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    method: 'POST',
    url: '/page/users',
    template: '/page/users',
    headers: json,
    body: '{"size":1000}',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  { method: 'GET', url: '/files/nothing.txt', template: '/files/{name}', status: 404, code: 'FILE_NOT_FOUND' },
];

describe('sample: every error answer is one the served document declares', () => {
  let app: App;
  let base: string;
  let lines: LogLine[];
  let doc: ErrorDoc;
  before(async () => {
    const captured = captureLogger();
    lines = captured.lines;
    app = new App({
      services: [UserServiceImpl, OrderServiceImpl],
      env: { GDD_ENV: 'dev', GDD_BODY_LIMIT: '1kb' },
      cwd: mkdtempSync(path.join(tmpdir(), 'tsd-sample-errors-')),
      logger: captured.logger,
      handleSignals: false,
      config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
    });
    provideUserStore(app);
    base = (await app.listen()).url;
    doc = (await request(`${base}/go-doudou/openapi.json`)).json<ErrorDoc>();
  });
  after(() => app?.close());

  const codesOf = (template: string, method: string, status: number): string[] => {
    const error =
      doc.paths[template]?.[method.toLowerCase()]?.responses[String(status)]?.content?.['application/json'].schema.properties?.error;
    return (error?.oneOf ?? (error ? [error] : [])).flatMap((m) => m.properties?.code?.enum ?? []);
  };

  it('declares POST /orders 422 UNKNOWN_USER, and answers it so', async () => {
    assert.deepEqual(codesOf('/orders', 'POST', 422), ['UNKNOWN_USER']);
    const res = await request(`${base}/orders`, { method: 'POST', headers: json, body: '{"userId":999,"item":"tea","quantity":1}' });
    assert.equal(res.status, 422);
    const { error } = res.json<{ error: { code: string; message: string; requestId: string } }>();
    assert.deepEqual([error.code, error.message], ['UNKNOWN_USER', 'user 999 does not exist']);
    assert.equal(error.requestId, res.headers['x-request-id']);
  });

  it('answers each scripted bad request with a status and code of the document, in a body its schema accepts', async () => {
    const validator = new ResponseValidator(doc as unknown as Record<string, unknown>);
    for (const call of CALLS) {
      const res = await request(`${base}${call.url}`, { method: call.method, headers: call.headers, body: call.body });
      const what = `${call.method} ${call.url}`;
      assert.equal(res.status, call.status, `${what}: ${res.text}`);
      const body = res.json<{ error: { code: string } }>();
      assert.equal(body.error.code, call.code, what);
      assert.ok(codesOf(call.template, call.method, call.status).includes(call.code), `${what}: ${call.code} is in the document`);
      assert.deepEqual(validator.validate(call.template, call.method, String(call.status), body), [], what);
      assert.ok(res.headers['x-request-id'], `${what} carries X-Request-Id`);
    }
    const upload = multipart([{ name: 'note', value: 'no file' }]);
    const res = await request(`${base}/files`, { method: 'POST', headers: { 'content-type': upload.contentType }, body: upload.body });
    assert.equal(res.status, 400);
    assert.deepEqual(validator.validate('/files', 'POST', '400', res.json()), []);
  });

  it('logs no contract breach for any of them (the sample declares what it answers)', () => {
    assert.deepEqual(
      lines.filter((l) => l.message.startsWith('contract breach:')).map((l) => l.message),
      [],
    );
  });

  it('serves a document without the old catch-all ErrorResponse, valid for an independent OpenAPI 3.0 validator', async () => {
    const served = (await request(`${base}/go-doudou/openapi.json`)).json<{ components: { schemas: object } }>();
    assert.equal('ErrorResponse' in served.components.schemas, false);
    await SwaggerParser.validate(served as Awaited<ReturnType<typeof SwaggerParser.parse>>);
  });
});
