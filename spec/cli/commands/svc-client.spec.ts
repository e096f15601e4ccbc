import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, createClient, closeClient, describeService, FileResult, RemoteHttpError } from '../../../lib';
import { unregisterService } from '../../../lib/decorators/service';
import type { Class } from '../../../lib/decorators/class-type';
import { AppProcess } from '../../support/app-process';
import { runDoudou } from '../../support/cli-process';
import { compileProject, writeLinkedProject } from '../../support/linked-project';
import { NO_DRAIN_ENV } from '../../support/no-drain';
import { TempDirs } from '../../support/temp-dir';

const SHOP = path.resolve(__dirname, '..', '..', '..', '..', 'spec', 'fixtures', 'cli', 'shop-openapi.yaml');

/** A service of the user's, calling the sample through the generated contract it gets injected. */
const GATEWAY = `import { Get, Path, Service } from 'ts-doudou';
import { UsersvcContract } from './usersvc';

@Service('gateway')
export class Gateway {
  constructor(private readonly users: UsersvcContract) {}

  @Get('/greetings/:id', { returns: String })
  async greet(@Path('id', { integer: true }) id: number): Promise<string> {
    const user = await this.users.getUser(id);
    return \`hello \${user.name}, member since \${user.createdAt.getUTCFullYear()}\`;
  }
}
`;

/**
 * A caller's error handling through the generated union and guard: it compiles under --strict only if the
 * guard narrows status, code and details as the document declares them.
 */
const EXPLAIN = `import { isGetUserError, isCreateUserError } from './usersvc';

export function explain(err: unknown): string {
  if (isGetUserError(err)) {
    switch (err.status) {
      case 404: {
        const code: 'USER_NOT_FOUND' = err.code;
        return \`missing \${code}\`;
      }
      case 400:
        return \`bad \${(err.details ?? []).map((d) => d.field).join(',')}\`;
      default: {
        const code: 'INTERNAL' = err.code;
        return code;
      }
    }
  }
  if (isCreateUserError(err) && err.code === 'VALIDATION_FAILED') return \`invalid \${err.details?.[0]?.message ?? ''}\`;
  return 'undeclared';
}
`;

/* eslint-disable @typescript-eslint/no-require-imports -- the generated modules are compiled at test time */
type Users = {
  getUser(id: number): Promise<{ id: number; name: string; createdAt: Date }>;
  pageUsers(q: { page: number; size: number }): Promise<{ items: unknown[]; total: number; hasNext: boolean }>;
  createUser(u: { name: string; email?: string }): Promise<{ id: number; name: string; createdAt: Date }>;
  uploadFile(file: unknown, note?: string): Promise<{ fileName: string; size: number; note?: string }>;
  downloadFile(name: string): Promise<FileResult>;
};

