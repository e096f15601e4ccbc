/**
 * The DAO's types, all derived from the entity class: a field of the wrong type, a misspelt field or filter
 * and an unknown sort key are compile errors (spec/data/dao/dao-types.spec.ts proves it with tsc).
 */

type Method = (...args: never[]) => unknown;

/** The entity's data properties (methods left out). */
export type FieldName<E> = {
  [K in keyof E]-?: K extends string ? (E[K] extends Method ? never : K) : never;
}[keyof E];

/** A row as the DAO returns it: the entity's fields, as plain data. */
export type Row<E> = Pick<E, FieldName<E>>;

/**
 * What insert takes: any of the fields, with their types. Columns with a default, auto-increment and
 * nullable ones may be left out; leaving out another is a MissingValueError (400) before anything is sent.
 */
export type InsertRow<E> = { [K in FieldName<E>]?: E[K] };

/** What update takes: only the fields given (present and not undefined) are written — go-doudou's UpdateNoneZero. */
export type Changes<E> = { [K in FieldName<E>]?: E[K] };

/** Comparisons on one field; several in one object must all hold. */
export interface Condition<T> {
  eq?: T;
  ne?: T;
  gt?: T;
  gte?: T;
  lt?: T;
  lte?: T;
  in?: readonly T[];
  notIn?: readonly T[];
  /** true: IS NULL; false: IS NOT NULL. */
  isNull?: boolean;
  /** A LIKE pattern as given (`%` and `_` are wildcards; case as the column's collation compares). */
  like?: string;
  /** Contains / starts with / ends with this text, ignoring case, taken literally (`%` and `_` match themselves). */
  contains?: string;
  startsWith?: string;
  endsWith?: string;
}

type FieldFilter<T> = NonNullable<T> | (null extends T ? null : never) | Condition<NonNullable<T>>;

/** A filter: `{ userId: 7, quantity: { gte: 2 }, note: null, $or: [{ item: 'tea' }, { item: 'milk' }] }`. */
export type Where<E> = { [K in FieldName<E>]?: FieldFilter<E[K]> } & { $or?: ReadonlyArray<Where<E>> };

/** Sort: `{ createdAt: 'desc', id: 'asc' }`, in key order. */
export type OrderBy<E> = { [K in FieldName<E>]?: 'asc' | 'desc' };

/** Lock the rows read until the transaction ends (`SELECT … FOR UPDATE` / `FOR SHARE`). */
export type RowLock = 'update' | 'share';

export interface FindOptions<E> {
  where?: Where<E>;
  orderBy?: OrderBy<E>;
  limit?: number;
  /** Needs `limit`. */
  offset?: number;
  lock?: RowLock;
}

export interface PageRequest<E> {
  where?: Where<E>;
  /** Default: primary key ascending; the key is always added last so pages never overlap. */
  orderBy?: OrderBy<E>;
  /** 1-based. */
  page: number;
  size: number;
}

export interface Page<T> {
  items: T[];
  /** Rows matching the filter, across all pages. */
  total: number;
  page: number;
  size: number;
  hasNext: boolean;
}

/** A primary-key value, or for a composite key an object with every key field. */
export type Key<E> = string | number | bigint | { [K in FieldName<E>]?: E[K] };

export interface UpsertOptions<E> {
  /** The unique columns that decide "exists" (PostgreSQL ON CONFLICT; MySQL uses any unique key). Default: the primary key. */
  conflict?: ReadonlyArray<FieldName<E>>;
  /** Fields to overwrite when the row exists. Default: every field given except the conflict ones. */
  update?: ReadonlyArray<FieldName<E>>;
}
