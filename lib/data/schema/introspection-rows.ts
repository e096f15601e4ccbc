/** Row shaping shared by the MySQL and PostgreSQL introspection: catalogs return one row per key column. */
import type { ForeignKeyRule } from '../entity/entity-options';
import type { ForeignKeyModel } from './table-model';

export function groupByTable<R extends { table_name: string }>(rows: readonly R[]): Map<string, R[]> {
  return groupBy(rows, (row) => row.table_name);
}

export function groupBy<R>(rows: readonly R[], key: (row: R) => string): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list === undefined) out.set(k, [row]);
    else list.push(row);
  }
  return out;
}

export interface ForeignKeyColumnRow {
  constraint_name: string;
  column_name: string;
  referenced_table_name: string;
  referenced_column_name: string;
  update_rule: string;
  delete_rule: string;
}

/** One row per column, ordered by constraint then position → one model per constraint. */
export function foreignKeysFromRows(rows: readonly ForeignKeyColumnRow[], ruleOf: (raw: string) => ForeignKeyRule): ForeignKeyModel[] {
  return [...groupBy(rows, (r) => r.constraint_name).values()].map((columns) => ({
    name: columns[0].constraint_name,
    columns: columns.map((c) => c.column_name),
    referencedTable: columns[0].referenced_table_name,
    referencedColumns: columns.map((c) => c.referenced_column_name),
    onDelete: ruleOf(columns[0].delete_rule),
    onUpdate: ruleOf(columns[0].update_rule),
  }));
}
