/**
 * Entity classes from tables — `ddl reverse`, also the first file `svc crud` writes. The options written
 * are exactly those that make `describeEntity()` give back the table, so reverse → sync emits nothing:
 * a default (varchar(255) for a string, int for a number, datetime(3) for a Date) is left out, anything
 * else is said.
 */
import { DataConfigError } from '../data-config-errors';
import { boundedName, camelCase, pascalCase, singular, snakeCase } from '../entity/identifiers';
import { defaultTypeFor, kindForType, withTypeDefaults, type JsKind, type SqlType } from '../entity/sql-type';
import type { ColumnModel, TableModel } from '../schema/table-model';
import { kebabCase, safeIdentifier, tsArray, tsObject, tsString, tsValue, type GeneratedFile } from './ts-literals';

export interface EntitySourceOptions {
  /** The module the decorators are imported from. Default 'ts-doudou'. */
  importFrom?: string;
}

/** How one table is named in generated code. */
export interface EntityNames {
  readonly table: string;
  readonly className: string;
  /** Module file name without extension (`order-items`). */
  readonly file: string;
  /** Column name → property name. */
  readonly properties: ReadonlyMap<string, string>;
}

const TS_TYPES: Readonly<Record<JsKind, string>> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  date: 'Date',
  bigint: 'bigint',
  json: 'unknown',
  buffer: 'Buffer',
};

/** `orders` → `OrderRow`; columns → camelCase properties. */
export function entityNames(table: TableModel): EntityNames {
  const className = `${pascalCase(safeIdentifier(singular(table.name)))}Row`;
  const properties = new Map(table.columns.map((c) => [c.name, safeIdentifier(camelCase(c.name))]));
  return { table: table.name, className, file: kebabCase(table.name), properties };
}

function columnOptions(table: TableModel, column: ColumnModel, property: string, unique: boolean): string {
  const kind = kindForType(column.type);
  const type: SqlType = column.type;
  const fallback = withTypeDefaults(defaultTypeFor(kind));
  // nullable: `string | null` reflects as Object, so the type is always said
  const sayType = column.nullable || kind === 'json' || type.name !== fallback.name;
  const entries: Array<readonly [string, string | undefined]> = [];
  if (snakeCase(property) !== column.name) entries.push(['name', tsString(column.name)]);
  if (table.primaryKey.includes(column.name)) entries.push(['pk', 'true']);
  if (column.autoIncrement) entries.push(['auto', 'true']);
  if (sayType) entries.push(['type', tsString(type.name)]);
  if (type.length !== undefined && (sayType || type.length !== fallback.length)) entries.push(['length', String(type.length)]);
  if (type.precision !== undefined && (sayType || type.precision !== fallback.precision))
    entries.push(['precision', String(type.precision)]);
  if (type.scale !== undefined) entries.push(['scale', String(type.scale)]);
  if (type.unsigned === true) entries.push(['unsigned', 'true']);
  if (column.nullable) entries.push(['nullable', 'true']);
  const value = column.default;
  if (value?.kind === 'value') entries.push(['default', tsValue(value.value)]);
  else if (value?.kind === 'now' && kind === 'date') entries.push(['defaultNow', 'true']);
  else if (value?.kind === 'now') entries.push(['defaultSql', tsString('current_timestamp')]);
  else if (value?.kind === 'sql') entries.push(['defaultSql', tsString(value.sql)]);
  if (unique) entries.push(['unique', 'true']);
  return tsObject(entries);
}

function ruleOption(name: string, rule: string): readonly [string, string | undefined] {
  return [name, rule === 'no action' ? undefined : tsString(rule)];
}

/** The source of one entity class. */
export function entitySource(table: TableModel, options: EntitySourceOptions = {}): string {
  const names = entityNames(table);
  const prop = (column: string): string => names.properties.get(column) ?? column;
  const uniqueColumns = new Set(
    table.indexes
      .filter(
        (i) => i.unique && i.columns.length === 1 && !i.columns[0].desc && i.name === boundedName(['uq', table.name, i.columns[0].name]),
      )
      .map((i) => i.columns[0].name),
  );
  const decorators: string[] = [`@Table(${tsString(table.name)})`];
  for (const index of table.indexes) {
    if (index.columns.length === 1 && uniqueColumns.has(index.columns[0].name) && index.unique) continue;
    const columns = tsArray(index.columns.map((c) => tsString(c.desc ? `${prop(c.name)} desc` : prop(c.name))));
    const defaultName = boundedName([index.unique ? 'uq' : 'idx', table.name, ...index.columns.map((c) => c.name)]);
    const opts = index.unique ? ', { unique: true }' : '';
    decorators.push(index.name === defaultName ? `@Index(${columns}${opts})` : `@Index(${tsString(index.name)}, ${columns}${opts})`);
  }
  for (const fk of table.foreignKeys) {
    const fkOptions = tsObject([
      ['name', fk.name === boundedName(['fk', table.name, ...fk.columns]) ? undefined : tsString(fk.name)],
      ['referencedColumns', tsArray(fk.referencedColumns.map(tsString))],
      ruleOption('onDelete', fk.onDelete),
      ruleOption('onUpdate', fk.onUpdate),
    ]);
    decorators.push(`@ForeignKey(${tsArray(fk.columns.map((c) => tsString(prop(c))))}, ${tsString(fk.referencedTable)}, ${fkOptions})`);
  }
  const used = [
    'Column',
    'Table',
    ...(decorators.some((d) => d.startsWith('@Index')) ? ['Index'] : []),
    ...(table.foreignKeys.length > 0 ? ['ForeignKey'] : []),
  ];
  const fields = table.columns.map((column) => {
    const property = prop(column.name);
    const tsType = TS_TYPES[kindForType(column.type)] + (column.nullable ? ' | null' : '');
    return `  @Column(${columnOptions(table, column, property, uniqueColumns.has(column.name))})\n  ${property}!: ${tsType};\n`;
  });
  return [
    `import { ${used.sort().join(', ')} } from ${tsString(options.importFrom ?? 'ts-doudou')};`,
    '',
    `/** Table \`${table.name}\` (generated by \`doudou ddl reverse\`). */`,
    ...decorators,
    `export class ${names.className} {`,
    fields.join('\n').replace(/\n$/, ''),
    '}',
    '',
  ].join('\n');
}

/** One file per table plus an index re-exporting every class. */
export function entityFiles(tables: readonly TableModel[], options: EntitySourceOptions = {}): GeneratedFile[] {
  const byClass = new Map<string, string>();
  for (const t of tables) {
    const other = byClass.get(entityNames(t).className);
    if (other !== undefined) {
      throw new DataConfigError(
        'NAME_COLLISION',
        `tables ${other} and ${t.name} would both become class ${entityNames(t).className}; reverse them separately`,
      );
    }
    byClass.set(entityNames(t).className, t.name);
  }
  const files = tables.map((t) => ({ path: `${entityNames(t).file}.ts`, contents: entitySource(t, options) }));
  const index = tables.map((t) => `export { ${entityNames(t).className} } from './${entityNames(t).file}';`).join('\n');
  return [...files, { path: 'index.ts', contents: `${index}\n` }];
}
