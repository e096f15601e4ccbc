import { DataConfigError, type DataConfigErrorCode } from '../data-config-errors';
import { deepFreeze } from '../../decorators/deep-freeze';
import type { Class } from '../../decorators/class-type';
import type { ColumnDefault, ForeignKeyModel, IndexModel } from '../schema/table-model';
import type { ColumnDescriptor, EntityDescriptor } from './entity-descriptor';
import {
  readOwnColumns,
  readOwnForeignKeys,
  readOwnIndexes,
  readOwnTable,
  reflectColumnType,
  type ForeignKeyRecord,
} from './entity-metadata';
import type { ColumnOptions, ColumnTypeSpec, ForeignKeyRule } from './entity-options';
import { boundedName, isValidIdentifier, snakeCase } from './identifiers';
import {
  INTEGER_TYPES,
  defaultTypeFor,
  formatSqlType,
  isCompatible,
  isNeutral,
  kindForType,
  parseNeutralType,
  sameType,
  withTypeDefaults,
  type JsKind,
  type SqlType,
} from './sql-type';

/**
 * `describeEntity(cls)`: a decorated class → one frozen EntityDescriptor. Base classes (shared `id`,
 * timestamps) are walked from the root down, so their columns come first. Every mistake is a ConfigError
 * naming the class and property, raised here, at start-up.
 */

const memo = new WeakMap<Class, EntityDescriptor>();

const RULES: readonly ForeignKeyRule[] = ['cascade', 'set null', 'restrict', 'no action', 'set default'];

function fail(code: DataConfigErrorCode, message: string): never {
  throw new DataConfigError(code, message);
}

/** `cls` and its ancestors, root first. */
function rootFirstChain(cls: Class): Class[] {
  const chain: Class[] = [];
  for (let c: unknown = cls; typeof c === 'function' && c !== Function.prototype && c !== Object; c = Object.getPrototypeOf(c)) {
    chain.unshift(c as Class);
  }
  return chain;
}

const REFLECTED_KINDS = new Map<unknown, JsKind>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
  [Date, 'date'],
  [BigInt, 'bigint'],
  [Buffer, 'buffer'],
]);

function kindAndType(where: string, reflected: unknown, spec: ColumnTypeSpec | undefined): { js: JsKind; type: SqlType } {
  if (typeof spec === 'string') {
    const type = parseNeutralType(spec) ?? { name: spec.trim() };
    if (type.name === '') fail('COLUMN_TYPE_INVALID', `${where}: { type: '' } names no SQL type`);
    const reflectedKind = REFLECTED_KINDS.get(reflected);
    const js = reflectedKind ?? kindForType(type);
    if (!isCompatible(js, type)) {
      fail('COLUMN_TYPE_MISMATCH', `${where}: a ${js} property cannot be stored in a ${formatSqlType(type)} column`);
    }
    return { js, type };
  }
  if (spec === Object) return { js: 'json', type: defaultTypeFor('json') };
  const fromSpec = spec === undefined ? undefined : REFLECTED_KINDS.get(spec);
  if (spec !== undefined && fromSpec === undefined)
    fail('COLUMN_TYPE_INVALID', `${where}: { type } must be an SQL type name or String, Number, …`);
  const js = fromSpec ?? REFLECTED_KINDS.get(reflected);
  if (js !== undefined) return { js, type: defaultTypeFor(js) };
  const seen =
    reflected === undefined
      ? 'no type metadata (is emitDecoratorMetadata on?)'
      : reflected === Array
        ? 'an array'
        : 'Object (a union such as string | null, an interface, or any)';
  return fail(
    'COLUMN_TYPE_UNKNOWN',
    `${where}: reflection saw ${seen}; say the type: { type: String } (Number, Date, …) or an SQL type such as { type: 'text' } or { type: 'json' }`,
  );
}

function checkSize(where: string, name: string, value: number | undefined, min: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    fail('COLUMN_SIZE_INVALID', `${where}: ${name} must be an integer ≥ ${min}, not ${value}`);
  }
}

const TIME_TYPES = ['datetime', 'timestamp', 'time'];

