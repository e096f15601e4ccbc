import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, renderConfigTable } from '../lib/config';
import { AppProcess } from './support/app-process';

const readme = readFileSync(path.resolve(process.cwd(), 'README.md'), 'utf8');

/** GDD_* names that the TypeScript under `dir` reads outside the config table: `env.GDD_X`, `env['GDD_X']`. */
function gddNamesReadBy(dir: string): Set<string> {
  const names = new Set<string>();
  const read = /env(?:\.|\[')(GDD_[A-Z0-9_]*[A-Z0-9])\b/g;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const source = readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8');
    for (const m of source.matchAll(read)) names.add(m[1]!);
  }
  return names;
}

describe('README', () => {
  it('shows the GDD_* table exactly as the loader defines it', () => {
    const start = readme.indexOf('<!-- config-table:start');
    const end = readme.indexOf('<!-- config-table:end -->');
    assert.ok(start >= 0 && end > start, 'README has the config-table markers');
    const between = readme.slice(readme.indexOf('\n', start) + 1, end).trim();
    assert.equal(between, renderConfigTable().trim());
  });

  it('documents every GDD_* variable the loader reads', () => {
    for (const v of CONFIG_VARIABLES) assert.ok(readme.includes(`\`${v.name}\``), `${v.name} is in the README`);
  });

  it('documents every GDD_* variable the code reads anywhere, with a default', () => {
    const supported = new Set(CONFIG_VARIABLES.map((v) => v.name));
    for (const name of gddNamesReadBy(path.resolve(__dirname, '../../lib'))) {
      if (supported.has(name)) continue;
      assert.match(readme, new RegExp(`^\\| \`${name}\` \\| \`[^\`]*\` \\|`, 'm'), `${name} has a README table row with its default`);
    }
  });

  it('keeps the two quick-start commands', () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /^npm test/m);
  });

  describe('"A service in one file"', () => {
    let app: AppProcess | undefined;
    afterEach(() => app?.kill());

    it('is sample/todo.ts word for word, so it compiles with the project', () => {
      const start = readme.indexOf('```ts', readme.indexOf('## A service in one file')) + '```ts\n'.length;
      const block = readme.slice(start, readme.indexOf('```', start));
      const file = readFileSync(path.resolve(process.cwd(), 'sample/todo.ts'), 'utf8');
      assert.equal(file.slice(file.indexOf('\n') + 1), block.replace("from 'ts-doudou'", "from '../lib'"));
    });

    it('runs: creates a todo and reads it back, 400 on an empty title, 404 TODO_NOT_FOUND as its document declares', async () => {
      app = new AppProcess(path.resolve(__dirname, '../sample/todo.js'), {});
      const port = Number((await app.waitForLine(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
      const post = (body: unknown): Promise<Response> =>
        fetch(`http://127.0.0.1:${port}/todos`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      assert.deepEqual(await (await post({ title: 'write docs' })).json(), { id: 1, title: 'write docs', done: false });
      assert.deepEqual(await (await fetch(`http://127.0.0.1:${port}/todos/1`)).json(), { id: 1, title: 'write docs', done: false });
      assert.equal((await post({ title: '' })).status, 400);
      const missing = await fetch(`http://127.0.0.1:${port}/todos/9`);
      assert.equal(missing.status, 404);
      assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'TODO_NOT_FOUND');
      const doc = (await (await fetch(`http://127.0.0.1:${port}/go-doudou/openapi.json`)).json()) as {
        paths: Record<string, { get: { responses: Record<string, { content: Record<string, { examples: object }> }> } }>;
      };
      assert.deepEqual(Object.keys(doc.paths['/todos/{id}'].get.responses['404'].content['application/json'].examples), ['TODO_NOT_FOUND']);
    });
  });

  describe('"JSON key case"', () => {
    let app: AppProcess | undefined;
    afterEach(() => app?.kill());

    it('is sample/json-case.ts word for word, so it compiles with the project', () => {
      const start = readme.indexOf('```ts', readme.indexOf('### JSON key case')) + '```ts\n'.length;
      const block = readme.slice(start, readme.indexOf('```', start));
      const file = readFileSync(path.resolve(process.cwd(), 'sample/json-case.ts'), 'utf8');
      assert.equal(file.slice(file.indexOf('\n') + 1), block.replace("from 'ts-doudou'", "from '../lib'"));
    });

    it('runs: snake_case in, camelCase in the handler, snake_case out, 400 naming the wire fields', async () => {
      app = new AppProcess(path.resolve(__dirname, '../sample/json-case.js'), {});
      const port = Number((await app.waitForLine(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
      const post = (body: unknown): Promise<Response> =>
        fetch(`http://127.0.0.1:${port}/members`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const ok = await post({ display_name: 'Ada', postal_addresses: [{ street_name: 'Main St' }], ref: 'x' });
      assert.deepEqual(await ok.json(), { member_id: 1, display_name: 'Ada', joined_at: '2026-01-01T00:00:00.000Z' });
      const bad = (await (await post({ displayName: 'Ada' })).json()) as { error: { details: { field: string }[] } };
      assert.deepEqual(bad.error.details.map((d) => d.field).sort(), ['body.display_name', 'body.postal_addresses']);
    });
  });
});
