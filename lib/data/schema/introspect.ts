import type { Database } from '../database/database';
import { introspectMysql } from './introspect-mysql';
import { introspectPostgres } from './introspect-postgres';
import type { TableModel } from './table-model';

/** `*` and `?` globs, comma-separated: `order*,user?` (case-sensitive, as table names are on Linux MySQL). */
export function tableMatcher(globs: string | undefined): (table: string) => boolean {
  if (globs === undefined || globs.trim() === '') return () => true;
  const patterns = globs
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '')
    .map(
      (g) =>
        new RegExp(
          `^${g
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
        ),
    );
  return (table) => patterns.some((p) => p.test(table));
}

/** The tables of the connection's schema (GDD_DB_SCHEMA), optionally only those matching `tables` globs. */
export async function introspectSchema(db: Database, options: { tables?: string } = {}): Promise<TableModel[]> {
  const all = db.driver === 'mysql' ? await introspectMysql(db) : await introspectPostgres(db);
  const wanted = tableMatcher(options.tables);
  return all.filter((t) => wanted(t.name));
}
