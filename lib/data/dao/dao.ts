/**
 * `Dao<E>`: go-doudou's generated DAO (Insert, Upsert, UpdateNoneZero, UpdateMany, DeleteMany, Get,
 * SelectMany, CountMany, PageMany) as one class typed from the entity, built on Kysely queries. Values are
 * always bound parameters; only column names from the entity descriptor appear in SQL.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DynamicSchema } from '../database/database';
import { DataError, MissingValueError } from '../database/database-errors';
import type { DialectName } from '../dialect/sql-dialect';
import type { ColumnDescriptor, EntityDescriptor } from '../entity/entity-descriptor';
import type {
  FieldName,
  FindOptions,
  InsertRow,
  Key,
  OrderBy,
  Page,
  PageRequest,
  Changes,
  Row,
  RowLock,
  UpsertOptions,
  Where,
} from './dao-types';
import { decodeRow, encodeValue } from './row-codec';
import { columnOf, whereExpression } from './where-builder';

type Values = Record<string, unknown>;
type Select = SelectQueryBuilder<DynamicSchema, string, Values>;

/** The largest page the DAO serves; beyond it a caller should stream or use find with limit. */
export const MAX_PAGE_SIZE = 10_000;

function nonNegativeInteger(entity: EntityDescriptor, name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new DataError('BAD_QUERY', `${entity.className}: ${name} must be an integer from ${min} to ${max}, not ${value}`);
  }
  return value;
}

export class Dao<E> {
  constructor(
    private readonly db: Kysely<DynamicSchema>,
    readonly entity: EntityDescriptor,
    private readonly dialect: DialectName,
  ) {}

  private get table(): string {
    return this.entity.table.name;
  }

  /** Inserts one row and returns it as stored (generated key and defaults filled in). */
  async insert(row: InsertRow<E>): Promise<Row<E>> {
    const values = this.insertValues(row);
    if (this.dialect === 'postgres') {
      const stored = await this.db.insertInto(this.table).values(values).returningAll().executeTakeFirstOrThrow();
      return decodeRow(this.entity, stored) as Row<E>;
    }
    const result = await this.db.insertInto(this.table).values(values).executeTakeFirst();
    const key = this.keyAfterInsert(row as Values, result.insertId);
    return ((key === undefined ? undefined : await this.get(key)) ?? decodeRow(this.entity, values)) as Row<E>;
  }

