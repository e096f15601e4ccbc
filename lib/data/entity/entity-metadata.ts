import 'reflect-metadata';
import { reflectPropType } from '../../decorators/metadata';
import type { Class } from '../../decorators/class-type';
import type { ColumnOptions, ForeignKeyOptions, ForeignKeyTarget, IndexOptions, TableOptions } from './entity-options';

/**
 * The data layer's only module that touches `Reflect`: it owns the entity metadata keys. Decorators call
 * `record*`; `describeEntity()` calls `readOwn*`. Records are kept per class (never inherited through
 * Reflect) so base classes with shared columns are walked explicitly, as service contracts are.
 */

const TABLE = Symbol('ts-doudou:table');
const COLUMNS = Symbol('ts-doudou:columns');
const INDEXES = Symbol('ts-doudou:indexes');
const FOREIGN_KEYS = Symbol('ts-doudou:foreign-keys');

export interface ColumnRecord {
  property: string;
  options: ColumnOptions;
}

export interface IndexRecord {
  /** Undefined: the default name `idx_<table>_<columns>`. */
  name?: string;
  /** Property names, each optionally followed by ` asc` or ` desc`. */
  columns: readonly string[];
  options: IndexOptions;
}

export interface ForeignKeyRecord {
  /** Property names of this entity. */
  columns: readonly string[];
  target: ForeignKeyTarget;
  options: ForeignKeyOptions;
}

function ownList<V>(key: symbol, target: Class): V[] {
  let list = Reflect.getOwnMetadata(key, target) as V[] | undefined;
  if (list === undefined) {
    list = [];
    Reflect.defineMetadata(key, list, target);
  }
  return list;
}

export function recordTable(cls: Class, options: TableOptions): void {
  Reflect.defineMetadata(TABLE, options, cls);
}

export function readOwnTable(cls: Class): TableOptions | undefined {
  return Reflect.getOwnMetadata(TABLE, cls) as TableOptions | undefined;
}

export function recordColumn(cls: Class, column: ColumnRecord): void {
  const list = ownList<ColumnRecord>(COLUMNS, cls);
  const at = list.findIndex((c) => c.property === column.property);
  if (at >= 0) list[at] = column;
  else list.push(column);
}

/** `@Column()` properties declared on exactly this class, in declaration order. */
export function readOwnColumns(cls: Class): readonly ColumnRecord[] {
  return (Reflect.getOwnMetadata(COLUMNS, cls) as ColumnRecord[] | undefined) ?? [];
}

export function recordIndex(cls: Class, index: IndexRecord): void {
  ownList<IndexRecord>(INDEXES, cls).push(index);
}

export function readOwnIndexes(cls: Class): readonly IndexRecord[] {
  // Class decorators run bottom-up; reversed, indexes are listed in the order they are written.
  return [...((Reflect.getOwnMetadata(INDEXES, cls) as IndexRecord[] | undefined) ?? [])].reverse();
}

export function recordForeignKey(cls: Class, fk: ForeignKeyRecord): void {
  ownList<ForeignKeyRecord>(FOREIGN_KEYS, cls).push(fk);
}

export function readOwnForeignKeys(cls: Class): readonly ForeignKeyRecord[] {
  return [...((Reflect.getOwnMetadata(FOREIGN_KEYS, cls) as ForeignKeyRecord[] | undefined) ?? [])].reverse();
}

/** `design:type` of a decorated property (String, Number, Date, Object for unions, …). */
export function reflectColumnType(cls: Class, property: string): unknown {
  return reflectPropType(cls, property);
}
