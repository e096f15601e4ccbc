/**
 * What `@Table`, `@Column`, `@Index` and `@ForeignKey` accept. Reflection gives each property's TS type;
 * these options say what it cannot see (the SQL type, lengths, keys, defaults) — once, in the decorator.
 */
import type { Class } from '../../decorators/class-type';

/** What happens to referencing rows when the referenced row is deleted or its key updated. */
export type ForeignKeyRule = 'cascade' | 'set null' | 'restrict' | 'no action' | 'set default';

/**
 * A column's type: an SQL type name (`'bigint'`, `'text'`, `'decimal'`, `'json'`, `'varchar(100)'`, …), or the
 * JS type when reflection cannot see it — `string | null` reflects as Object, so a nullable string says
 * `{ type: String }` (or an SQL type such as `{ type: 'text' }`).
 */
export type ColumnTypeSpec =
  | StringConstructor
  | NumberConstructor
  | BooleanConstructor
  | DateConstructor
  | BigIntConstructor
  | BufferConstructor
  | ObjectConstructor
  | string;

export interface ColumnOptions {
  /** Column name. Default: the property name in snake_case (`userId` → `user_id`). */
  name?: string;
  /** SQL or JS type; default from the reflected TS type (string → varchar(255), number → int, Date → datetime(3)). */
  type?: ColumnTypeSpec;
  /** Part of the primary key (several columns make a composite key). */
  pk?: boolean;
  /** Auto-increment (MySQL AUTO_INCREMENT, PostgreSQL identity); integer columns, on MySQL only key columns. */
  auto?: boolean;
  /** May be NULL (rows read back carry `null`). Default false: NOT NULL. */
  nullable?: boolean;
  /** varchar/char length. Default 255 for strings. */
  length?: number;
  /** decimal precision, or fractional-second digits of datetime/timestamp/time (default 3: JS Dates carry ms). */
  precision?: number;
  /** decimal scale. */
  scale?: number;
  /** MySQL/MariaDB UNSIGNED (PostgreSQL has no unsigned integers; ignored there). */
  unsigned?: boolean;
  /** A literal default value. */
  default?: string | number | boolean;
  /** Default to the current time (date columns). */
  defaultNow?: boolean;
  /** A default given as an SQL expression, used verbatim in DDL (e.g. `'uuid()'`). */
  defaultSql?: string;
  /** The DAO sets this column to the current time on every update (portable: no trigger, no ON UPDATE). */
  onUpdateNow?: boolean;
  /** A one-column unique index named `uq_<table>_<column>`. */
  unique?: boolean;
}

export interface TableOptions {
  /** Table name. Default: the class name in snake_case. */
  name?: string;
}

export interface IndexOptions {
  unique?: boolean;
}

export interface ForeignKeyOptions {
  /** Constraint name. Default `fk_<table>_<columns>`. */
  name?: string;
  /**
   * Referenced columns: property names of the referenced entity class (default: its primary key), or column
   * names when the reference is a table name.
   */
  referencedColumns?: readonly string[];
  onDelete?: ForeignKeyRule;
  onUpdate?: ForeignKeyRule;
}

/** The referenced table: an entity class (given lazily, so classes may reference each other) or a table name. */
export type ForeignKeyTarget = (() => Class) | string;