function sizedType(where: string, type: SqlType, o: ColumnOptions): SqlType {
  checkSize(where, 'length', o.length, 1);
  checkSize(where, 'precision', o.precision, type.name === 'decimal' ? 1 : 0);
  checkSize(where, 'scale', o.scale, 0);
  let out: SqlType = { ...type };
  if (o.length !== undefined) {
    if (type.name !== 'varchar' && type.name !== 'char')
      fail('COLUMN_SIZE_INVALID', `${where}: length applies to varchar/char, not ${type.name}`);
    out = { ...out, length: o.length };
  }
  if (o.precision !== undefined) {
    if (type.name !== 'decimal' && !TIME_TYPES.includes(type.name)) {
      fail('COLUMN_SIZE_INVALID', `${where}: precision applies to decimal and time types, not ${type.name}`);
    }
    if (TIME_TYPES.includes(type.name) && o.precision > 6) fail('COLUMN_SIZE_INVALID', `${where}: fractional seconds go up to 6 digits`);
    out = { ...out, precision: o.precision };
  }
  if (o.scale !== undefined) {
    if (type.name !== 'decimal') fail('COLUMN_SIZE_INVALID', `${where}: scale applies to decimal only`);
    out = { ...out, scale: o.scale };
  }
  if (o.unsigned === true) {
    if (isNeutral(type.name) && !INTEGER_TYPES.includes(type.name) && type.name !== 'decimal') {
      fail('COLUMN_SIZE_INVALID', `${where}: unsigned applies to integer and decimal columns`);
    }
    out = { ...out, unsigned: true };
  }
  return withTypeDefaults(out);
}

function defaultOf(where: string, js: JsKind, type: SqlType, o: ColumnOptions): ColumnDefault | undefined {
  const given = [o.default !== undefined, o.defaultNow === true, o.defaultSql !== undefined].filter(Boolean).length;
  if (given > 1) fail('COLUMN_DEFAULT_CONFLICT', `${where}: give one of default, defaultNow and defaultSql`);
  if (o.defaultNow === true) {
    if (js !== 'date') fail('COLUMN_DEFAULT_CONFLICT', `${where}: defaultNow needs a Date column`);
    return { kind: 'now' };
  }
  if (o.defaultSql !== undefined) return { kind: 'sql', sql: o.defaultSql };
  if (o.default === undefined) return undefined;
  const value = o.default;
  const fits =
    (typeof value === 'number' && (js === 'number' || js === 'bigint')) ||
    (typeof value === 'boolean' && js === 'boolean') ||
    (typeof value === 'string' && js === 'string') ||
    (typeof value === 'number' && type.name === 'decimal');
  if (!fits) fail('COLUMN_DEFAULT_CONFLICT', `${where}: default ${JSON.stringify(value)} does not fit a ${js} column`);
  return { kind: 'value', value };
}

function describeColumn(owner: Class, entity: string, property: string, o: ColumnOptions): ColumnDescriptor {
  const where = `${entity}.${property}`;
  const name = o.name ?? snakeCase(property);
  if (!isValidIdentifier(name))
    fail('INVALID_IDENTIFIER', `${where}: column name '${name}' is not a valid identifier (letters, digits, _; ≤ 63)`);
  const { js, type: base } = kindAndType(where, reflectColumnType(owner, property), o.type);
  const type = sizedType(where, base, o);
  const primary = o.pk === true;
  if (primary && o.nullable === true) fail('NULLABLE_PRIMARY_KEY', `${where}: a primary-key column cannot be nullable`);
  if (o.auto === true && !INTEGER_TYPES.includes(type.name)) {
    fail('AUTO_NOT_INTEGER', `${where}: auto applies to integer columns (it is ${formatSqlType(type)})`);
  }

  if (o.onUpdateNow === true && js !== 'date') fail('COLUMN_DEFAULT_CONFLICT', `${where}: onUpdateNow needs a Date column`);
  const columnDefault = defaultOf(where, js, type, o);
  if (columnDefault !== undefined && o.auto === true) fail('COLUMN_DEFAULT_CONFLICT', `${where}: an auto column has no default`);
  return {
    name,
    type,
    nullable: o.nullable === true,
    autoIncrement: o.auto === true,
    ...(columnDefault !== undefined ? { default: columnDefault } : {}),
    property,
    js,
    primary,
    onUpdateNow: o.onUpdateNow === true,
    declaredBy: owner.name,
  };
}

