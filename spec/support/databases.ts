/**
 * The real MariaDB/MySQL and PostgreSQL servers the data-layer specs run against, each spec in its own
 * throwaway database (MySQL) or schema (PostgreSQL) with a unique name, dropped afterwards — other
 * engineers' tests use the same servers at the same time. A missing server makes the specs pending with an
 * install hint (failing under CI=true, where .ci/install-system.sh starts both).
 */
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import type * as Mysql2 from 'mysql2/promise';
import type * as Pg from 'pg';
import { loadConfig, type DbConfig } from '../../lib/config';
import { Database, type DatabaseOptions } from '../../lib/data';
import { requireOrSkip } from './requirements';

export interface ThrowawaySchema {
  readonly name: string;
  /** GDD_DB_* pointing at the schema (for child processes and loadConfig). */
  readonly env: Readonly<Record<string, string>>;
  readonly config: DbConfig;
  /** A Database on the schema; closed by drop(). */
  database(options?: DatabaseOptions): Database;
  /** Runs SQL as the administrator, inside the schema. */
  admin(sqlText: string): Promise<void>;
  /**
   * How many sessions on this schema wait for a row or table lock right now (asked of the server). Poll it
   * slower than every 100 ms: InnoDB refreshes information_schema.innodb_trx only when its cache is older.
   */
  lockWaits(): Promise<number>;
  drop(): Promise<void>;
}

export interface DatabaseTarget {
  readonly label: 'MariaDB' | 'PostgreSQL';
  readonly driver: 'mysql' | 'postgres';
  readonly hint: string;
  available(): Promise<boolean>;
  createSchema(): Promise<ThrowawaySchema>;
}

const HOST = process.env.TSD_TEST_DB_HOST ?? '127.0.0.1';

function uniqueName(): string {
  return `tsd_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** A TCP connect within 2 s: enough to tell a running server from none, without a driver's long timeouts. */
function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function configFor(env: Record<string, string>): DbConfig {
  return loadConfig({ env, cwd: '/nonexistent-tsd-config-dir' }).db;
}

function schemaHandle(
  name: string,
  env: Record<string, string>,
  admin: (s: string) => Promise<void>,
  lockWaits: () => Promise<number>,
  dropIt: () => Promise<void>,
): ThrowawaySchema {
  const opened: Database[] = [];
  const config = configFor(env);
  return {
    name,
    env,
    config,
    database(options) {
      const db = new Database(config, options);
      opened.push(db);
      return db;
    },
    admin,
    lockWaits,
    async drop() {
      await Promise.all(opened.map((db) => db.close()));
      await dropIt();
    },
  };
}

export const MARIADB: DatabaseTarget = {
  label: 'MariaDB',
  driver: 'mysql',
  hint: 'MariaDB/MySQL on 127.0.0.1:3306 (root, no password): apt-get install -y mariadb-server, then .ci/install-system.sh starts it',
  available: () => reachable(3306),
  async createSchema() {
    const mysql = (await import('mysql2/promise')) as typeof Mysql2;
    const name = uniqueName();
    const root = await mysql.createConnection({ host: HOST, port: 3306, user: 'root', password: '' });
    await root.query(`create database ${name}`);
    const inSchema = await mysql.createConnection({ host: HOST, port: 3306, user: 'root', password: '', database: name });
    const env = { GDD_DB_DRIVER: 'mysql', GDD_DB_HOST: HOST, GDD_DB_PORT: '3306', GDD_DB_USER: 'root', GDD_DB_SCHEMA: name };
    return schemaHandle(
      name,
      env,
      async (text) => {
        await inSchema.query(text);
      },
      async () => {
        const [rows] = await root.query(
          `select count(*) as n from information_schema.innodb_trx t
           join information_schema.processlist p on p.id = t.trx_mysql_thread_id
           where t.trx_state = 'LOCK WAIT' and p.db = ?`,
          [name],
        );
        return Number((rows as Array<{ n: number }>)[0].n);
      },
      async () => {
        await inSchema.end();
        await root.query(`drop database if exists ${name}`);
        await root.end();
      },
    );
  },
};

export const POSTGRES: DatabaseTarget = {
  label: 'PostgreSQL',
  driver: 'postgres',
  hint: 'PostgreSQL on 127.0.0.1:5432 (trust auth, database test): apt-get install -y postgresql, then .ci/install-system.sh starts it',
  available: () => reachable(5432),
  async createSchema() {
    const pg = (await import('pg')) as typeof Pg;
    const name = uniqueName();
    const admin = new pg.Client({ host: HOST, port: 5432, user: 'postgres', database: 'test' });
    await admin.connect();
    await admin.query(`create schema ${name}`);
    await admin.query(`set search_path to ${name}`);
    const env = {
      GDD_DB_DRIVER: 'postgres',
      GDD_DB_HOST: HOST,
      GDD_DB_PORT: '5432',
      GDD_DB_USER: 'postgres',
      GDD_DB_NAME: 'test',
      GDD_DB_SCHEMA: name,
    };
    return schemaHandle(
      name,
      env,
      async (text) => {
        await admin.query(text);
      },
      async () => {
        // a waiting session holds locks on this schema's tables and waits for one it was not granted
        const { rows } = await admin.query<{ n: string }>(
          `select count(distinct w.pid) as n from pg_locks w
           where not w.granted and w.pid in (
             select l.pid from pg_locks l join pg_class c on c.oid = l.relation
             join pg_namespace ns on ns.oid = c.relnamespace where ns.nspname = $1)`,
          [name],
        );
        return Number(rows[0].n);
      },
      async () => {
        await admin.query(`drop schema if exists ${name} cascade`);
        await admin.end();
      },
    );
  },
};

export const DATABASES: readonly DatabaseTarget[] = [MARIADB, POSTGRES];

/** `describe('<title> on <server>')` with a fresh schema: `schema()` inside the body gives it (after `before`). */
export function describeOnDatabase(
  target: DatabaseTarget,
  title: string,
  body: (schema: () => ThrowawaySchema, target: DatabaseTarget) => void,
): void {
  describe(`${title} on ${target.label}`, function () {
    let current: ThrowawaySchema | undefined;
    before(async function () {
      requireOrSkip(this, await target.available(), target.hint);
      current = await target.createSchema();
    });
    after(async () => {
      await current?.drop();
    });
    body(() => {
      if (current === undefined) throw new Error('the throwaway schema is made in before()');
      return current;
    }, target);
  });
}

/** The same specs on MariaDB and on PostgreSQL, each in its own throwaway schema. */
export function describeOnDatabases(title: string, body: (schema: () => ThrowawaySchema, target: DatabaseTarget) => void): void {
  for (const target of DATABASES) describeOnDatabase(target, title, body);
}
