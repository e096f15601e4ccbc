import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { applyDotenv, loadConfig } from '../../lib/config';
import { configFolderPerTest } from '../support/config-folder';

describe('config/dotenv-files', () => {
  const folder = configFolderPerTest('gdd-env');
  const { write, load } = folder;

  /** Every file defines GDD_SERVICE_NAME as its own name, so the winner is visible. */
  function writeAll(env: string): void {
    for (const name of [`.env.${env}.local`, '.env.local', `.env.${env}`, '.env']) write(name, `GDD_SERVICE_NAME=${name}\n`);
  }

  it('prefers .env.<env>.local, then .env.local, then .env.<env>, then .env', () => {
    writeAll('dev');
    assert.equal(load().service.name, '.env.dev.local');
    rmSync(path.join(folder.dir, '.env.dev.local'));
    assert.equal(load().service.name, '.env.local');
    rmSync(path.join(folder.dir, '.env.local'));
    assert.equal(load().service.name, '.env.dev');
    rmSync(path.join(folder.dir, '.env.dev'));
    assert.equal(load().service.name, '.env');
  });

  it('selects files by GDD_ENV, defaulting to dev', () => {
    write('.env.dev', 'GDD_SERVICE_NAME=dev-file\n');
    write('.env.prod', 'GDD_SERVICE_NAME=prod-file\n');
    assert.equal(load().service.name, 'dev-file');
    assert.equal(load({ GDD_ENV: 'prod' }).service.name, 'prod-file');
  });

  it('selects files by an env given in overrides', () => {
    write('.env.prod', 'GDD_SERVICE_NAME=prod-file\n');
    assert.equal(loadConfig({ env: {}, cwd: folder.dir, overrides: { env: 'prod' } }).service.name, 'prod-file');
  });

  it('reads no file for a GDD_ENV that could escape the directory', () => {
    write('.env', 'GDD_PORT=7002\n');
    assert.deepEqual(applyDotenv({ cwd: folder.dir, env: { GDD_ENV: '../x' } }), []);
  });

  it('skips .env.local when GDD_ENV is test', () => {
    write('.env.local', 'GDD_SERVICE_NAME=local\n');
    write('.env', 'GDD_SERVICE_NAME=base\n');
    assert.equal(load({ GDD_ENV: 'test' }).service.name, 'base');
    assert.equal(load({ GDD_ENV: 'prod' }).service.name, 'local');
  });

  it('takes each variable from the first file that defines it', () => {
    write('.env.dev', 'GDD_PORT=7001\n');
    write('.env', 'GDD_PORT=7002\nGDD_BANNER_TEXT=from-base\n');
    const c = load();
    assert.equal(c.http.port, 7001);
    assert.equal(c.banner.text, 'from-base');
  });

  it('lets the real environment win over every file', () => {
    writeAll('dev');
    assert.equal(load({ GDD_SERVICE_NAME: 'from-env' }).service.name, 'from-env');
  });

  it('reports which files were read, in precedence order', () => {
    write('.env', 'GDD_PORT=1\n');
    write('.env.dev', 'GDD_PORT=2\n');
    assert.deepEqual(load().sources.files, [path.join(folder.dir, '.env.dev'), path.join(folder.dir, '.env')]);
  });

  it('understands dotenv syntax: comments, quotes, export-less lines', () => {
    write('.env', '# comment\nGDD_BANNER_TEXT="hello world" # trailing\nGDD_MANAGE_PASS=\'p#ss\'\n');
    const c = load();
    assert.equal(c.banner.text, 'hello world');
    assert.equal(c.manage.pass, 'p#ss');
  });

  it('applyDotenv copies file values into an environment without overwriting', () => {
    write('.env', 'GDD_PORT=7002\nGDD_SERVICE_NAME=file\n');
    const env: NodeJS.ProcessEnv = { GDD_SERVICE_NAME: 'env' };
    assert.deepEqual(applyDotenv({ cwd: folder.dir, env }), ['GDD_PORT']);
    assert.deepEqual(env, { GDD_SERVICE_NAME: 'env', GDD_PORT: '7002' });
  });
});
