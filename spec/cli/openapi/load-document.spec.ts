import { strict as assert } from 'node:assert';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { closeClient, createClient } from '../../../lib';
import type { Class } from '../../../lib/decorators/class-type';
import { DoudouProcess, runDoudou } from '../../support/cli-process';
import { compileProject, REPO_ROOT, writeLinkedProject } from '../../support/linked-project';
import { TempDirs } from '../../support/temp-dir';

const STORE = path.join(REPO_ROOT, 'spec', 'fixtures', 'cli', 'store-swagger2.json');

type Product = { id: number; name: string; price: number; createdAt: Date };
type Store = {
  listProducts(limit?: number, status?: string): Promise<Product[]>;
  createProduct(body: { name: string; price: number }): Promise<Product>;
  getProduct(id: number): Promise<Product>;
  uploadImage(id: number, image: unknown, caption?: string): Promise<{ size: number }>;
};

/* eslint-disable @typescript-eslint/no-require-imports -- the generated module is compiled at test time */
describe('cli/openapi/load-document: Swagger 2.0, converted by swagger2openapi installed in the project', function () {
  this.timeout(420_000); // tsc --strict of the generated project: minutes on a loaded machine
  const temp = new TempDirs();
  let project: string;
  let mock: DoudouProcess | undefined;
  let wrote: string;

  before(async () => {
    project = temp.make('swagger2');
    writeLinkedProject(project);
    // what `npm i -D swagger2openapi` gives the project (the repository has it as a dev dependency)
    symlinkSync(path.join(REPO_ROOT, 'node_modules', 'swagger2openapi'), path.join(project, 'node_modules', 'swagger2openapi'), 'dir');
    const run = await runDoudou(['svc', 'client', '--from', STORE, '--out', 'src/store.ts'], { cwd: project });
    assert.equal(run.code, 0, run.stderr);
    wrote = run.stdout;
    const compiled = compileProject(project);
    assert.equal(compiled.code, 0, `tsc --strict failed:\n${compiled.output}`);
  });
  after(async () => {
    await mock?.stop();
    temp.removeAll();
  });

  it('writes a client module from the converted document, and says it converted', () => {
    assert.equal(wrote, 'wrote src/store.ts: StoreapiContract (service storeapi) (converted from Swagger 2.0)\n');
  });

  it('serves the same document as a mock that the generated client calls: basePath, body, path, query, upload, dates', async () => {
    mock = new DoudouProcess(['svc', 'mock', '--from', STORE, '--host', '127.0.0.1', '--port', '0'], { cwd: project });
    const url = (await mock.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/))[1];
    const { StoreapiContract } = require(path.join(project, 'dist', 'store.js')) as { StoreapiContract: Class };
    const store = createClient(StoreapiContract as new () => Store, { baseUrl: url, retryCount: 0 });
    try {
      const teapot = await store.getProduct(7); // the document's example
      assert.equal(teapot.name, 'Teapot');
      assert.ok(teapot.createdAt instanceof Date);
      assert.equal(teapot.createdAt.toISOString(), '2024-03-01T10:00:00.000Z');
      const listed = await store.listProducts(5, 'active');
      assert.ok(Array.isArray(listed));
      const created = await store.createProduct({ name: 'Kettle', price: 30 });
      assert.equal(typeof created.id, 'number');
      const uploaded = await store.uploadImage(7, { data: Buffer.from('png!'), fileName: 'kettle.png' }, 'side view');
      assert.equal(typeof uploaded.size, 'number');
    } finally {
      closeClient(store);
    }
    const invalid = await fetch(`${url}/v1/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', price: -1 }),
    });
    assert.equal(invalid.status, 400, 'the converted constraints validate requests');
    const details = ((await invalid.json()) as { error: { details: Array<{ field: string }> } }).error.details;
    assert.deepEqual(details.map((d) => d.field).sort(), ['body.name', 'body.price']);
    const missing = await fetch(`${url}/v1/products/7`, { headers: { prefer: 'code=404' } });
    assert.equal(missing.status, 404, 'a declared error response on request');
  });
});
