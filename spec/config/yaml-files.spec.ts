import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { applyDotenv, InvalidConfigError } from '../../lib/config';
import { throwsCode } from '../support/errors';
import { configFolderPerTest } from '../support/config-folder';

describe('config/yaml-files', () => {
  const folder = configFolderPerTest('gdd-yaml');
  const { write, load } = folder;
  const named = (name: string): string => `gdd:\n  service:\n    name: ${name}\n`;

  it('prefers app-<env>-local.yml, then app-local.yml, then app-<env>.yml, then app.yml — and any of them to a .env file', () => {
    for (const name of ['app-dev-local', 'app-local', 'app-dev', 'app']) write(`${name}.yml`, named(name));
    write('.env.dev.local', 'GDD_SERVICE_NAME=dotenv\n');
    for (const winner of ['app-dev-local', 'app-local', 'app-dev', 'app']) {
      assert.equal(load().service.name, winner);
      rmSync(path.join(folder.dir, `${winner}.yml`));
    }
    assert.equal(load().service.name, 'dotenv');
  });

  it('reads .yaml as well, after the .yml of the same name', () => {
    write('app.yaml', `${named('from-yaml')}gdd_port: 7001\n`);
    assert.equal(load().service.name, 'from-yaml');
    write('app.yml', named('from-yml'));
    const c = load();
    assert.equal(c.service.name, 'from-yml');
    assert.equal(c.http.port, 7001, 'a variable only the .yaml sets still comes from it');
  });

  it('skips app-local.yml when GDD_ENV is test, and selects files by GDD_ENV', () => {
    write('app-local.yml', named('local'));
    write('app-prod.yml', named('prod'));
    write('app.yml', named('base'));
    assert.equal(load({ GDD_ENV: 'test' }).service.name, 'base');
    assert.equal(load({ GDD_ENV: 'prod' }).service.name, 'local');
    rmSync(path.join(folder.dir, 'app-local.yml'));
    assert.equal(load({ GDD_ENV: 'prod' }).service.name, 'prod');
  });

  it('names variables as go-doudou flattens keys: joined with _, upper-cased, - removed', () => {
    write(
      'app.yml',
      [
        'gdd:',
        '  port: 7003',
        '  route:',
        '    root:',
        '      path: /api',
        '  mem:',
        '    seed: [10.0.0.1, "10.0.0.2:7947"]',
        '  read-me: 1',
        '  banner: false',
        '  log:',
        '    level:', // nothing: unset, the default applies
        'GDD_MANAGE_USER: admin',
        '',
      ].join('\n'),
    );
    const c = load();
    assert.equal(c.http.port, 7003);
    assert.equal(c.http.routeRootPath, '/api');
    assert.deepEqual(c.mem.seeds, ['10.0.0.1:7946', '10.0.0.2:7947']);
    assert.equal(c.banner.enable, false);
    assert.equal(c.log.level, 'info');
    assert.equal(c.manage.user, 'admin');
    assert.deepEqual(c.sources.unknownVariables, ['GDD_README']);
  });

  it('resolves anchors, aliases and merge keys', () => {
    // gdd takes port and banner from common, and its own port wins over the merged one
    write(
      'app.yml',
      [
        'common: &common',
        '  port: 7005',
        '  banner: false',
        'gdd:',
        '  <<: *common',
        '  port: 7006',
        '  service:',
        '    name: merged',
        '',
      ].join('\n'),
    );
    const c = load();
    assert.deepEqual([c.http.port, c.banner.enable, c.service.name], [7006, false, 'merged']);
    write('app.yml', ['seeds: &seeds [10.0.0.9]', 'gdd:', '  mem:', '    seed: *seeds', ''].join('\n'));
    assert.deepEqual(load().mem.seeds, ['10.0.0.9:7946']);
  });

  it('lets the real environment win over every file', () => {
    write('app-dev-local.yml', named('file'));
    assert.equal(load({ GDD_SERVICE_NAME: 'from-env' }).service.name, 'from-env');
  });

  it('reports the files read, YAML first, and a GDD_ name no setting has as unknown', () => {
    write('app.yml', 'gdd:\n  prot: 1\n');
    write('.env', 'GDD_PORT=2\n');
    const c = load();
    assert.deepEqual(c.sources.files, [path.join(folder.dir, 'app.yml'), path.join(folder.dir, '.env')]);
    assert.deepEqual(c.sources.unknownVariables, ['GDD_PROT']);
  });

  it('stops start-up naming the file when it is not YAML, not a mapping, or holds a list of mappings', () => {
    const problem = (body: string): string => {
      write('app.yml', body);
      try {
        load();
      } catch (err) {
        assert.ok(err instanceof InvalidConfigError);
        assert.equal(err.issues[0]?.source, path.join(folder.dir, 'app.yml'));
        return err.message;
      }
      return assert.fail('loaded');
    };
    assert.match(problem('gdd:\n  port: [1\n'), /^app\.yml: not valid YAML: /);
    assert.match(problem('gdd:\n  port: 1\n  port: 2\n'), /^app\.yml: not valid YAML: Map keys must be unique/);
    assert.match(problem('- 1\n- 2\n'), /^app\.yml: the top level must be a mapping/);
    assert.match(problem('gdd:\n  mem:\n    seed:\n      - host: a\n'), /^app\.yml: GDD_MEM_SEED: a list may hold only plain values/);
  });

  it('reads an empty file as nothing', () => {
    write('app.yml', '# nothing yet\n');
    assert.equal(load().http.port, 6060);
  });

  it('applyDotenv copies YAML values too, without overwriting, and throws for a broken file', () => {
    write('app.yml', 'usersvc: http://users:6060\ngdd:\n  port: 7004\n');
    write('.env', 'GDD_PORT=1\nORDERSVC=http://orders:6060\n');
    const env: NodeJS.ProcessEnv = { ORDERSVC: 'http://set' };
    assert.deepEqual(applyDotenv({ cwd: folder.dir, env }).sort(), ['GDD_PORT', 'USERSVC']);
    assert.deepEqual(env, { ORDERSVC: 'http://set', USERSVC: 'http://users:6060', GDD_PORT: '7004' });
    write('app.yml', '[');
    throwsCode(() => applyDotenv({ cwd: folder.dir, env: {} }), InvalidConfigError, 'INVALID_CONFIG', 'app.yml');
  });
});
