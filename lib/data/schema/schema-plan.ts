/**
 * The diff behind `ddl sync`: desired tables (from entities) against live ones (introspection), both in the
 * server's own terms (dialect.parseType(renderType(…))), as a list of changes in a safe order. Pure: no
 * SQL here (ddl-statements.ts writes it), so the rules are testable on their own.
 *
 * Drops of tables, columns, indexes and foreign keys happen only with `allowDrop`; without it they are
 * reported as skipped. A changed index or foreign key is dropped and re-created (it holds no data).
 */
import { DataConfigError } from '../data-config-errors';
import type { SqlDialect } from '../dialect/sql-dialect';
import { sameType, withTypeDefaults } from '../entity/sql-type';
import type { ColumnDefault, ColumnModel, ForeignKeyModel, IndexModel, TableModel } from './table-model';

export type SchemaChange =
  | { readonly kind: 'create-table'; readonly table: TableModel }
  | { readonly kind: 'add-column'; readonly table: string; readonly column: ColumnModel }
  | { readonly kind: 'modify-column'; readonly table: string; readonly from: ColumnModel; readonly to: ColumnModel }
  | { readonly kind: 'drop-foreign-key'; readonly table: string; readonly foreignKey: ForeignKeyModel }
  | { readonly kind: 'drop-index'; readonly table: string; readonly index: IndexModel }
  | { readonly kind: 'create-index'; readonly table: string; readonly index: IndexModel }
  | { readonly kind: 'add-foreign-key'; readonly table: string; readonly foreignKey: ForeignKeyModel }
  | { readonly kind: 'drop-column'; readonly table: string; readonly column: string }
  | { readonly kind: 'drop-table'; readonly table: string };

export interface SchemaPlan {
  readonly changes: readonly SchemaChange[];
  /** What was not done and why (drops without allowDrop, primary-key changes). */
  readonly skipped: readonly string[];
}

export interface PlanOptions {
  /** Drop tables, columns, indexes and foreign keys the entities no longer have. Default false. */
  allowDrop?: boolean;
}

const ORDER: readonly SchemaChange['kind'][] = [
  'create-table',
  'add-column',
  'modify-column',
  'drop-foreign-key',
  'drop-index',
  'create-index',
  'add-foreign-key',
  'drop-column',
  'drop-table',
];

/** The desired column as the server would report it. */
function comparable(dialect: SqlDialect, column: ColumnModel): ColumnModel {
  return { ...column, type: dialect.parseType(dialect.renderType(withTypeDefaults(column.type))) };
}

function normalizeSql(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^\((.*)\)$/, '$1');
}

function isNumeric(value: string | number | boolean): boolean {
  return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
}

export function sameDefault(a: ColumnDefault | undefined, b: ColumnDefault | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.kind === 'now' || b.kind === 'now') return a.kind === b.kind;
  if (a.kind === 'sql' || b.kind === 'sql') return a.kind === 'sql' && b.kind === 'sql' && normalizeSql(a.sql) === normalizeSql(b.sql);
  if (isNumeric(a.value) && isNumeric(b.value)) return Number(a.value) === Number(b.value);
  return String(a.value) === String(b.value);
}

/** What differs between the desired column (already comparable) and the live one; empty when equal. */
export function columnDifferences(desired: ColumnModel, actual: ColumnModel): string[] {
  const out: string[] = [];
  if (!sameType(desired.type, actual.type)) out.push('type');
  if (desired.nullable !== actual.nullable) out.push('nullability');
  if (desired.autoIncrement !== actual.autoIncrement) out.push('auto-increment');
  if (!desired.autoIncrement && !sameDefault(desired.default, actual.default)) out.push('default');
  return out;
}

function sameIndex(a: IndexModel, b: IndexModel): boolean {
  return (
    a.unique === b.unique &&
    a.columns.length === b.columns.length &&
    a.columns.every((c, i) => c.name === b.columns[i].name && c.desc === b.columns[i].desc)
  );
}

function sameForeignKey(dialect: SqlDialect, a: ForeignKeyModel, b: ForeignKeyModel): boolean {
  const list = (x: readonly string[]): string => x.join(',');
  return (
    list(a.columns) === list(b.columns) &&
    a.referencedTable === b.referencedTable &&
    list(a.referencedColumns) === list(b.referencedColumns) &&
    dialect.normalizeRule(a.onDelete) === dialect.normalizeRule(b.onDelete) &&
    dialect.normalizeRule(a.onUpdate) === dialect.normalizeRule(b.onUpdate)
  );
}