function tableNameOf(cls: Class, chain: readonly Class[]): string {
  const options = readOwnTable(cls);
  if (options === undefined) {
    const base = chain.find((c) => readOwnTable(c) !== undefined);
    fail(
      'NOT_AN_ENTITY',
      base === undefined
        ? `${cls.name} is not an entity: decorate it with @Table('name')`
        : `${cls.name} extends the entity ${base.name} but has no @Table of its own; each table is one class`,
    );
  }
  const name = options.name ?? snakeCase(cls.name);
  if (!isValidIdentifier(name)) fail('INVALID_IDENTIFIER', `${cls.name}: table name '${name}' is not a valid identifier`);
  return name;
}

function columnOf(entity: string, byProperty: ReadonlyMap<string, ColumnDescriptor>, property: string, what: string): ColumnDescriptor {
  const column = byProperty.get(property);
  if (column === undefined) {
    fail(
      'UNKNOWN_COLUMN',
      `${entity}: ${what} names '${property}', which is not a @Column property (${[...byProperty.keys()].join(', ')})`,
    );
  }
  return column;
}

function describeIndexes(
  cls: Class,
  chain: readonly Class[],
  table: string,
  byProperty: ReadonlyMap<string, ColumnDescriptor>,
  uniqueColumns: readonly ColumnDescriptor[],
): IndexModel[] {
  const entity = cls.name;
  const indexes: IndexModel[] = uniqueColumns.map((column) => ({
    name: boundedName(['uq', table, column.name]),
    unique: true,
    columns: [{ name: column.name, desc: false }],
  }));
  for (const owner of chain) {
    for (const record of readOwnIndexes(owner)) {
      if (record.columns.length === 0) fail('EMPTY_INDEX', `${entity}: @Index(${record.name ?? ''}) lists no columns`);
      const columns = record.columns.map((text) => {
        const m = /^\s*([A-Za-z_$][\w$]*)(?:\s+(asc|desc))?\s*$/i.exec(text);
        if (!m) fail('UNKNOWN_COLUMN', `${entity}: index column '${text}' is not 'property', 'property asc' or 'property desc'`);
        return { name: columnOf(entity, byProperty, m[1], `an index`).name, desc: m[2]?.toLowerCase() === 'desc' };
      });
      const name = record.name ?? boundedName([record.options.unique === true ? 'uq' : 'idx', table, ...columns.map((c) => c.name)]);
      if (!isValidIdentifier(name)) fail('INVALID_IDENTIFIER', `${entity}: index name '${name}' is not a valid identifier`);
      indexes.push({ name, unique: record.options.unique === true, columns });
    }
  }
  const seen = new Set<string>();
  for (const index of indexes) {
    if (seen.has(index.name)) fail('DUPLICATE_INDEX', `${entity}: two indexes are named ${index.name}`);
    seen.add(index.name);
  }
  return indexes;
}

/** An entity's table name and columns: all a foreign key needs of what it references (entities may reference each other). */
interface Shape {
  className: string;
  table: string;
  chain: readonly Class[];
  primaryKey: readonly ColumnDescriptor[];
  byProperty: ReadonlyMap<string, ColumnDescriptor>;
  unique: readonly ColumnDescriptor[];
}

const shapes = new WeakMap<Class, Shape>();

function shapeOf(cls: Class): Shape {
  const known = shapes.get(cls);
  if (known !== undefined) return known;
  const chain = rootFirstChain(cls);
  const table = tableNameOf(cls, chain);
  const byProperty = new Map<string, ColumnDescriptor>();
  const unique = new Set<string>();
  for (const owner of chain) {
    for (const record of readOwnColumns(owner)) {
      byProperty.set(record.property, describeColumn(owner, cls.name, record.property, record.options));
      if (record.options.unique === true) unique.add(record.property);
      else unique.delete(record.property);
    }
  }
  if (byProperty.size === 0) fail('ENTITY_WITHOUT_COLUMNS', `${cls.name} has no @Column() properties`);
  const names = new Map<string, string>();
  for (const c of byProperty.values()) {
    const other = names.get(c.name);
    if (other !== undefined) fail('DUPLICATE_COLUMN', `${cls.name}.${c.property} and ${cls.name}.${other} are both column ${c.name}`);
    names.set(c.name, c.property);
  }
  const shape: Shape = {
    className: cls.name,
    table,
    chain,
    primaryKey: [...byProperty.values()].filter((c) => c.primary),
    byProperty,
    unique: [...unique].map((p) => byProperty.get(p) as ColumnDescriptor),
  };
  shapes.set(cls, shape);
  return shape;
}

