import type { Kysely, Transaction } from 'kysely';
import type { Class } from '../../decorators/class-type';
import { Dao } from '../dao/dao';
import type { DialectName } from '../dialect/sql-dialect';
import { describeEntity } from '../entity/describe-entity';
import type { DynamicSchema } from './database';

/** What DAOs are made from: the Database itself, or a transaction (every DAO of it uses its one connection). */
export interface DataContext {
  /** The typed query builder of this context, for queries the DAO does not cover (values are bound parameters). */
  readonly kysely: Kysely<DynamicSchema>;
  dao<E>(entity: Class<E>): Dao<E>;
}

export type IsolationLevel = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  /** Default: the server's (MySQL/MariaDB repeatable read, PostgreSQL read committed). */
  isolationLevel?: IsolationLevel;
}

/** One DAO per entity and context. */
export class DaoCache {
  private readonly daos = new WeakMap<Class, Dao<unknown>>();

  constructor(
    private readonly kysely: Kysely<DynamicSchema>,
    private readonly dialect: DialectName,
  ) {}

  get<E>(entity: Class<E>): Dao<E> {
    let dao = this.daos.get(entity);
    if (dao === undefined) {
      dao = new Dao<unknown>(this.kysely, describeEntity(entity), this.dialect);
      this.daos.set(entity, dao);
    }
    return dao as Dao<E>;
  }
}

/** The context a `db.transaction(fn)` callback gets: committed when fn resolves, rolled back when it throws. */
export class TransactionContext implements DataContext {
  private readonly daos: DaoCache;

  constructor(
    readonly kysely: Transaction<DynamicSchema>,
    dialect: DialectName,
  ) {
    this.daos = new DaoCache(kysely, dialect);
  }

  dao<E>(entity: Class<E>): Dao<E> {
    return this.daos.get(entity);
  }
}
