/**
 * The live schema of the connection's database (GDD_DB_SCHEMA) from MySQL's / MariaDB's information_schema.
 * The two servers differ in how they report defaults (MariaDB quotes string literals and writes NULL) and
 * in JSON (MariaDB stores it as longtext with a json_valid check); both are read back to the same model.
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
  is_nullable: string;
  column_default: string | null;
  extra: string;
}

interface IndexRow {
  table_name: string;
  index_name: string;
  non_unique: number | string;
  column_name: string | null;
  collation: string | null;
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

interface CheckRow {
  table_name: string;
  check_clause: string;
}

const NOW = /^(current_timestamp|now|localtimestamp|localtime)(\(\d*\))?$/i;

function unquote(text: string): string {
  return text.slice(1, -1).replace(/''/g, "'").replace(/\\(.)/g, '$1');
}

/** A column default as the server reports it → the model (the column's type says how to read a literal). */
export function parseMysqlDefault(raw: string | null, type: SqlType, extra: string, mariadb: boolean): ColumnDefault | undefined {
  if (raw === null) return undefined;
  const text = raw.trim();
  if (NOW.test(text)) return { kind: 'now' };
  const literal = mariadb ? /^'.*'$/s.test(text) || /^-?\d+(\.\d+)?$/.test(text) : !/DEFAULT_GENERATED/i.test(extra);
  if (mariadb && text === 'NULL') return undefined;
  if (!literal) return { kind: 'sql', sql: mariadb ? text : text.replace(/^\((.*)\)$/s, '$1') };
  const value = mariadb && text.startsWith("'") ? unquote(text) : text;
  switch (kindForType(type)) {
    case 'boolean':
      return { kind: 'value', value: value !== '0' && value.toLowerCase() !== 'false' };
    case 'number':
    case 'bigint':
      return Number.isFinite(Number(value)) ? { kind: 'value', value: Number(value) } : { kind: 'sql', sql: text };
    default:
      return { kind: 'value', value };
  }
}

export async function introspectMysql(db: Database): Promise<TableModel[]> {
  const { mariadb } = await db.serverInfo();
  const k = db.kysely;
  const tables = await sql<{ table_name: string }>`
    select table_name as table_name from information_schema.tables
    where table_schema = database() and table_type = 'BASE TABLE' order by table_name`.execute(k);
  const columns = await sql<ColumnRow>`
    select table_name as table_name, column_name as column_name, column_type as column_type, is_nullable as is_nullable,
           column_default as column_default, extra as extra
    from information_schema.columns where table_schema = database() order by table_name, ordinal_position`.execute(k);
  const indexes = await sql<IndexRow>`
    select table_name as table_name, index_name as index_name, non_unique as non_unique, column_name as column_name, collation as collation
    from information_schema.statistics where table_schema = database() order by table_name, index_name, seq_in_index`.execute(k);
  const fks = await sql<ForeignKeyRow>`
    select k.table_name as table_name, k.constraint_name as constraint_name, k.column_name as column_name,
           k.referenced_table_name as referenced_table_name, k.referenced_column_name as referenced_column_name,
           r.update_rule as update_rule, r.delete_rule as delete_rule
    from information_schema.key_column_usage k
    join information_schema.referential_constraints r
      on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name and r.table_name = k.table_name
    where k.table_schema = database() and k.referenced_table_name is not null
    order by k.table_name, k.constraint_name, k.ordinal_position`.execute(k);
  const checks = mariadb
    ? await sql<CheckRow>`
        select table_name as table_name, check_clause as check_clause
        from information_schema.check_constraints where constraint_schema = database()`.execute(k)
    : { rows: [] as CheckRow[] };

  const columnsOf = groupByTable(columns.rows);
  const indexesOf = groupByTable(indexes.rows);
  const fksOf = groupByTable(fks.rows);
  const jsonColumns = new Set(
    checks.rows.flatMap((c) => {
      const m = /^json_valid\(`([^`]+)`\)$/i.exec(c.check_clause.trim());
      return m ? [`${c.table_name}.${m[1]}`] : [];
    }),
  );

  return tables.rows.map(({ table_name: name }) => {
    const cols: ColumnModel[] = (columnsOf.get(name) ?? []).map((c) => {
      const parsed = db.dialect.parseType(c.column_type);
      const type: SqlType = jsonColumns.has(`${name}.${c.column_name}`) && parsed.name === 'longtext' ? { name: 'json' } : parsed;
      const columnDefault = parseMysqlDefault(c.column_default, type, c.extra, mariadb);
      return {
        name: c.column_name,
        type,
        nullable: c.is_nullable === 'YES',
        autoIncrement: /auto_increment/i.test(c.extra),
        ...(columnDefault !== undefined ? { default: columnDefault } : {}),
      };
    });
    const foreignKeys = foreignKeysFromRows(fksOf.get(name) ?? [], (raw) => db.dialect.normalizeRule(raw.toLowerCase() as ForeignKeyRule));
    let primaryKey: string[] = [];
    const grouped = groupBy(indexesOf.get(name) ?? [], (r) => r.index_name);
    const secondary: IndexModel[] = [];
    for (const [indexName, rows] of grouped) {
      if (rows.some((r) => r.column_name === null)) continue; // functional index: outside what entities describe
      const cols = rows.map((r) => ({ name: r.column_name as string, desc: r.collation === 'D' }));
      if (indexName === 'PRIMARY') {
        primaryKey = cols.map((c) => c.name);
        continue;
      }
      const unique = Number(rows[0].non_unique) === 0;
      // InnoDB creates an index named after a foreign key that has none; it comes and goes with the key
      const fk = foreignKeys.find((f) => f.name === indexName);
      if (!unique && fk !== undefined && fk.columns.every((c, i) => cols[i]?.name === c)) continue;
      secondary.push({ name: indexName, unique, columns: cols });
    }
    return { name, columns: cols, primaryKey, indexes: secondary, foreignKeys };
  });
}