describe('cli/commands/svc-client (doudou svc client)', function () {
  this.timeout(420_000); // two generations and a tsc --strict run: minutes on a loaded machine
  const temp = new TempDirs();
  let sample: AppProcess;
  let sampleUrl: string;
  /** The same sample answering in snake_case (GDD_JSON_CASE=snake). */
  let snakeSample: AppProcess;
  let snakeUrl: string;
  let project: string;
  let generated: { users: string; shop: string; snake: string; usersStderr: string; shopStderr: string };

  before(async () => {
    sample = new AppProcess(path.resolve(__dirname, '..', '..', '..', 'sample', 'usersvc', 'main.js'), {});
    snakeSample = new AppProcess(path.resolve(__dirname, '..', '..', '..', 'sample', 'usersvc', 'main.js'), { GDD_JSON_CASE: 'snake' });
    sampleUrl = `http://127.0.0.1:${(await sample.waitForLine(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]}`;
    snakeUrl = `http://127.0.0.1:${(await snakeSample.waitForLine(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]}`;
    project = temp.make('client');
    writeLinkedProject(project, { 'src/gateway.ts': GATEWAY, 'src/explain.ts': EXPLAIN });
    const users = await runDoudou(['svc', 'client', '--from', `${sampleUrl}/go-doudou/openapi.json`, '--out', 'src/usersvc.ts'], {
      cwd: project,
    });
    assert.equal(users.code, 0, users.stderr);
    const shop = await runDoudou(['svc', 'client', '--from', SHOP, '--out', 'src/shop.ts'], { cwd: project });
    assert.equal(shop.code, 0, shop.stderr);
    const snake = await runDoudou(['svc', 'client', '--from', `${snakeUrl}/go-doudou/openapi.json`, '--out', 'src/usersvc-snake.ts'], {
      cwd: project,
    });
    assert.equal(snake.code, 0, snake.stderr);
    generated = {
      users: readFileSync(path.join(project, 'src/usersvc.ts'), 'utf8'),
      shop: readFileSync(path.join(project, 'src/shop.ts'), 'utf8'),
      snake: readFileSync(path.join(project, 'src/usersvc-snake.ts'), 'utf8'),
      usersStderr: users.stderr,
      shopStderr: shop.stderr,
    };
    const compiled = compileProject(project);
    assert.equal(compiled.code, 0, `tsc --strict failed:\n${compiled.output}`);
  });
  after(() => {
    sample?.kill();
    snakeSample?.kill();
    temp.removeAll();
  });

  it('writes modules that compile under tsc --strict and import from ts-doudou only', () => {
    for (const text of [generated.users, generated.shop]) {
      const imports = [...text.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      assert.deepEqual(imports, ['ts-doudou']);
    }
  });

  it('calls the running sample through createClient: dates revived, paging, creating, upload and download', async () => {
    const { UsersvcContract } = require(path.join(project, 'dist', 'usersvc.js')) as { UsersvcContract: Class };
    const users = createClient(UsersvcContract as new () => Users, { baseUrl: sampleUrl, retryCount: 0 });
    try {
      const ada = await users.getUser(1);
      assert.equal(ada.name, 'Ada Lovelace');
      assert.ok(ada.createdAt instanceof Date);
      assert.equal(ada.createdAt.toISOString(), '2024-01-01T00:00:00.000Z');
      const page = await users.pageUsers({ page: 1, size: 2 });
      assert.equal(page.items.length, 2);
      const created = await users.createUser({ name: 'Barbara Liskov' });
      assert.equal((await users.getUser(created.id)).name, 'Barbara Liskov');
      const up = await users.uploadFile({ data: Buffer.from('photo bytes'), fileName: 'p.txt' }, 'a note');
      assert.deepEqual(up, { fileName: 'p.txt', size: 11, note: 'a note' });
      const file = await users.downloadFile('p.txt');
      assert.ok(file instanceof FileResult);
      assert.equal(file.fileName, 'p.txt');
    } finally {
      closeClient(users);
    }
  });

  it('from a snake_case document: camelCase properties with @Prop({ name }), so callers write camelCase and the wire stays snake_case', async () => {
    assert.match(generated.snake, /@Prop\(\{[^)]*name: 'created_at'[^)]*\}\)\n\s+createdAt!: Date;/);
    assert.match(generated.snake, /@Prop\(\{[^)]*name: 'has_next'[^)]*\}\)\n\s+hasNext!: boolean;/);
    assert.doesNotMatch(generated.snake, /^\s+[a-z]+_[a-z_]+[!?]:/m, 'no snake_case property is declared');
    const { UsersvcContract } = require(path.join(project, 'dist', 'usersvc-snake.js')) as { UsersvcContract: Class };
    const users = createClient(UsersvcContract as new () => Users, { baseUrl: snakeUrl, retryCount: 0 });
    try {
      const ada = await users.getUser(1);
      assert.ok(ada.createdAt instanceof Date, 'created_at arrives as createdAt, revived');
      assert.equal(ada.createdAt.toISOString(), '2024-01-01T00:00:00.000Z');
      const page = await users.pageUsers({ page: 1, size: 2 });
      assert.equal(page.hasNext, true);
      const up = await users.uploadFile({ data: Buffer.from('snake bytes'), fileName: 's.txt' }, 'a note');
      assert.deepEqual(up, { fileName: 's.txt', size: 11, note: 'a note' });
      const raw = (await (await fetch(`${snakeUrl}/users/1`)).json()) as Record<string, unknown>;
      assert.equal(raw.created_at, '2024-01-01T00:00:00.000Z', 'the sample itself answers in snake_case');
    } finally {
      closeClient(users);
    }
  });

  it('rejects with typed errors: 404 USER_NOT_FOUND, and 400 naming the invalid field', async () => {
    const { UsersvcContract } = require(path.join(project, 'dist', 'usersvc.js')) as { UsersvcContract: Class };
    const users = createClient(UsersvcContract as new () => Users, { baseUrl: sampleUrl, retryCount: 0 });
    try {
      await assert.rejects(users.getUser(999), (err: unknown) => {
        assert.ok(err instanceof RemoteHttpError);
        assert.equal(err.status, 404);
        assert.equal(err.code, 'USER_NOT_FOUND');
        return true;
      });
      await assert.rejects(users.createUser({ name: '' }), (err: unknown) => {
        assert.ok(err instanceof RemoteHttpError);
        assert.equal(err.status, 400);
        assert.equal(err.code, 'VALIDATION_FAILED');
        assert.match(err.message, /body\.name/);
        return true;
      });
    } finally {
      closeClient(users);
    }
  });

  it('exports per operation a union of its declared errors and a guard that narrows them', async () => {
    assert.match(generated.users, /export type GetUserError =\n {2}\| DeclaredHttpError<400, 'VALIDATION_FAILED', FieldError\[\]>\n/);
    assert.match(generated.users, /\| DeclaredHttpError<404, 'USER_NOT_FOUND'>\n/);
    assert.match(
      generated.users,
      /export const isGetUserError = declaredErrorGuard<GetUserError>\(\{ '400': \['VALIDATION_FAILED'\], '404': \['USER_NOT_FOUND'\], '500': \['INTERNAL'\] \}\);/,
    );
    const { UsersvcContract } = require(path.join(project, 'dist', 'usersvc.js')) as { UsersvcContract: Class };
    const { explain } = require(path.join(project, 'dist', 'explain.js')) as { explain(err: unknown): string };
    const users = createClient(UsersvcContract as new () => Users, { baseUrl: sampleUrl, retryCount: 0 });
    try {
      assert.equal(explain(await users.getUser(999).catch((e: unknown) => e)), 'missing USER_NOT_FOUND');
      // guards go by status and code: a createUser 400 VALIDATION_FAILED is also one getUser declares
      assert.equal(explain(await users.createUser({ name: '' }).catch((e: unknown) => e)), 'bad body.name');
      assert.equal(
        explain(new RemoteHttpError(404, 'SOMETHING_ELSE', 'x', { service: 'usersvc', operationId: 'getUser', method: 'GET' })),
        'undeclared',
      );
    } finally {
      closeClient(users);
    }
  });

  it('is injected into a service like a hand-written contract (base URL from USERSVC)', async () => {
    const { Gateway } = require(path.join(project, 'dist', 'gateway.js')) as { Gateway: Class };
    const app = new App({
      services: [Gateway],
      env: { ...NO_DRAIN_ENV, USERSVC: sampleUrl, GDD_HOST: '127.0.0.1', GDD_PORT: '0', GDD_BANNER: 'false', GDD_LOG_LEVEL: 'error' },
      handleSignals: false,
    });
    try {
      const { url } = await app.listen();
      const res = await fetch(`${url}/greetings/2`);
      assert.equal(res.status, 200);
      assert.equal(await res.json(), 'hello Alan Turing, member since 2024');
      assert.equal((await fetch(`${url}/greetings/999`)).status, 404, 'the remote 404 stays a 404');
    } finally {
      await app.close();
      unregisterService(Gateway);
    }
  });

  it('regenerates byte-identical output from the same document', async () => {
    const again = await runDoudou(['svc', 'client', '--from', SHOP, '--out', 'src/shop-again.ts'], { cwd: project });
    assert.equal(again.code, 0);
    assert.equal(readFileSync(path.join(project, 'src/shop-again.ts'), 'utf8'), generated.shop);
  });

  it('maps a third-party document: $ref, allOf, oneOf, enums, nullable, arrays, maps, formats, all parameter kinds, bodies', () => {
    const shop = generated.shop;
    const has = (snippet: string): void => assert.ok(shop.includes(snippet), `generated module has: ${snippet}`);
    has("@Contract({ name: 'shopapi', path: '/api/v2'");
    has('export class Pet extends NewPet {'); // allOf [$ref, inline] → inheritance
    has('details?: DogDetails | CatDetails;'); // oneOf → union
    has("export const PetStatus = ['available', 'pending', 'sold'] as const;");
    has("@Prop({ type: 'integer', enum: Priority })");
    has("kind!: 'dog' | 'cat';");
    has('owner?: Owner | null;');
    has('phone?: string | null;');
    has('lines?: Record<string, Pet>;');
    has('histogram!: Array<number[]>;');
    has('placedAt!: Date;');
    has("@Prop({ type: String, format: 'uuid' })");
    has("@Path('petId', { type: 'integer', format: 'int64', minimum: 1 }) petId: number"); // {pet-id} → :petId
    has("@Query('status', { type: [String], enum: PetStatus, optional: true }) status?: PetStatus[]");
    has("@Header('X-Trace-Id'");
    has("@Header('Cookie'");
    has("@UploadedFile('photo') photo: UploadedFileInfo, @UploadedFile('extra', { multiple: true, optional: true })");
    has("@Form('quantity', { type: 'integer', minimum: 1, maximum: 10 }) quantity: number");
    has("@Get('/pets/:petId/photo', { file: true })");
    has("@Delete('/pets/:petId')");
    has('@throws RemoteHttpError 409 — Name taken');
    // it loads (DTO classes in an order their decorators can run in) and describes like a hand-written contract
    const { ShopapiContract } = require(path.join(project, 'dist', 'shop.js')) as { ShopapiContract: Class };
    const descriptor = describeService(ShopapiContract);
    assert.equal(descriptor.rootPath, '/api/v2');
    assert.deepEqual(
      descriptor.routes.map((r) => `${r.method} ${r.path}`),
      [
        'GET /pets',
        'POST /pets',
        'GET /pets/:petId',
        'DELETE /pets/:petId',
        'GET /pets/:petId/photo',
        'POST /pets/:petId/photo',
        'POST /orders',
        'GET /stats',
      ],
    );
    assert.equal(descriptor.routes.find((r) => r.operationId === 'uploadPhoto')?.bodyType, 'multipart/form-data');
    assert.equal(descriptor.routes.find((r) => r.operationId === 'placeOrder')?.bodyType, 'application/x-www-form-urlencoded');
  });

  it('warns on stderr, naming the JSON pointer, about what it cannot map', () => {
    const warnings = generated.shopStderr.trim().split('\n');
    assert.ok(
      warnings.every((w) => /^warning: #\//.test(w)),
      generated.shopStderr,
    );
    assert.ok(
      warnings.includes(
        'warning: #/paths/~1notes/put/requestBody: request bodies of type text/plain cannot be sent by the typed client; the operation is not generated',
      ),
    );
    assert.ok(warnings.some((w) => w.startsWith('warning: #/paths/~1pets~1{pet-id}/head: HEAD')));
    assert.ok(warnings.some((w) => w.startsWith('warning: #/paths/~1pets/get/parameters: cookie parameters session')));
    assert.ok(!generated.shop.includes('putNote'));
  });

  it('exits 1 with one line for a missing file, a non-OpenAPI document, and Swagger 2.0 without the converter', async () => {
    const dir = temp.make('client-bad');
    writeLinkedProject(dir, {
      'openapi31.json': JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: {} }),
      'swagger.json': JSON.stringify({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} }),
    });
    const cases: Array<[string, RegExp]> = [
      ['missing.json', /^doudou: cannot read missing\.json: ENOENT$/],
      ['openapi31.json', /^doudou: openapi31\.json is not OpenAPI 3\.0 \(openapi 3\.1\.0\)/],
      ['swagger.json', /^doudou: swagger\.json is Swagger 2\.0: install the converter .*swagger2openapi/],
    ];
    for (const [from, expected] of cases) {
      const r = await runDoudou(['svc', 'client', '--from', from, '--out', 'x.ts'], { cwd: dir });
      assert.equal(r.code, 1, from);
      assert.match(r.stderr.trim(), expected);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });
});
