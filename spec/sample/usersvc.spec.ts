import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import winston from 'winston';
import { App, describeService } from '../../lib';
import { UserServiceImpl } from '../../sample/usersvc/service';
import { provideUserStore } from '../../sample/usersvc/user-store-provider';
import { AppProcess } from '../support/app-process';
import { DATABASES, describeOnDatabase } from '../support/databases';

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        requestBody?: { content: Record<string, { schema: unknown }> };
        responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
      }
    >
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

/**
 * The same behaviour whichever store holds the users: memory (the default), or MariaDB / PostgreSQL
 * through GDD_DB_DRIVER — each database run in a throwaway schema of its own.
 */
function behavesAsTheUserService(env: () => Record<string, string>): void {
  let app: App;
  let base: string;

  before(async () => {
    app = new App({
      services: [UserServiceImpl],
      env: { GDD_DRAIN_WINDOW: '100ms', ...env() },
      cwd: mkdtempSync(path.join(tmpdir(), 'tsd-sample-')),
      logger: winston.createLogger({ silent: true }),
      handleSignals: false,
      config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
    });
    provideUserStore(app);
    base = (await app.listen()).url;
  });
  after(() => app?.close());

  const json = (method: string, url: string, body?: unknown): Promise<Response> =>
    fetch(`${base}${url}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('creates, reads, pages, updates and deletes users', async () => {
    const created = (await (await json('POST', '/users', { name: 'Ada', email: 'ada@example.com' })).json()) as {
      id: number;
      createdAt: string;
    };
    assert.ok(created.id >= 1);
    assert.ok(!Number.isNaN(Date.parse(created.createdAt)));
    await json('POST', '/users', { name: 'Bob' });

    const got = await fetch(`${base}/users/${created.id}`);
    assert.equal(got.status, 200);
    assert.equal(((await got.json()) as { name: string }).name, 'Ada');

    const page = (await (await json('POST', '/page/users', { page: 1, size: 1 })).json()) as {
      items: unknown[];
      total: number;
      hasNext: boolean;
    };
    assert.equal(page.items.length, 1);
    assert.ok(page.total >= 2);
    assert.equal(page.hasNext, true);

    const updated = await json('PUT', `/users/${created.id}`, { name: 'Ada L.' });
    assert.equal(((await updated.json()) as { name: string }).name, 'Ada L.');

    assert.equal((await json('DELETE', `/users/${created.id}`)).status, 204);
    const gone = await fetch(`${base}/users/${created.id}`);
    assert.equal(gone.status, 404);
    assert.equal(((await gone.json()) as { error: { code: string } }).error.code, 'USER_NOT_FOUND');
  });

  it('pages with the documented defaults when page and size are left out, as the document allows', async () => {
    const res = await json('POST', '/page/users', {});
    assert.equal(res.status, 200);
    const page = (await res.json()) as { page: number; size: number };
    assert.deepEqual([page.page, page.size], [1, 10]);
    const doc = (await (await fetch(`${base}/go-doudou/openapi.json`)).json()) as OpenApiDoc;
    assert.equal(doc.components.schemas.PageQuery.required, undefined);
  });

  it('starts with the demo users', async () => {
    const ada = (await (await fetch(`${base}/users/1`)).json()) as { name: string; email: string; createdAt: string };
    assert.deepEqual(ada, { id: 1, name: 'Ada Lovelace', email: 'ada@example.com', createdAt: '2024-01-01T00:00:00.000Z' });
  });

  it('pages users whose name contains the filter, ignoring case, with % taken literally', async () => {
    await json('POST', '/users', { name: 'Dorothy 100% Vaughan' });
    const page = async (name: string) =>
      (await (await json('POST', '/page/users', { page: 1, size: 10, name })).json()) as { items: Array<{ name: string }>; total: number };
    assert.deepEqual(
      (await page('GRACE')).items.map((u) => u.name),
      ['Grace Hopper'],
    );
    assert.deepEqual(
      (await page('100%')).items.map((u) => u.name),
      ['Dorothy 100% Vaughan'],
    );
    assert.equal((await page('%')).total, 1);
  });

  it('replaces a user: an email left out is removed', async () => {
    const created = (await (await json('POST', '/users', { name: 'Katherine', email: 'k@example.com' })).json()) as { id: number };
    const replaced = (await (await json('PUT', `/users/${created.id}`, { name: 'Katherine Johnson' })).json()) as Record<string, unknown>;
    assert.equal(replaced.name, 'Katherine Johnson');
    assert.equal('email' in replaced, false);
  });

  it('answers 400 naming each bad field', async () => {
    const res = await json('POST', '/page/users', { page: 0, size: 500 });
    assert.equal(res.status, 400);
    const fields = ((await res.json()) as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field).sort();
    assert.deepEqual(fields, ['body.page', 'body.size']);
    const badEmail = await json('POST', '/users', { name: 'X', email: 'not-an-email' });
    assert.equal(badEmail.status, 400);
    assert.match(JSON.stringify(await badEmail.json()), /body\.email/);
  });

  it('refuses a __proto__ key that would smuggle an unvalidated email past validation, on POST and PUT', async () => {
    const smuggled = '{"name":"p","__proto__":{"email":"not-an-email"}}';
    const send = (method: string, url: string) =>
      fetch(`${base}${url}`, { method, headers: { 'content-type': 'application/json' }, body: smuggled });
    for (const res of [await send('POST', '/users'), await send('PUT', '/users/1')]) {
      assert.equal(res.status, 400);
      const e = ((await res.json()) as { error: { code: string; details: Array<{ field: string }> } }).error;
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        e.details.map((d) => d.field),
        ['body.__proto__'],
      );
    }
    const user = (await (await fetch(`${base}/users/1`)).json()) as { email?: string };
    assert.notEqual(user.email, 'not-an-email');
  });

  it('uploads a file and downloads it back as an attachment', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('hello, doudou')]), 'greeting.txt');
    form.append('note', 'first');
    const up = await fetch(`${base}/files`, { method: 'POST', body: form });
    assert.equal(up.status, 200);
    assert.deepEqual(await up.json(), { fileName: 'greeting.txt', size: 13, note: 'first' });

    const down = await fetch(`${base}/files/greeting.txt`);
    assert.equal(down.status, 200);
    assert.match(down.headers.get('content-disposition') ?? '', /attachment; filename="greeting.txt"/);
    assert.equal(await down.text(), 'hello, doudou');
    assert.equal((await fetch(`${base}/files/nope.txt`)).status, 404);
  });

  it('documents every route of the sample in the OpenAPI document, with its schemas', async () => {
    const doc = (await (await fetch(`${base}/go-doudou/openapi.json`)).json()) as OpenApiDoc;
    const descriptor = describeService(UserServiceImpl);
    for (const route of descriptor.routes) {
      const p = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const op = doc.paths[p]?.[route.method.toLowerCase()];
      assert.ok(op, `${route.method} ${p} is documented`);
      assert.equal(op.operationId, route.operationId);
    }
    assert.deepEqual(doc.paths['/page/users'].post.requestBody?.content['application/json'].schema, {
      $ref: '#/components/schemas/PageQuery',
    });
    assert.deepEqual(doc.paths['/page/users'].post.responses['200'].content?.['application/json'].schema, {
      $ref: '#/components/schemas/UserPage',
    });
    assert.ok(doc.paths['/files'].post.requestBody?.content['multipart/form-data']);
    assert.ok(doc.paths['/files/{name}'].get.responses['200'].content?.['application/octet-stream']);
    assert.deepEqual(doc.components.schemas.NewUser.required, ['name']);
    assert.deepEqual(Object.keys(doc.components.schemas.User.properties ?? {}).sort(), ['createdAt', 'email', 'id', 'name']);
  });

  it('serves a document that an independent OpenAPI 3.0 validator accepts', async () => {
    const doc = (await (await fetch(`${base}/go-doudou/openapi.json`)).json()) as Awaited<ReturnType<typeof SwaggerParser.parse>>;
    await SwaggerParser.validate(doc);
  });
}

describe('sample user service (users in memory)', () => behavesAsTheUserService(() => ({})));

for (const target of DATABASES) {
  describeOnDatabase(target, 'sample user service (GDD_DB_DRIVER)', (schema) => {
    behavesAsTheUserService(() => schema().env);

    it('runs as its own process on the database: health reports it, SIGTERM stops it with exit 0', async function () {
      this.timeout(60_000);
      const proc = new AppProcess(path.resolve(__dirname, '../../sample/usersvc/main.js'), { ...schema().env, GDD_DRAIN_WINDOW: '100ms' });
      try {
        const port = Number((await proc.waitForLine(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
        const health = (await (await fetch(`http://127.0.0.1:${port}/go-doudou/health`)).json()) as {
          checks: { database: { status: string; database: string } };
        };
        assert.deepEqual([health.checks.database.status, health.checks.database.database], ['up', schema().name]);
        assert.equal(((await (await fetch(`http://127.0.0.1:${port}/users/2`)).json()) as { name: string }).name, 'Alan Turing');
        proc.kill('SIGTERM');
        assert.equal(await proc.exited, 0);
      } finally {
        proc.kill();
      }
    });
  });
}