  /** Inserts many rows in one statement; returns how many. */
  async insertMany(rows: ReadonlyArray<InsertRow<E>>): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await this.db
      .insertInto(this.table)
      .values(rows.map((r) => this.insertValues(r)))
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? BigInt(rows.length));
  }

  /** Inserts, or updates the existing row with the same conflict key; returns the row as stored. */
  async upsert(row: InsertRow<E>, options: UpsertOptions<E> = {}): Promise<Row<E>> {
    const values = this.insertValues(row);
    const conflict = (options.conflict ?? this.entity.primaryKey.map((c) => c.property as FieldName<E>)).map((p) =>
      columnOf(this.entity, p, 'an upsert conflict'),
    );
    const missing = conflict.filter((c) => (row as Values)[c.property] === undefined);
    if (conflict.length === 0 || missing.length > 0) {
      throw new DataError(
        'BAD_KEY',
        `${this.entity.className}.upsert needs values for its conflict fields (${conflict.map((c) => c.property).join(', ') || 'none: give { conflict }'})`,
      );
    }
    const updated = (options.update ?? Object.keys(row as Values).filter((p) => !conflict.some((c) => c.property === p))).map((p) =>
      columnOf(this.entity, p, 'an upsert update'),
    );
    const set = Object.fromEntries(updated.filter((c) => c.name in values).map((c) => [c.name, values[c.name]]));
    for (const c of this.entity.table.columns)
      if (c.onUpdateNow && !(c.name in set)) set[c.name] = encodeValue(c, new Date(), this.dialect);
    const insert = this.db.insertInto(this.table).values(values);
    if (this.dialect === 'postgres') {
      const names = conflict.map((c) => c.name);
      await (
        Object.keys(set).length === 0
          ? insert.onConflict((oc) => oc.columns(names).doNothing())
          : insert.onConflict((oc) => oc.columns(names).doUpdateSet(set))
      ).execute();
    } else {
      // with nothing to update, setting the first conflict column to itself keeps the statement valid and the row unchanged
      const first = conflict[0].name;
      await insert.onDuplicateKeyUpdate(Object.keys(set).length === 0 ? { [first]: sql.ref(first) } : set).execute();
    }
    const where = Object.fromEntries(conflict.map((c) => [c.property, (row as Values)[c.property]]));
    return (await this.findOne(where as Where<E>)) as Row<E>;
  }

  /** The row with this primary key, or undefined. */
  async get(key: Key<E>, options: { lock?: RowLock } = {}): Promise<Row<E> | undefined> {
    return this.findOne(this.keyWhere(key), options);
  }

  /** The first row matching the filter, or undefined. */
  async findOne(where: Where<E>, options: { lock?: RowLock } = {}): Promise<Row<E> | undefined> {
    return (await this.find({ where, limit: 1, lock: options.lock }))[0];
  }

  async find(options: FindOptions<E> = {}): Promise<Array<Row<E>>> {
    let query = this.filtered(this.db.selectFrom(this.table).selectAll() as Select, options.where);
    query = this.sorted(query, options.orderBy, false);
    if (options.offset !== undefined && options.limit === undefined) {
      throw new DataError('BAD_QUERY', `${this.entity.className}: offset needs a limit`);
    }
    // integers checked here are written as literals: MySQL's prepared statements refuse numeric LIMIT parameters
    if (options.limit !== undefined) query = query.limit(sql.lit(nonNegativeInteger(this.entity, 'limit', options.limit, 0)));
    if (options.offset !== undefined) query = query.offset(sql.lit(nonNegativeInteger(this.entity, 'offset', options.offset, 0)));
    if (options.lock === 'update') query = query.forUpdate();
    else if (options.lock === 'share') query = query.forShare();
    const rows = await query.execute();
    return rows.map((r) => decodeRow(this.entity, r) as Row<E>);
  }

  async count(where: Where<E> = {}): Promise<number> {
    const query = this.filtered(this.db.selectFrom(this.table).select((eb) => eb.fn.countAll().as('n')) as Select, where);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** One page (1-based) and the total matching the filter. */
  async page(request: PageRequest<E>): Promise<Page<Row<E>>> {
    const page = nonNegativeInteger(this.entity, 'page', request.page, 1);
    const size = nonNegativeInteger(this.entity, 'size', request.size, 1, MAX_PAGE_SIZE);
    let query = this.filtered(this.db.selectFrom(this.table).selectAll() as Select, request.where);
    query = this.sorted(query, request.orderBy, true)
      .limit(sql.lit(size))
      .offset(sql.lit((page - 1) * size));
    const [rows, total] = await Promise.all([query.execute(), this.count(request.where)]);
    const items = rows.map((r) => decodeRow(this.entity, r) as Row<E>);
    return { items, total, page, size, hasNext: (page - 1) * size + items.length < total };
  }

  /** Writes only the fields given (and onUpdateNow columns); returns the row after, or undefined when there is none. */
  async update(key: Key<E>, patch: Changes<E>): Promise<Row<E> | undefined> {
    const set = this.patchValues(patch);
    if (Object.keys(set).length === 0) return this.get(key);
    const query = this.db
      .updateTable(this.table)
      .set(set)
      .where((eb) => whereExpression(eb, this.entity, this.keyWhere(key), this.dialect) ?? eb.lit(false));
    if (this.dialect === 'postgres') {
      const row = await query.returningAll().executeTakeFirst();
      return row === undefined ? undefined : (decodeRow(this.entity, row) as Row<E>);
    }
    await query.execute();
    return this.get(key);
  }

  /** Writes the fields given on every row matching the (non-empty) filter; returns how many rows matched. */
  async updateMany(where: Where<E>, patch: Changes<E>): Promise<number> {
    const set = this.patchValues(patch);
    if (Object.keys(set).length === 0) return 0;
    const result = await this.db
      .updateTable(this.table)
      .set(set)
      .where((eb) => this.requiredWhere(eb, where, 'updateMany'))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** True when a row was deleted. */
  async delete(key: Key<E>): Promise<boolean> {
    const result = await this.db
      .deleteFrom(this.table)
      .where((eb) => whereExpression(eb, this.entity, this.keyWhere(key), this.dialect) ?? eb.lit(false))
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Deletes every row matching the (non-empty) filter; returns how many. */
  async deleteMany(where: Where<E>): Promise<number> {
    const result = await this.db
      .deleteFrom(this.table)
      .where((eb) => this.requiredWhere(eb, where, 'deleteMany'))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private requiredWhere(eb: ExpressionBuilder<DynamicSchema, string>, where: Where<E>, what: string): Expression<SqlBool> {
    const expression = whereExpression(eb, this.entity, where, this.dialect);
    if (expression === undefined) {
      throw new DataError(
        'EMPTY_FILTER',
        `${this.entity.className}.${what} needs a filter; to touch every row say so, e.g. { id: { isNull: false } }`,
      );
    }
    return expression;
  }

  private filtered(query: Select, where: Where<E> | undefined): Select {
    if (where === undefined) return query;
    return query.where((eb) => whereExpression(eb, this.entity, where, this.dialect) ?? eb.lit(true));
  }

  private sorted(query: Select, orderBy: OrderBy<E> | undefined, stable: boolean): Select {
    let out = query;
    const seen = new Set<string>();
    for (const [property, direction] of Object.entries(orderBy ?? {})) {
      if (direction === undefined) continue;
      if (direction !== 'asc' && direction !== 'desc')
        throw new DataError('BAD_QUERY', `${this.entity.className}.${property}: sort is 'asc' or 'desc'`);
      const column = columnOf(this.entity, property, 'in orderBy');
      out = out.orderBy(column.name, direction);
      seen.add(column.name);
    }
    if (stable) for (const c of this.entity.primaryKey) if (!seen.has(c.name)) out = out.orderBy(c.name, 'asc');
    return out;
  }

  private columnValues(row: Values, what: string): Values {
    const values: Values = {};
    for (const [property, value] of Object.entries(row)) {
      const column = columnOf(this.entity, property, what);
      if (value !== undefined) values[column.name] = encodeValue(column, value, this.dialect);
    }
    return values;
  }

  private insertValues(row: InsertRow<E>): Values {
    const values = this.columnValues(row as Values, 'in an insert');
    const now = new Date();
    for (const c of this.entity.table.columns)
      if (c.onUpdateNow && !(c.name in values) && c.default === undefined) values[c.name] = encodeValue(c, now, this.dialect);
    const missing = this.entity.table.columns.filter(
      (c) => !c.nullable && !c.autoIncrement && c.default === undefined && (values[c.name] ?? null) === null,
    );
    if (missing.length > 0) throw new MissingValueError(missing.map((c) => `${this.entity.className}.${c.property}`));
    return values;
  }

  private patchValues(patch: Changes<E>): Values {
    const set = this.columnValues(patch as Values, 'in an update');
    const keyChange = this.entity.primaryKey.filter((c) => c.name in set);
    if (keyChange.length > 0) {
      throw new DataError(
        'BAD_KEY',
        `${this.entity.className}: an update cannot change the primary key (${keyChange.map((c) => c.property).join(', ')})`,
      );
    }
    const nulls = this.entity.table.columns.filter((c) => !c.nullable && c.name in set && set[c.name] === null);
    if (nulls.length > 0) throw new MissingValueError(nulls.map((c) => `${this.entity.className}.${c.property}`));
    if (Object.keys(set).length > 0) {
      const now = new Date();
      for (const c of this.entity.table.columns) if (c.onUpdateNow && !(c.name in set)) set[c.name] = encodeValue(c, now, this.dialect);
    }
    return set;
  }

  private keyWhere(key: Key<E>): Where<E> {
    const pk: readonly ColumnDescriptor[] = this.entity.primaryKey;
    if (pk.length === 0)
      throw new DataError('BAD_KEY', `${this.entity.className} has no primary key; use find/updateMany/deleteMany with a filter`);
    if (typeof key !== 'object' || key === null) {
      if (pk.length > 1)
        throw new DataError('BAD_KEY', `${this.entity.className} has a composite key: give { ${pk.map((c) => c.property).join(', ')} }`);
      return { [pk[0].property]: key } as Where<E>;
    }
    const given = key as Values;
    const missing = pk.filter((c) => given[c.property] === undefined || given[c.property] === null);
    if (missing.length > 0)
      throw new DataError('BAD_KEY', `${this.entity.className}: the key needs ${missing.map((c) => c.property).join(', ')}`);
    return Object.fromEntries(pk.map((c) => [c.property, given[c.property]])) as Where<E>;
  }

  /** MySQL has no RETURNING: the key of the row just inserted is the given one, or the auto-increment id. */
  private keyAfterInsert(row: Values, insertId: bigint | undefined): Key<E> | undefined {
    const pk = this.entity.primaryKey;
    if (pk.length === 0) return undefined;
    const key: Values = {};
    for (const c of pk) {
      const value = row[c.property] ?? (c.autoIncrement && insertId !== undefined ? Number(insertId) : undefined);
      if (value === undefined) return undefined;
      key[c.property] = value;
    }
    return key as Key<E>;
  }
}
