/**
 * Where<E> → a Kysely expression. Every value becomes a bound parameter; property names are checked
 * against the entity first, so only known columns are ever named in SQL.
 */
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { DynamicSchema } from '../database/database';
import { DataError } from '../database/database-errors';
import type { DialectName } from '../dialect/sql-dialect';
import type { ColumnDescriptor, EntityDescriptor } from '../entity/entity-descriptor';
import { encodeValue } from './row-codec';

type Builder = ExpressionBuilder<DynamicSchema, string>;

const OPERATORS = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'isNull', 'like', 'contains', 'startsWith', 'endsWith']);

/** LIKE's wildcards and its escape character, escaped with the default escape character `\` (both servers). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `lower(column) like lower(?)`: text search that ignores case on both servers alike (a bare LIKE follows
 * the column's collation: case-blind on MySQL's default utf8mb4 collations, case-sensitive on PostgreSQL).
 */
function ignoringCase(eb: Builder, ref: Expression<unknown>, pattern: string): Expression<SqlBool> {
  return eb(eb.fn('lower', [ref]), 'like', eb.fn('lower', [eb.val(pattern)]));
}

function isCondition(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && !Buffer.isBuffer(value) && !Array.isArray(value);
}

export function columnOf(entity: EntityDescriptor, property: string, what: string): ColumnDescriptor {
  const column = entity.byProperty.get(property);
  if (column === undefined) {
    throw new DataError(
      'UNKNOWN_FIELD',
      `${entity.className} has no field '${property}' (${what}); fields: ${[...entity.byProperty.keys()].join(', ')}`,
    );
  }
  return column;
}

function text(entity: EntityDescriptor, property: string, op: string, value: unknown): string {
  if (typeof value !== 'string') throw new DataError('BAD_QUERY', `${entity.className}.${property}: ${op} takes a string`);
  return value;
}

function fieldConditions(
  eb: Builder,
  entity: EntityDescriptor,
  property: string,
  filter: unknown,
  dialect: DialectName,
): Expression<SqlBool>[] {
  const column = columnOf(entity, property, 'in a filter');
  if (column.js === 'json' || column.js === 'buffer') {
    throw new DataError('BAD_QUERY', `${entity.className}.${property} is a ${column.js} column; it cannot be filtered on`);
  }
  const ref = eb.ref(column.name);
  const bind = (v: unknown): unknown => encodeValue(column, v, dialect);
  if (filter === null) return [eb(ref, 'is', null)];
  if (!isCondition(filter)) return [eb(ref, '=', bind(filter))];
  const out: Expression<SqlBool>[] = [];
  for (const [op, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (!OPERATORS.has(op))
      throw new DataError('BAD_QUERY', `${entity.className}.${property}: unknown condition '${op}' (${[...OPERATORS].join(', ')})`);
    switch (op) {
      case 'eq':
        out.push(value === null ? eb(ref, 'is', null) : eb(ref, '=', bind(value)));
        break;
      case 'ne':
        out.push(value === null ? eb(ref, 'is not', null) : eb(ref, '<>', bind(value)));
        break;
      case 'gt':
        out.push(eb(ref, '>', bind(value)));
        break;
      case 'gte':
        out.push(eb(ref, '>=', bind(value)));
        break;
      case 'lt':
        out.push(eb(ref, '<', bind(value)));
        break;
      case 'lte':
        out.push(eb(ref, '<=', bind(value)));
        break;
      case 'in':
      case 'notIn': {
        if (!Array.isArray(value)) throw new DataError('BAD_QUERY', `${entity.className}.${property}: ${op} takes an array`);
        // `in ()` is not SQL: an empty list matches nothing (in) or everything (notIn)
        if (value.length === 0) out.push(op === 'in' ? eb.lit(false) : eb.lit(true));
        else out.push(eb(ref, op === 'in' ? 'in' : 'not in', value.map(bind)));
        break;
      }
      case 'isNull':
        out.push(eb(ref, value === true ? 'is' : 'is not', null));
        break;
      case 'like':
        out.push(eb(ref, 'like', text(entity, property, op, value)));
        break;
      case 'contains':
        out.push(ignoringCase(eb, ref, `%${escapeLike(text(entity, property, op, value))}%`));
        break;
      case 'startsWith':
        out.push(ignoringCase(eb, ref, `${escapeLike(text(entity, property, op, value))}%`));
        break;
      case 'endsWith':
        out.push(ignoringCase(eb, ref, `%${escapeLike(text(entity, property, op, value))}`));
        break;
    }
  }
  return out;
}

/** The AND of every field filter (and the OR of `$or`); undefined when the filter is empty. */
export function whereExpression(
  eb: Builder,
  entity: EntityDescriptor,
  where: object,
  dialect: DialectName,
): Expression<SqlBool> | undefined {
  const parts: Expression<SqlBool>[] = [];
  for (const [key, filter] of Object.entries(where)) {
    if (filter === undefined) continue;
    if (key === '$or') {
      if (!Array.isArray(filter)) throw new DataError('BAD_QUERY', `${entity.className}: $or takes an array of filters`);
      const branches = filter.map((w: object) => whereExpression(eb, entity, w, dialect) ?? eb.lit(true));
      parts.push(branches.length === 0 ? eb.lit(false) : eb.or(branches));
      continue;
    }
    parts.push(...fieldConditions(eb, entity, key, filter, dialect));
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : eb.and(parts);
}
