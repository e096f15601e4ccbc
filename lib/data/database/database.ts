/**
 * `Database`: one connection pool (mysql2 or pg, from GDD_DB_*) behind Kysely, the typed query builder
 * every DAO query, `ddl` statement and introspection goes through. Each query passes the instrumented
 * dialect: typed errors, metrics, the slow-query log and (when tracing is on) a span.
 */
import { performance } from 'node:perf_hooks';
import { Kysely, sql, type Dialect } from 'kysely';
import type { Registry } from 'prom-client';
import type { Logger } from 'winston';
import { loadConfig } from '../../config/load';
import type { Config, DbConfig } from '../../config/types';
import { DataConfigError } from '../data-config-errors';
import { mysqlDialect } from '../dialect/mysql-dialect';
import { postgresDialect } from '../dialect/postgres-dialect';
import type { DialectName, SqlDialect } from '../dialect/sql-dialect';
import type { ProviderDefinition } from '../../app';
import { CONFIG, LOGGER, METRICS_REGISTRY } from '../../app-tokens';
import type { Class } from '../../decorators/class-type';
import type { HealthCheck, HealthIndicator, OnShutdown } from '../../lifecycle';
import type { Dao } from '../dao/dao';
import { DaoCache, TransactionContext, type DataContext, type TransactionOptions } from './data-context';
import { DatabaseUnavailableError, toDatabaseError } from './database-errors';
import { DatabaseMetrics } from './database-metrics';
import { InstrumentedDialect, type QueryHooks } from './instrumented-dialect';
import { createMysqlDialect } from './mysql-pool';
import { createPostgresDialect } from './postgres-pool';
import { startQuerySpan } from './query-span';
import type { QueryKind } from './query-kind';

/** Tables and columns are only known at run time (from entity descriptors), so Kysely sees them as strings. */
export type DynamicSchema = Record<string, Record<string, unknown>>;

/** A span around one query; `startSpan` returns undefined when tracing is off. */
export interface QuerySpan {
  finish(error: Error | undefined): void;
}

export interface DatabaseOptions {
  /** Slow queries are logged here (warn). Default: no logging. */
  logger?: Logger;
  /** prom-client registry for the go_doudou_db_* metrics (the App's, so they are on /go-doudou/prometheus). */
  metricsRegistry?: Registry;
  /**
   * Called before each statement with its kind and SQL (never its parameters); what it returns is finished
   * with the outcome. Default: a tracing span, child of the request's span when there is one.
   */
  startSpan?: (kind: QueryKind, sql: string) => QuerySpan | undefined;
  /** Where the driver package (mysql2, pg) is resolved from. Default: the ts-doudou package. */
  driverResolveFrom?: string;
}

export interface ServerInfo {
  /** As the server reports it, e.g. `10.11.19-MariaDB-0+deb12u1` or `15.20`. */
  readonly version: string;
  readonly mariadb: boolean;
}

const DIALECTS: Readonly<Record<DialectName, SqlDialect>> = { mysql: mysqlDialect, postgres: postgresDialect };

