/**
 * Wraps a Kysely dialect so every query passes one place: it is timed and counted, traced, logged when slow,
 * and a driver error becomes a typed error (database-errors.ts). Pool use is counted at acquire/release.
 * The wrapped driver is handed its own connection objects back, since drivers keep private state on them.
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { queryKindOf, type QueryKind } from './query-kind';

/** What the wrapper reports to (Database wires metrics, the slow-query log and spans behind it). */
export interface QueryHooks {
  /** A query is about to run; the returned function is called once with the outcome. */
  start(kind: QueryKind, sql: string): (error: Error | undefined) => void;
  /** Driver error → typed error. */
  mapError(err: unknown): Error;
  acquired(): void;
  released(): void;
}

class InstrumentedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly hooks: QueryHooks,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const done = this.hooks.start(queryKindOf(query), query.sql);
    try {
      const result = await this.inner.executeQuery<R>(query);
      done(undefined);
      return result;
    } catch (err) {
      const mapped = this.hooks.mapError(err);
      done(mapped);
      throw mapped;
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

type SavepointCall = (connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) => Promise<void>;

class InstrumentedDriver implements Driver {
  savepoint?: SavepointCall;
  rollbackToSavepoint?: SavepointCall;
  releaseSavepoint?: SavepointCall;

  constructor(
    private readonly inner: Driver,
    private readonly hooks: QueryHooks,
  ) {
    // Kysely tests for these methods to decide whether nested transactions work; mirror what the inner driver has
    for (const name of ['savepoint', 'rollbackToSavepoint', 'releaseSavepoint'] as const) {
      const call = inner[name];
      if (call !== undefined) this[name] = (c, n, compile) => this.mapped(() => call.call(inner, this.unwrap(c), n, compile));
    }
  }

  init(): Promise<void> {
    return this.mapped(() => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.mapped(() => this.inner.acquireConnection());
    this.hooks.acquired();
    return new InstrumentedConnection(connection, this.hooks);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.mapped(() => this.inner.beginTransaction(this.unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.mapped(() => this.inner.commitTransaction(this.unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.mapped(() => this.inner.rollbackTransaction(this.unwrap(connection)));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(this.unwrap(connection));
    } finally {
      this.hooks.released();
    }
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  private unwrap(connection: DatabaseConnection): DatabaseConnection {
    return connection instanceof InstrumentedConnection ? connection.inner : connection;
  }

  private async mapped<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw this.hooks.mapError(err);
    }
  }
}

export class InstrumentedDialect implements Dialect {
  constructor(
    private readonly inner: Dialect,
    private readonly hooks: QueryHooks,
  ) {}

  createDriver(): Driver {
    return new InstrumentedDriver(this.inner.createDriver(), this.hooks);
  }

  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return this.inner.createAdapter();
  }

  createIntrospector(db: Parameters<Dialect['createIntrospector']>[0]): DatabaseIntrospector {
    return this.inner.createIntrospector(db);
  }
}
