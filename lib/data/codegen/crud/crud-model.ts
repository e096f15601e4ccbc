/**
 * What `svc crud` generates from, derived once from a table: names (class, DTOs, routes, service) and, per
 * column, its property, TS type and what the DTOs and filters may do with it.
 */
import { DataConfigError } from '../../data-config-errors';
import { pascalCase, singular } from '../../entity/identifiers';
import { INTEGER_TYPES, kindForType, type JsKind } from '../../entity/sql-type';
import type { ColumnModel, TableModel } from '../../schema/table-model';
import { entityNames, type EntityNames } from '../entity-source';
import { kebabCase } from '../ts-literals';

export interface CrudField {
  readonly column: ColumnModel;
  readonly property: string;
  readonly kind: JsKind;
  /** The TS type of the value, without `| null`. */
  readonly tsType: string;
  readonly nullable: boolean;
  readonly primary: boolean;
  /** The server fills it when absent (auto-increment or a default). */
  readonly generated: boolean;
  /** Offered as a page filter and a sort key (JSON and binary columns are not). */
  readonly queryable: boolean;
  /** Text the page query can search in (`<field>Contains`): strings, but not keys, dates, times or decimals. */
  readonly searchable: boolean;
}

export interface CrudModel {
  readonly table: TableModel;
  readonly entity: EntityNames;
  /** `Order`: the response DTO, and the stem of every other name. */
  readonly name: string;
  /** `Orders`: for the page method (`pageOrders`). */
  readonly plural: string;
  /** Route path of the collection: `/orders`. */
  readonly path: string;
  /** @Service / @Contract name. */
  readonly service: string;
  readonly key: CrudField;
  readonly fields: readonly CrudField[];
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

export function crudModel(table: TableModel, service?: string): CrudModel {
  if (table.primaryKey.length !== 1) {
    throw new DataConfigError(
      'CRUD_NEEDS_SINGLE_KEY',
      `svc crud needs a table with a one-column primary key; ${table.name} has ${table.primaryKey.length === 0 ? 'none' : `(${table.primaryKey.join(', ')})`}`,
    );
  }
  const entity = entityNames(table);
  const fields = table.columns.map((column): CrudField => {
    const kind = kindForType(column.type);
    return {
      column,
      property: entity.properties.get(column.name) ?? column.name,
      kind,
      tsType: TS_TYPES[kind],
      nullable: column.nullable,
      primary: table.primaryKey.includes(column.name),
      generated: column.autoIncrement || column.default !== undefined,
      queryable: kind !== 'json' && kind !== 'buffer',
      searchable: kind === 'string' && !['uuid', 'date', 'time', 'decimal'].includes(column.type.name),
    };
  });
  const binary = fields.filter((f) => f.kind === 'buffer');
  if (binary.length > 0) {
    throw new DataConfigError(
      'CRUD_BINARY_COLUMN',
      `svc crud cannot carry binary columns in JSON: ${table.name}.${binary.map((f) => f.column.name).join(', ')}`,
    );
  }
  const key = fields.find((f) => f.primary) as CrudField;
  if (key.kind !== 'number' && key.kind !== 'string') {
    throw new DataConfigError(
      'CRUD_NEEDS_SINGLE_KEY',
      `svc crud needs a number or string primary key; ${table.name}.${key.column.name} is ${key.kind}`,
    );
  }
  const name = pascalCase(singular(table.name));
  return {
    table,
    entity,
    name,
    plural: pascalCase(table.name),
    path: `/${kebabCase(table.name)}`,
    service: service ?? kebabCase(table.name),
    key,
    fields,
  };
}

/** Whole-number columns get `integer: true` (and unsigned ones `minimum: 0`) in their DTO schemas. */
export function isInteger(field: CrudField): boolean {
  return field.kind === 'number' && INTEGER_TYPES.includes(field.column.type.name);
}