/** The one-line form of a statement for logs: whitespace collapsed, long statements cut. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}

export class Database implements DataContext, HealthIndicator, OnShutdown {
  readonly healthName = 'database';
  readonly config: DbConfig;
  readonly dialect: SqlDialect;
  /** The typed query builder over the pool, for queries the DAO does not cover. Values are always bound parameters. */
  readonly kysely: Kysely<DynamicSchema>;
  private readonly logger?: Logger;
  private readonly metrics?: DatabaseMetrics;
  private inUse = 0;
  private server?: Promise<ServerInfo>;
  private closing?: Promise<void>;
  private readonly daos: DaoCache;

  /** From GDD_DB_* (the given Config, or the environment and .env files of the current directory). */
  static fromConfig(config?: Config | DbConfig, options: DatabaseOptions = {}): Database {
    const db = config === undefined ? loadConfig().db : 'driver' in config ? config : config.db;
    return new Database(db, options);
  }

  constructor(config: DbConfig, options: DatabaseOptions = {}) {
    if (config.driver === '') {
      throw new DataConfigError('DB_NOT_CONFIGURED', 'GDD_DB_DRIVER is empty: set it to mysql (MySQL, MariaDB) or postgres');
    }
    this.config = config;
    this.dialect = DIALECTS[config.driver];
    this.logger = options.logger;
    if (options.metricsRegistry !== undefined) {
      this.metrics = new DatabaseMetrics(options.metricsRegistry, config.driver, config.schema || config.database, config.pool.maxOpen);
    }
    const inner: Dialect =
      config.driver === 'mysql'
        ? createMysqlDialect(config, options.driverResolveFrom)
        : createPostgresDialect(config, options.driverResolveFrom);
    this.kysely = new Kysely<DynamicSchema>({ dialect: new InstrumentedDialect(inner, this.hooks(options)) });
    this.daos = new DaoCache(this.kysely, this.dialect.name);
  }

  /** The DAO of an entity class (one per class): typed insert, upsert, get, find, count, page, update, delete. */
  dao<E>(entity: Class<E>): Dao<E> {
    return this.daos.get(entity);
  }

  /**
   * Runs `fn` in a transaction on one connection: committed when it resolves, rolled back when it throws
   * (the error is rethrown as it was). DAOs from `tx.dao(Entity)` take part; `db.dao()` ones do not.
   */
  transaction<T>(fn: (tx: TransactionContext) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const builder =
      options.isolationLevel === undefined
        ? this.kysely.transaction()
        : this.kysely.transaction().setIsolationLevel(options.isolationLevel);
    return builder.execute((trx) => fn(new TransactionContext(trx, this.dialect.name)));
  }

  get driver(): DialectName {
    return this.dialect.name;
  }

  /** Connections currently lent out of the pool. */
  get connectionsInUse(): number {
    return this.inUse;
  }

  /** The server's version (asked once). */
  serverInfo(): Promise<ServerInfo> {
    this.server ??= (async () => {
      const query = this.driver === 'mysql' ? sql<{ v: string }>`select version() as v` : sql<{ v: string }>`show server_version`;
      const { rows } = await query.execute(this.kysely);
      const row = rows[0] as { v?: string; server_version?: string } | undefined;
      const version = row?.v ?? row?.server_version ?? '';
      return { version, mariadb: /mariadb/i.test(version) };
    })();
    const pending = this.server;
    pending.catch(() => {
      if (this.server === pending) this.server = undefined; // ask again next time
    });
    return pending;
  }

  /** Closes the pool once in-flight queries are done. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.kysely.destroy();
    return this.closing;
  }

  /** App shutdown (after the HTTP server drained): the pool is closed. */
  onShutdown(): Promise<void> {
    return this.close();
  }

  /** One `select 1` within GDD_DB_CONNECT_TIMEOUT: what /go-doudou/health reports as `database`. */
  async checkHealth(): Promise<HealthCheck> {
    const base = {
      driver: this.driver,
      database: this.config.schema || this.config.database,
      connectionsInUse: this.inUse,
      maxConnections: this.config.pool.maxOpen,
    };
    const startedAt = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DatabaseUnavailableError(`no answer within ${this.config.connectTimeoutMs} ms`)),
        this.config.connectTimeoutMs,
      );
    });
    try {
      await Promise.race([sql`select 1`.execute(this.kysely), deadline]);
      return { status: 'up', ...base, latencyMs: Math.round((performance.now() - startedAt) * 10) / 10 };
    } catch (err) {
      return { status: 'down', ...base, error: err instanceof Error ? err.message : String(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The provider that lets services take a `Database` constructor parameter: one pool from the App's
   * GDD_DB_*, with its logger and metrics registry, closed when the App stops and reported on its health.
   * `new App({ providers: [Database.provider()] })`.
   */
  static provider(
    options: Omit<DatabaseOptions, 'logger' | 'metricsRegistry'> = {},
  ): ProviderDefinition<Database> & Required<Pick<ProviderDefinition<Database>, 'useFactory' | 'inject'>> {
    return {
      provide: Database,
      useFactory: ((config: Config, logger: Logger, registry: Registry) =>
        Database.fromConfig(config, { ...options, logger, metricsRegistry: registry })) as (...deps: never[]) => Database,
      inject: [CONFIG, LOGGER, METRICS_REGISTRY],
    };
  }

  private hooks(options: DatabaseOptions): QueryHooks {
    const slowMs = this.config.slowThresholdMs;
    const driver = this.config.driver;
    const database = this.config.schema || this.config.database;
    const startSpan = options.startSpan ?? ((kind: QueryKind, text: string) => startQuerySpan(driver, database, kind, text));
    return {
      start: (kind, text) => {
        const startedAt = performance.now();
        const span = startSpan(kind, text);
        return (error) => {
          const ms = performance.now() - startedAt;
          span?.finish(error);
          const code = error === undefined ? undefined : ((error as { code?: string }).code ?? 'DB_ERROR');
          this.metrics?.observe(kind, ms / 1000, code);
          if (slowMs > 0 && ms >= slowMs && this.logger !== undefined) {
            this.logger.warn(`slow query (${Math.round(ms)} ms ≥ ${slowMs} ms): ${oneLine(text)}`, { durationMs: Math.round(ms), kind });
          }
        };
      },
      mapError: (err) => toDatabaseError(err, driver as DialectName),
      acquired: () => {
        this.inUse++;
        this.metrics?.connectionAcquired();
      },
      released: () => {
        this.inUse--;
        this.metrics?.connectionReleased();
      },
    };
  }
}
