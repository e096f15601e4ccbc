import type * as Mysql2 from 'mysql2';
import { MysqlDialect, type Dialect, type MysqlPool, type MysqlPoolConnection } from 'kysely';
import type { DbConfig } from '../../config/types';
import { loadDriverModule } from './driver-module';

/** Prepared statements kept per connection (mysql2's default of 16000 × the pool could pass the server's max_prepared_stmt_count). */
const PREPARED_STATEMENTS_PER_CONNECTION = 256;

/**
 * Kysely's MySQL driver calls `connection.query(sql, parameters)`, which in mysql2 escapes values into the
 * SQL text on the client. This adapter sends statements with parameters through `execute()` instead: a
 * server-side prepared statement, so values are bound by the server and never become SQL text.
 */
function boundParameterConnection(raw: Mysql2.PoolConnection): MysqlPoolConnection {
  const query = (sql: string, parameters: unknown[], callback?: (error: unknown, result: never) => void): never => {
    if (callback === undefined) return raw.query(sql, parameters as never) as never; // streaming (no callback)
    if (parameters.length > 0) raw.execute(sql, parameters as never, callback as never);
    else raw.query(sql, callback as never);
    return undefined as never;
  };
  return { query, release: () => raw.release() } as MysqlPoolConnection;
}

function boundParameterPool(pool: Mysql2.Pool): MysqlPool {
  // one adapter per raw connection: Kysely keys its connection objects (and onCreateConnection) on identity
  const adapters = new WeakMap<Mysql2.PoolConnection, MysqlPoolConnection>();
  return {
    getConnection(callback) {
      pool.getConnection((err, raw) => {
        if (err) {
          callback(err, undefined as never);
          return;
        }
        let adapter = adapters.get(raw);
        if (adapter === undefined) {
          adapter = boundParameterConnection(raw);
          adapters.set(raw, adapter);
        }
        callback(null, adapter);
      });
    },
    end(callback) {
      pool.end(callback);
    },
  };
}

/** A mysql2 pool from GDD_DB_*, wrapped as a Kysely dialect. Dates travel in UTC, DATE columns as 'YYYY-MM-DD'. */
export function createMysqlDialect(config: DbConfig, resolveFrom?: string): Dialect {
  const mysql = loadDriverModule<typeof Mysql2>('mysql2', resolveFrom);
  const pool = mysql.createPool({
    host: config.host,
    port: config.port || 3306,
    user: config.user || undefined,
    password: config.password,
    database: config.schema || undefined,
    charset: config.charset,
    connectionLimit: config.pool.maxOpen,
    maxIdle: config.pool.maxOpen,
    idleTimeout: config.pool.maxIdleTimeMs,
    connectTimeout: config.connectTimeoutMs,
    waitForConnections: true,
    queueLimit: 0,
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: false,
    multipleStatements: false,
    maxPreparedStatements: PREPARED_STATEMENTS_PER_CONNECTION,
  });
  // CURRENT_TIMESTAMP defaults and NOW() must agree with the UTC the driver writes Dates in
  pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'");
  });
  return new MysqlDialect({ pool: boundParameterPool(pool) });
}
