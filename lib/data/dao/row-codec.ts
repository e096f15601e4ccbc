/**
 * Values between entity fields and driver parameters/results. Drivers differ (pg returns bigint and numeric
 * as text, MySQL booleans as 0/1, MariaDB JSON as text); the column's JS kind says what the field holds.
 */
import type { DialectName } from '../dialect/sql-dialect';
import type { ColumnDescriptor, EntityDescriptor } from '../entity/entity-descriptor';

/** A field value → what the driver binds. */
export function encodeValue(column: ColumnDescriptor, value: unknown, dialect: DialectName): unknown {
  if (value === null || value === undefined) return null;
  switch (column.js) {
    case 'json':
      return JSON.stringify(value);
    case 'bigint':
      return typeof value === 'bigint' ? value.toString() : value;
    case 'date': {
      // JSON carries dates as text: an ISO-8601 string is taken as the instant it names
      const date = typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : value;
      // pg would send a Date in the process's local zone; ISO-8601 UTC reads the same into timestamptz and timestamp
      return dialect === 'postgres' && date instanceof Date ? date.toISOString() : date;
    }
    default:
      return value;
  }
}

/** A driver value → the field value. */
export function decodeValue(column: ColumnDescriptor, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (column.js) {
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'bigint':
      return typeof value === 'bigint' ? value : BigInt(value as string | number);
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 1 || value === '1' || value === 't' || value === 'true';
    case 'date':
      return value instanceof Date ? value : new Date(value as string);
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'buffer':
      return Buffer.isBuffer(value) ? value : Buffer.from(value as string);
    case 'string':
      return typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : String(value);
  }
}

/** A result row (column names) → an entity row (property names); columns the entity does not know are left out. */
export function decodeRow(entity: EntityDescriptor, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of entity.table.columns) {
    if (column.name in row) out[column.property] = decodeValue(column, row[column.name]);
  }
  return out;
}
