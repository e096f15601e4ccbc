import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AppProcess } from '../../support/app-process';
import { runDoudou } from '../../support/cli-process';
import { REPO_ROOT } from '../../support/linked-project';
import { NO_DRAIN_ENV } from '../../support/no-drain';
import { NPM_INSTALL, runNpm } from '../../support/npm';
import { copyRepository } from '../../support/repository-copy';
import { TempDirs } from '../../support/temp-dir';

const FILES = [
  'package.json',
  'tsconfig.json',
  'src/dto.ts',
  'src/contract.ts',
  'src/service.ts',
  'src/main.ts',
  'test/service.spec.ts',
  '.env',
  '.gitignore',
  '.dockerignore',
  'Dockerfile',
  'README.md',
];

describe('cli/commands/svc-init (doudou svc init)', function () {
  this.timeout(600_000);
  const temp = new TempDirs();
  let app: AppProcess | undefined;
  after(() => {
    app?.kill();
    temp.removeAll();
  });

  it('writes a project that installs from a ts-doudou clone, passes its own npm test (build included) and serves HTTP', async () => {
    // A copy of this clone: installing it runs its prepare build, which deletes and rebuilds the clone's dist/lib.
    const clone = temp.make('clone');
    copyRepository(clone, { withBuild: true });
    const parent = temp.make('init');
    const init = await runDoudou(['svc', 'init', 'billing'], { cwd: parent, bin: path.join(clone, 'dist', 'lib', 'cli', 'doudou.js') });
    assert.equal(init.code, 0, init.stderr);
    const dir = path.join(parent, 'billing');
    for (const f of FILES) assert.ok(existsSync(path.join(dir, f)), `${f} written`);
    assert.match(
      init.stdout,
      new RegExp(`ts-doudou dependency: file:${clone.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(the ts-doudou clone`),
    );
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    assert.equal(pkg.dependencies['ts-doudou'], `file:${clone}`);

    const ownBuild = (): number => statSync(path.join(REPO_ROOT, 'dist', 'lib', 'index.js')).mtimeMs;
    const builtAt = ownBuild();
    const install = await runNpm(NPM_INSTALL, dir);
    assert.equal(install.code, 0, install.output);
    assert.equal(ownBuild(), builtAt, "this checkout's dist/lib, which the other specs load, is not rebuilt");
    // npm test builds (tsc) and runs the generated mocha spec; then the build is started as a service
    const test = await runNpm(['test'], dir);
    assert.equal(test.code, 0, test.output);
    assert.match(test.output, /2 passing/);

    app = new AppProcess(path.join(dir, 'dist', 'src', 'main.js'), NO_DRAIN_ENV);
    const port = (await app.waitForLine(/listening on http:\/\/127\.0\.0\.1:(\d+)/, 30_000))[1];
    const created = await fetch(`http://127.0.0.1:${port}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'tea', priceCents: 350 }),
    });
    assert.equal(created.status, 200);
    const read = await fetch(`http://127.0.0.1:${port}/items/1`);
    assert.equal(((await read.json()) as { name: string }).name, 'tea');
    assert.equal((await fetch(`http://127.0.0.1:${port}/go-doudou/health`)).status, 200);
    app.kill('SIGTERM');
    assert.equal(await app.exited, 0);
  });

  it('configures the project as documented: decorator metadata, commented GDD_* defaults, a non-root Dockerfile with a health check', async () => {
    const dir = path.join(temp.make('init'), 'shop-api');
    assert.equal((await runDoudou(['svc', 'init', dir])).code, 0);
    const tsconfig = JSON.parse(readFileSync(path.join(dir, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    assert.equal(tsconfig.compilerOptions.experimentalDecorators, true);
    assert.equal(tsconfig.compilerOptions.emitDecoratorMetadata, true);
    const env = readFileSync(path.join(dir, '.env'), 'utf8');
    assert.match(env, /^GDD_SERVICE_NAME=shop-api$/m);
    assert.match(env, /^# GDD_PORT=6060$/m);
    assert.match(env, /^# GDD_GRACE_TIMEOUT=15s$/m);
    const dockerfile = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    assert.equal((dockerfile.match(/^FROM /gm) ?? []).length, 2, 'multi-stage');
    assert.match(dockerfile, /npm prune --omit=dev/);
    assert.match(dockerfile, /^USER node$/m);
    assert.match(dockerfile, /^HEALTHCHECK .*\n.*\/go-doudou\/health/m);
    assert.match(readFileSync(path.join(dir, 'src/contract.ts'), 'utf8'), /export class ShopApiContract/);
    assert.ok(existsSync(path.join(dir, '.git')), 'git init ran');
  });

  it('never overwrites an existing file: warns and keeps it, unless --force', async () => {
    const dir = path.join(temp.make('init'), 'kept');
    assert.equal((await runDoudou(['svc', 'init', dir])).code, 0);
    writeFileSync(path.join(dir, 'src/service.ts'), '// mine\n');
    const again = await runDoudou(['svc', 'init', dir]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /warning: kept src\/service\.ts \(it exists; --force overwrites\)/);
    assert.equal(readFileSync(path.join(dir, 'src/service.ts'), 'utf8'), '// mine\n');
    const forced = await runDoudou(['svc', 'init', dir, '--force']);
    assert.equal(forced.code, 0);
    assert.match(readFileSync(path.join(dir, 'src/service.ts'), 'utf8'), /export class KeptService/);
  });
});
