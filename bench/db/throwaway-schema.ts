/**
 * A throwaway database (MariaDB/MySQL) or schema (PostgreSQL) for one benchmark run, and raw driver pools
 * on it — the baseline the DAO is compared with. Servers as the specs use them: 127.0.0.1, MariaDB root
 * without password, PostgreSQL trust auth on database `test` (TSD_TEST_DB_HOST overrides the host).
 */
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import type * as Mysql2 from 'mysql2/promise';
import type * as Pg from 'pg';
import { loadConfig } from '../../lib/config';
import type { DbConfig } from '../../lib/config';

export type BenchDriver = 'mysql' | 'postgres';

const HOST = process.env.TSD_TEST_DB_HOST ?? '127.0.0.1';
const PORTS: Readonly<Record<BenchDriver, number>> = { mysql: 3306, postgres: 5432 };

/** The raw driver, as an application without the DAO would call it (prepared statements on MySQL, as the DAO). */
export interface RawDriver {
  query(sqlText: string, values: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export interface BenchSchema {
  readonly driver: BenchDriver;
  readonly config: DbConfig;
  /** A raw pool of the given size on the schema. */
  raw(pool: number): Promise<RawDriver>;
  drop(): Promise<void>;
}

export function reachable(driver: BenchDriver): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port: PORTS[driver] });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function createBenchSchema(driver: BenchDriver): Promise<BenchSchema> {
  const name = `tsd_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (driver === 'mysql') {
    const mysql = (await import('mysql2/promise')) as typeof Mysql2;
    const admin = await mysql.createConnection({ host: HOST, port: 3306, user: 'root', password: '' });
    await admin.query(`create database ${name}`);
    return {
      driver,
      config: loadConfig({
        env: { GDD_DB_DRIVER: 'mysql', GDD_DB_HOST: HOST, GDD_DB_USER: 'root', GDD_DB_SCHEMA: name },
        cwd: '/nonexistent',
      }).db,
      async raw(pool) {
        const p = mysql.createPool({ host: HOST, port: 3306, user: 'root', database: name, connectionLimit: pool, timezone: 'Z' });
        return {
          query: async (text, values) => (await p.execute(text, values as never))[0] as Array<Record<string, unknown>>,
          close: () => p.end(),
        };
      },
      async drop() {
        await admin.query(`drop database if exists ${name}`);
        await admin.end();
      },
    };
  }
  const pg = (await import('pg')) as typeof Pg;
  const admin = new pg.Client({ host: HOST, port: 5432, user: 'postgres', database: 'test' });
  await admin.connect();
  await admin.query(`create schema ${name}`);
  return {
    driver,
    config: loadConfig({
      env: { GDD_DB_DRIVER: 'postgres', GDD_DB_HOST: HOST, GDD_DB_USER: 'postgres', GDD_DB_NAME: 'test', GDD_DB_SCHEMA: name },
      cwd: '/nonexistent',
    }).db,
    async raw(pool) {
      const p = new pg.Pool({ host: HOST, port: 5432, user: 'postgres', database: 'test', max: pool, options: `-c search_path=${name}` });
      return { query: async (text, values) => (await p.query(text, [...values])).rows, close: () => p.end() };
    },
    async drop() {
      await admin.query(`drop schema if exists ${name} cascade`);
      await admin.end();
    },
  };
}
