/**
 * The live schema of the connection's current schema (GDD_DB_SCHEMA via search_path) from pg_catalog:
 * types through format_type() (what renderType's output reads back as), defaults through pg_get_expr().
 */
import { sql } from 'kysely';
import type { Database } from '../database/database';
import type { ForeignKeyRule } from '../entity/entity-options';
import { kindForType, type SqlType } from '../entity/sql-type';
import { foreignKeysFromRows, groupBy, groupByTable } from './introspection-rows';
import type { ColumnDefault, ColumnModel, IndexModel, TableModel } from './table-model';

interface ColumnRow {
  table_name: string;
  column_name: string;
  column_type: string;
  not_null: boolean;
  column_default: string | null;
  identity: string;
}

interface IndexRow {
  table_name: string;
  index_name: string;
  is_unique: boolean;
  is_primary: boolean;
  column_name: string | null;
  is_desc: boolean;
  constraint_name: string | null;
  partial: boolean;
}

interface ForeignKeyRow {
  table_name: string;
  constraint_name: string;
  column_name: string;
  referenced_table_name: string;
  referenced_column_name: string;
  update_rule: string;
  delete_rule: string;
}

/** pg_constraint.confupdtype / confdeltype. */
const RULES: Readonly<Record<string, ForeignKeyRule>> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

const NOW = /^(current_timestamp|now\(\)|localtimestamp|transaction_timestamp\(\)|statement_timestamp\(\))(\(\d*\))?$/i;

/** `'abc'::character varying` → abc; `'-1'::integer` → -1; `true`; `CURRENT_TIMESTAMP` → now; anything else → sql. */
export function parsePostgresDefault(raw: string | null, type: SqlType): ColumnDefault | 'identity' | undefined {
  if (raw === null) return undefined;
  const text = raw.trim();
  if (/^nextval\(/i.test(text)) return 'identity'; // a serial column
  if (NOW.test(text)) return { kind: 'now' };
  const quoted = /^'((?:[^']|'')*)'(?:::[\w\s]+(?:\(\d+(?:,\d+)?\))?)?$/s.exec(text);
  const literal = quoted ? quoted[1].replace(/''/g, "'") : /^-?\d+(\.\d+)?$|^(true|false)$/i.test(text) ? text : undefined;
  if (literal === undefined) return { kind: 'sql', sql: text };
  switch (kindForType(type)) {
    case 'boolean':
      return { kind: 'value', value: /^(true|t|1|yes|on)$/i.test(literal) };
    case 'number':
    case 'bigint':
      return Number.isFinite(Number(literal)) ? { kind: 'value', value: Number(literal) } : { kind: 'sql', sql: text };
    default:
      return { kind: 'value', value: literal };
  }
}

export async function introspectPostgres(db: Database): Promise<TableModel[]> {
  const k = db.kysely;
  const tables = await sql<{ table_name: string }>`
    select c.relname as table_name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') order by c.relname`.execute(k);
  const columns = await sql<ColumnRow>`
    select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as column_type,
           a.attnotnull as not_null, pg_get_expr(d.adbin, d.adrelid) as column_default, a.attidentity::text as identity
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(k);
  const indexes = await sql<IndexRow>`
    select t.relname as table_name, i.relname as index_name, ix.indisunique as is_unique, ix.indisprimary as is_primary,
           a.attname as column_name, (ix.indoption[k.ord - 1] & 1) = 1 as is_desc,
           con.conname as constraint_name, ix.indpred is not null as partial
    from pg_index ix
    join pg_class t on t.oid = ix.indrelid
    join pg_class i on i.oid = ix.indexrelid
    join pg_namespace n on n.oid = t.relnamespace
    cross join lateral unnest(ix.indkey::int2[]) with ordinality as k(attnum, ord)
    left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
    left join pg_constraint con on con.conindid = ix.indexrelid and con.contype in ('u', 'p')
    where n.nspname = current_schema()
    order by t.relname, i.relname, k.ord`.execute(k);
  const fks = await sql<ForeignKeyRow>`
    select t.relname as table_name, con.conname as constraint_name, a.attname as column_name,
           rt.relname as referenced_table_name, ra.attname as referenced_column_name,
           con.confupdtype::text as update_rule, con.confdeltype::text as delete_rule
    from pg_constraint con
    join pg_class t on t.oid = con.conrelid
    join pg_class rt on rt.oid = con.confrelid
    join pg_namespace n on n.oid = t.relnamespace
    cross join lateral unnest(con.conkey, con.confkey) with ordinality as k(attnum, refattnum, ord)
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
    join pg_attribute ra on ra.attrelid = con.confrelid and ra.attnum = k.refattnum
    where con.contype = 'f' and n.nspname = current_schema()
    order by t.relname, con.conname, k.ord`.execute(k);

  const columnsOf = groupByTable(columns.rows);
  const indexesOf = groupByTable(indexes.rows);
  const fksOf = groupByTable(fks.rows);

  return tables.rows.map(({ table_name: name }) => {
    const cols: ColumnModel[] = (columnsOf.get(name) ?? []).map((c) => {
      const type = db.dialect.parseType(c.column_type);
      const parsed = parsePostgresDefault(c.column_default, type);
      const columnDefault = parsed === 'identity' ? undefined : parsed;
      return {
        name: c.column_name,
        type,
        nullable: !c.not_null,
        autoIncrement: c.identity !== '' || parsed === 'identity',
        ...(columnDefault !== undefined ? { default: columnDefault } : {}),
      };
    });
    let primaryKey: string[] = [];
    const grouped = groupBy(indexesOf.get(name) ?? [], (r) => r.index_name);
    const secondary: IndexModel[] = [];
    for (const [indexName, rows] of grouped) {
      if (rows.some((r) => r.column_name === null || r.partial)) continue; // expression or partial index
      const indexColumns = rows.map((r) => ({ name: r.column_name as string, desc: r.is_desc }));
      if (rows[0].is_primary) {
        primaryKey = indexColumns.map((c) => c.name);
        continue;
      }
      secondary.push({
        name: indexName,
        unique: rows[0].is_unique,
        columns: indexColumns,
        ...(rows[0].constraint_name ? { constraint: true } : {}),
      });
    }
    const foreignKeys = foreignKeysFromRows(fksOf.get(name) ?? [], (raw) => RULES[raw] ?? 'no action');
    return { name, columns: cols, primaryKey, indexes: secondary, foreignKeys };
  });
}
