/**
 * A table as `ddl` sees it, the same shape whether it comes from entity classes or from the live schema
 * (introspection): sync diffs two of these, reverse writes entity classes from one.
 */
import type { ForeignKeyRule } from '../entity/entity-options';
import type { SqlType } from '../entity/sql-type';

export type ColumnDefault =
  | { readonly kind: 'value'; readonly value: string | number | boolean }
  | { readonly kind: 'now' }
  | { readonly kind: 'sql'; readonly sql: string };

export interface ColumnModel {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
  readonly autoIncrement: boolean;
  readonly default?: ColumnDefault;
}

export interface IndexColumn {
  readonly name: string;
  readonly desc: boolean;
}

export interface IndexModel {
  readonly name: string;
  readonly unique: boolean;
  readonly columns: readonly IndexColumn[];
  /** Introspected only: the index belongs to a UNIQUE constraint (PostgreSQL), so it is dropped as a constraint. */
  readonly constraint?: boolean;
}

export interface ForeignKeyModel {
  readonly name: string;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ForeignKeyRule;
  readonly onUpdate: ForeignKeyRule;
}

export interface TableModel {
  readonly name: string;
  /** In table order. */
  readonly columns: readonly ColumnModel[];
  /** Column names, in key order; empty when the table has none. */
  readonly primaryKey: readonly string[];
  /** Secondary indexes (unique or not); never the primary key's. */
  readonly indexes: readonly IndexModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
}