function describeForeignKey(self: Shape, record: ForeignKeyRecord): ForeignKeyModel {
  const { className: entity, table, byProperty } = self;
  const columns = record.columns.map((p) => columnOf(entity, byProperty, p, 'a foreign key').name);
  if (columns.length === 0) fail('FOREIGN_KEY_INVALID', `${entity}: @ForeignKey lists no columns`);
  let referencedTable: string;
  let referencedColumns: string[];
  if (typeof record.target === 'string') {
    referencedTable = record.target;
    referencedColumns = [...(record.options.referencedColumns ?? [])];
    if (referencedColumns.length === 0)
      fail('FOREIGN_KEY_INVALID', `${entity}: a foreign key to the table '${record.target}' needs referencedColumns (its column names)`);
  } else {
    const target = record.target();
    if (typeof target !== 'function')
      fail('FOREIGN_KEY_INVALID', `${entity}: the foreign key's () => Class returned ${String(target)} (a circular import?)`);
    const referenced = shapeOf(target);
    referencedTable = referenced.table;
    const targets =
      record.options.referencedColumns === undefined
        ? referenced.primaryKey
        : record.options.referencedColumns.map((p) => columnOf(referenced.className, referenced.byProperty, p, `${entity}'s foreign key`));
    record.columns.forEach((property, i) => {
      const from = byProperty.get(property) as ColumnDescriptor;
      const to = targets[i];
      // both servers refuse a key whose column types differ (MySQL even in signedness): say so at start-up
      if (to !== undefined && !sameType(from.type, to.type)) {
        fail(
          'FOREIGN_KEY_INVALID',
          `${entity}.${property} is ${formatSqlType(from.type)} but references ${referenced.className}.${to.property}, which is ${formatSqlType(to.type)}`,
        );
      }
    });
    referencedColumns = targets.map((c) => c.name);
    if (referencedColumns.length === 0)
      fail('FOREIGN_KEY_INVALID', `${entity}: ${referenced.className} has no primary key to reference; give referencedColumns`);
  }
  if (referencedColumns.length !== columns.length) {
    fail('FOREIGN_KEY_INVALID', `${entity}: the foreign key has ${columns.length} column(s) but references ${referencedColumns.length}`);
  }
  for (const rule of [record.options.onDelete, record.options.onUpdate]) {
    if (rule !== undefined && !RULES.includes(rule)) fail('FOREIGN_KEY_INVALID', `${entity}: '${rule}' is not one of ${RULES.join(', ')}`);
  }
  const name = record.options.name ?? boundedName(['fk', table, ...columns]);
  if (!isValidIdentifier(name) || !isValidIdentifier(referencedTable))
    fail('INVALID_IDENTIFIER', `${entity}: foreign key ${name} has an invalid name or table`);
  return {
    name,
    columns,
    referencedTable,
    referencedColumns,
    onDelete: record.options.onDelete ?? 'no action',
    onUpdate: record.options.onUpdate ?? 'no action',
  };
}

/** The frozen, memoized descriptor of an entity class. */
export function describeEntity(cls: Class): EntityDescriptor {
  const known = memo.get(cls);
  if (known !== undefined) return known;
  const shape = shapeOf(cls);
  const { table, chain, byProperty, primaryKey } = shape;
  const indexes = describeIndexes(cls, chain, table, byProperty, shape.unique);
  const foreignKeys = chain.flatMap((owner) => readOwnForeignKeys(owner)).map((r) => describeForeignKey(shape, r));
  const columns = [...byProperty.values()];
  const descriptor: EntityDescriptor = {
    target: cls,
    className: cls.name,
    table: { name: table, columns, primaryKey: primaryKey.map((c) => c.name), indexes, foreignKeys },
    primaryKey,
    byProperty,
  };
  deepFreeze(descriptor.table);
  memo.set(cls, descriptor);
  return Object.freeze(descriptor);
}
