import type { ForeignKeyRule } from '../entity/entity-options';
import { type SqlType } from '../entity/sql-type';
import { normalizeVerbatim, splitTypeText, type SqlDialect } from './sql-dialect';

/** PostgreSQL's default (and largest) fractional-second precision when a type shows none. */
const PG_TIME_PRECISION = 6;

/** Parses `format_type()` output (`timestamp(3) with time zone`, `character varying(200)`) and the types renderType writes. */
function parseTimeType(base: string, args: number[], rest: string): SqlType | undefined {
  const zone = rest === '' ? undefined : rest;
  const precision = args[0] ?? PG_TIME_PRECISION;
  if (base === 'timestamptz' || (base === 'timestamp' && zone === 'with time zone')) return { name: 'datetime', precision };
  if (base === 'timestamp' && (zone === undefined || zone === 'without time zone')) return { name: 'timestamp', precision };
  if (base === 'time' && (zone === undefined || zone === 'without time zone')) return { name: 'time', precision };
  return undefined;
}

export const postgresDialect: SqlDialect = {
  name: 'postgres',

  renderType(type) {
    switch (type.name) {
      case 'varchar':
        return `varchar(${type.length ?? 255})`;
      case 'char':
        return `char(${type.length ?? 1})`;
      case 'tinyint': // PostgreSQL has no one-byte integer
      case 'smallint':
        return 'smallint';
      case 'int':
        return 'integer';
      case 'bigint':
        return 'bigint';
      case 'float':
        return 'real';
      case 'double':
        return 'double precision';
      case 'decimal':
        return type.precision === undefined ? 'numeric' : `numeric(${type.precision},${type.scale ?? 0})`;
      case 'datetime':
        return `timestamptz(${type.precision ?? 3})`;
      case 'timestamp':
      case 'time':
        return `${type.name}(${type.precision ?? 3})`;
      case 'json':
        return 'jsonb';
      case 'blob':
        return 'bytea';
      default:
        // text, boolean, date, uuid and verbatim types; unsigned has no meaning here
        return type.name;
    }
  },

  parseType(text) {
    const parts = splitTypeText(text);
    if (parts === undefined) return { name: normalizeVerbatim(text) };
    const { base, args, rest } = parts;
    const time = parseTimeType(base, args, rest);
    if (time !== undefined) return time;
    if (rest === '') {
      switch (base) {
        case 'character varying':
        case 'varchar':
          // unbounded varchar behaves as text, and comparing it as text keeps reverse → sync quiet
          return args[0] === undefined ? { name: 'text' } : { name: 'varchar', length: args[0] };
        case 'character':
        case 'char':
        case 'bpchar':
          return { name: 'char', length: args[0] ?? 1 };
        case 'numeric':
        case 'decimal':
          return args[0] === undefined ? { name: 'decimal' } : { name: 'decimal', precision: args[0], scale: args[1] ?? 0 };
        case 'smallint':
        case 'int2':
          return { name: 'smallint' };
        case 'integer':
        case 'int':
        case 'int4':
          return { name: 'int' };
        case 'bigint':
        case 'int8':
          return { name: 'bigint' };
        case 'real':
        case 'float4':
          return { name: 'float' };
        case 'double precision':
        case 'float8':
          return { name: 'double' };
        case 'boolean':
        case 'bool':
          return { name: 'boolean' };
        case 'json': // json and jsonb hold the same values; jsonb is what sync creates
        case 'jsonb':
          return { name: 'json' };
        case 'bytea':
          return { name: 'blob' };
        case 'text':
        case 'date':
        case 'uuid':
          if (args.length === 0) return { name: base };
      }
    }
    return { name: normalizeVerbatim(text) };
  },

  normalizeRule(rule: ForeignKeyRule): ForeignKeyRule {
    return rule;
  },
};