function checkIndexNames(dialect: SqlDialect, desired: readonly TableModel[]): void {
  if (dialect.name !== 'postgres') return;
  const owner = new Map<string, string>();
  for (const table of desired) {
    for (const name of table.indexes.map((i) => i.name)) {
      const other = owner.get(name);
      if (other !== undefined && other !== table.name) {
        throw new DataConfigError(
          'DUPLICATE_INDEX',
          `tables ${other} and ${table.name} both have an index ${name}; PostgreSQL index names are per schema`,
        );
      }
      owner.set(name, table.name);
    }
  }
}

function planTable(
  dialect: SqlDialect,
  want: TableModel,
  have: TableModel,
  allowDrop: boolean,
  changes: SchemaChange[],
  skipped: string[],
): void {
  const t = want.name;
  const live = new Map(have.columns.map((c) => [c.name, c]));
  for (const column of want.columns) {
    const actual = live.get(column.name);
    const desired = comparable(dialect, column);
    if (actual === undefined) changes.push({ kind: 'add-column', table: t, column });
    else if (columnDifferences(desired, actual).length > 0) changes.push({ kind: 'modify-column', table: t, from: actual, to: column });
  }
  const wanted = new Set(want.columns.map((c) => c.name));
  for (const column of have.columns.filter((c) => !wanted.has(c.name))) {
    if (allowDrop) changes.push({ kind: 'drop-column', table: t, column: column.name });
    else skipped.push(`drop column ${t}.${column.name} (not in the entity; run with --allow-drop to drop it)`);
  }
  if (want.primaryKey.join(',') !== have.primaryKey.join(',')) {
    skipped.push(
      `primary key of ${t} is (${have.primaryKey.join(', ')}) but the entity says (${want.primaryKey.join(', ')}); change it by hand`,
    );
  }
  const liveIndexes = new Map(have.indexes.map((i) => [i.name, i]));
  for (const index of want.indexes) {
    const actual = liveIndexes.get(index.name);
    if (actual !== undefined && sameIndex(index, actual)) continue;
    if (actual !== undefined) changes.push({ kind: 'drop-index', table: t, index: actual });
    changes.push({ kind: 'create-index', table: t, index });
  }
  const wantedIndexes = new Set(want.indexes.map((i) => i.name));
  for (const index of have.indexes.filter((i) => !wantedIndexes.has(i.name))) {
    if (allowDrop) changes.push({ kind: 'drop-index', table: t, index });
    else skipped.push(`drop index ${index.name} on ${t} (not in the entity; run with --allow-drop to drop it)`);
  }
  const liveKeys = new Map(have.foreignKeys.map((f) => [f.name, f]));
  for (const foreignKey of want.foreignKeys) {
    const actual = liveKeys.get(foreignKey.name);
    if (actual !== undefined && sameForeignKey(dialect, foreignKey, actual)) continue;
    if (actual !== undefined) changes.push({ kind: 'drop-foreign-key', table: t, foreignKey: actual });
    changes.push({ kind: 'add-foreign-key', table: t, foreignKey });
  }
  const wantedKeys = new Set(want.foreignKeys.map((f) => f.name));
  for (const foreignKey of have.foreignKeys.filter((f) => !wantedKeys.has(f.name))) {
    if (allowDrop) changes.push({ kind: 'drop-foreign-key', table: t, foreignKey });
    else skipped.push(`drop foreign key ${foreignKey.name} on ${t} (not in the entity; run with --allow-drop to drop it)`);
  }
}

/** The changes that turn `actual` into `desired`, in execution order. */
export function planSchema(
  dialect: SqlDialect,
  desired: readonly TableModel[],
  actual: readonly TableModel[],
  options: PlanOptions = {},
): SchemaPlan {
  checkIndexNames(dialect, desired);
  const allowDrop = options.allowDrop === true;
  const changes: SchemaChange[] = [];
  const skipped: string[] = [];
  const live = new Map(actual.map((t) => [t.name, t]));
  for (const table of desired) {
    const have = live.get(table.name);
    if (have === undefined) {
      changes.push({ kind: 'create-table', table });
      for (const index of table.indexes) changes.push({ kind: 'create-index', table: table.name, index });
      for (const foreignKey of table.foreignKeys) changes.push({ kind: 'add-foreign-key', table: table.name, foreignKey });
    } else {
      planTable(dialect, table, have, allowDrop, changes, skipped);
    }
  }
  const wanted = new Set(desired.map((t) => t.name));
  for (const table of actual.filter((t) => !wanted.has(t.name))) {
    if (allowDrop) {
      for (const foreignKey of table.foreignKeys) changes.push({ kind: 'drop-foreign-key', table: table.name, foreignKey });
      changes.push({ kind: 'drop-table', table: table.name });
    } else skipped.push(`drop table ${table.name} (no entity; run with --allow-drop to drop it)`);
  }
  const rank = (c: SchemaChange): number => ORDER.indexOf(c.kind);
  return {
    changes: changes
      .map((c, i) => ({ c, i }))
      .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
      .map(({ c }) => c),
    skipped,
  };
}
