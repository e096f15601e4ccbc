import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataConfigError, Database, sql } from '../../../lib/data';
import { loadConfig } from '../../../lib/config';
import { captureLogger } from '../../http/support/capture-logger';
import { describeOnDatabases } from '../../support/databases';
import { throwsCode } from '../../support/errors';

describe('data/database/database', () => {
  const config = loadConfig({ env: {}, cwd: '/nonexistent-tsd-config-dir' });

  it('refuses to start without GDD_DB_DRIVER', () => {
    throwsCode(() => Database.fromConfig(config), DataConfigError, 'DB_NOT_CONFIGURED', /GDD_DB_DRIVER is empty/);
  });

  it('names the driver package to install when it is missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tsd-nodriver-'));
    try {
      const from = path.join(dir, 'app.js');
      writeFileSync(from, '');
      for (const [driver, pkg] of [
        ['mysql', 'mysql2'],
        ['postgres', 'pg'],
      ] as const) {
        throwsCode(
          () => new Database({ ...config.db, driver }, { driverResolveFrom: from }),
          DataConfigError,
          'DB_DRIVER_MISSING',
          `'${pkg}' is not installed: npm install ${pkg}`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes its settings from a Config (GDD_DB_*) or a DbConfig', async () => {
    const loaded = loadConfig({
      env: { GDD_DB_DRIVER: 'mariadb', GDD_DB_SCHEMA: 'shop', GDD_DB_POOL_MAXOPENCONNS: '3' },
      cwd: '/nonexistent-tsd-config-dir',
    });
    const db = Database.fromConfig(loaded);
    assert.equal(db.driver, 'mysql');
    assert.equal(db.config.schema, 'shop');
    assert.equal(db.config.pool.maxOpen, 3);
    await db.close();
  });

  it('reports an unreachable server as DB_UNAVAILABLE (503)', async () => {
    const db = new Database({ ...config.db, driver: 'postgres', host: '127.0.0.1', port: 1, connectTimeoutMs: 2000 });
    await assert.rejects(sql`select 1`.execute(db.kysely), { name: 'DatabaseUnavailableError', code: 'DB_UNAVAILABLE', status: 503 });
    await db.close();
  });
});

describeOnDatabases('Database', (schema, target) => {
  it('knows which server it talks to', async () => {
    const info = await schema().database().serverInfo();
    assert.ok(info.version.length > 0);
    assert.equal(info.mariadb, target.label === 'MariaDB');
  });

  it('lends connections from the pool and takes them back', async () => {
    const db = schema().database();
    await Promise.all([1, 2, 3].map((n) => sql`select ${n} as n`.execute(db.kysely)));
    assert.equal(db.connectionsInUse, 0);
    await db.kysely.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      assert.equal(db.connectionsInUse, 1);
    });
    assert.equal(db.connectionsInUse, 0);
  });

  it('logs queries slower than GDD_DB_LOG_SLOWTHRESHOLD as warnings, with the SQL but never its values', async () => {
    const { logger, lines } = captureLogger();
    const db = new Database({ ...schema().config, slowThresholdMs: 30 }, { logger });
    const sleep =
      target.driver === 'mysql'
        ? sql`select sleep(${0.06}) as s, ${'secret-value'} as p`
        : sql`select pg_sleep(${0.06}), ${'secret-value'}::text as p`;
    await sleep.execute(db.kysely);
    await sql`select ${1} as fast`.execute(db.kysely);
    await db.close();
    const slow = lines.filter((l) => l.level === 'warn');
    assert.equal(slow.length, 1, JSON.stringify(lines));
    assert.match(slow[0].message, /^slow query \(\d+ ms ≥ 30 ms\): select (sleep|pg_sleep)\(/);
    assert.equal(slow[0].kind, 'select');
    assert.ok(!JSON.stringify(lines).includes('secret-value'));
  });

  it('closes once, however often it is asked', async () => {
    const db = schema().database();
    await sql`select 1`.execute(db.kysely);
    await Promise.all([db.close(), db.close()]);
    await db.close();
  });
});
