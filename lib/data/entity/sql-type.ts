/**
 * Column types in a dialect-neutral form. Entities state them (or get them from the TS type), each dialect
 * renders them into its own SQL and parses its own introspected type text back into this form, so
 * `ddl sync` compares like with like and `ddl reverse` writes the options that reproduce a column.
 */

/** How the DAO carries a column's value in JavaScript. */
export type JsKind = 'string' | 'number' | 'boolean' | 'date' | 'bigint' | 'json' | 'buffer';

export interface SqlType {
  /** A neutral name (see NEUTRAL_TYPES) or, for anything else, the type as written (`mediumtext`, `inet`). */
  readonly name: string;
  /** varchar/char length. */
  readonly length?: number;
  /** decimal precision; fractional-second digits of datetime/timestamp/time. */
  readonly precision?: number;
  readonly scale?: number;
  /** MySQL/MariaDB unsigned integers and decimals. */
  readonly unsigned?: boolean;
}

export const NEUTRAL_TYPES = [
  'varchar',
  'char',
  'text',
  'tinyint',
  'smallint',
  'int',
  'bigint',
  'boolean',
  'float',
  'double',
  'decimal',
  'date',
  'time',
  'datetime',
  'timestamp',
  'json',
  'blob',
  'uuid',
] as const;

export type NeutralTypeName = (typeof NEUTRAL_TYPES)[number];

export const INTEGER_TYPES: readonly string[] = ['tinyint', 'smallint', 'int', 'bigint'];

/** Other spellings users (and PostgreSQL) use for the neutral names. */
const ALIASES: Readonly<Record<string, NeutralTypeName>> = {
  integer: 'int',
  int4: 'int',
  int8: 'bigint',
  int2: 'smallint',
  bool: 'boolean',
  real: 'float',
  float4: 'float',
  float8: 'double',
  'double precision': 'double',
  numeric: 'decimal',
  'character varying': 'varchar',
  character: 'char',
  timestamptz: 'datetime',
  'timestamp with time zone': 'datetime',
  'timestamp without time zone': 'timestamp',
  'time without time zone': 'time',
  jsonb: 'json',
  bytea: 'blob',
};

/** Fractional-second digits when none is given: JS Dates carry milliseconds. */
export const DEFAULT_TIME_PRECISION = 3;
export const DEFAULT_VARCHAR_LENGTH = 255;

export function isNeutral(name: string): name is NeutralTypeName {
  return (NEUTRAL_TYPES as readonly string[]).includes(name);
}

/**
 * Parses a type as users write it: `bigint`, `decimal(10,2)`, `varchar(100)`, `int unsigned`, `timestamptz`.
 * Undefined when it is not a neutral type (the caller keeps such text verbatim).
 */
export function parseNeutralType(text: string): SqlType | undefined {
  const m = /^\s*([a-z][a-z0-9 ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*(unsigned)?\s*$/i.exec(text);
  if (!m) return undefined;
  const raw = m[1].toLowerCase().replace(/\s+/g, ' ');
  const name = isNeutral(raw) ? raw : ALIASES[raw];
  if (name === undefined) return undefined;
  const a = m[2] === undefined ? undefined : Number(m[2]);
  const b = m[3] === undefined ? undefined : Number(m[3]);
  const unsigned = m[4] !== undefined;
  switch (name) {
    case 'varchar':
    case 'char':
      return { name, ...(a !== undefined ? { length: a } : {}) };
    case 'decimal':
      return {
        name,
        ...(a !== undefined ? { precision: a } : {}),
        ...(b !== undefined ? { scale: b } : {}),
        ...(unsigned ? { unsigned } : {}),
      };
    case 'datetime':
    case 'timestamp':
    case 'time':
      return { name, ...(a !== undefined ? { precision: a } : {}) };
    default:
      if (a !== undefined) return undefined;
      return unsigned ? { name, unsigned } : { name };
  }
}

/** The column type a JS kind gets when the entity does not say one. */
export function defaultTypeFor(kind: JsKind): SqlType {
  switch (kind) {
    case 'string':
      return { name: 'varchar', length: DEFAULT_VARCHAR_LENGTH };
    case 'number':
      return { name: 'int' };
    case 'boolean':
      return { name: 'boolean' };
    case 'date':
      return { name: 'datetime', precision: DEFAULT_TIME_PRECISION };
    case 'bigint':
      return { name: 'bigint' };
    case 'json':
      return { name: 'json' };
    case 'buffer':
      return { name: 'blob' };
  }
}

/** The JS kind of a column declared only by its SQL type (reflection saw Object, or reverse engineering). */
export function kindForType(type: SqlType): JsKind {
  switch (type.name) {
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
    case 'float':
    case 'double':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'datetime':
    case 'timestamp':
      return 'date';
    case 'json':
      return 'json';
    case 'blob':
      return 'buffer';
    default:
      // decimal keeps its digits as text; date, time, uuid, enums and unknown types travel as strings
      return 'string';
  }
}

/** Which SQL types can hold a JS kind (an unknown, verbatim type is accepted for any kind). */
const COMPATIBLE: Readonly<Record<JsKind, readonly string[]>> = {
  string: ['varchar', 'char', 'text', 'decimal', 'uuid', 'date', 'time', 'json'],
  number: ['tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'decimal'],
  boolean: ['boolean', 'tinyint'],
  date: ['datetime', 'timestamp', 'date'],
  bigint: ['bigint', 'decimal'],
  json: ['json'],
  buffer: ['blob'],
};

export function isCompatible(kind: JsKind, type: SqlType): boolean {
  return !isNeutral(type.name) || COMPATIBLE[kind].includes(type.name);
}

/** Fills in lengths and precisions the way DDL would, so equal columns compare equal. */
export function withTypeDefaults(type: SqlType): SqlType {
  if ((type.name === 'varchar' || type.name === 'char') && type.length === undefined) {
    return { ...type, length: type.name === 'varchar' ? DEFAULT_VARCHAR_LENGTH : 1 };
  }
  if ((type.name === 'datetime' || type.name === 'timestamp' || type.name === 'time') && type.precision === undefined) {
    return { ...type, precision: DEFAULT_TIME_PRECISION };
  }
  if (type.name === 'decimal' && type.precision !== undefined && type.scale === undefined) return { ...type, scale: 0 };
  // a decimal without precision stays so: MySQL reads it as decimal(10,0), PostgreSQL as unconstrained numeric
  return type;
}

/** `decimal(10,2) unsigned`: the neutral type as text, for messages and generated code. */
export function formatSqlType(type: SqlType): string {
  const args =
    type.length !== undefined
      ? `(${type.length})`
      : type.precision !== undefined
        ? type.scale !== undefined
          ? `(${type.precision},${type.scale})`
          : `(${type.precision})`
        : '';
  return `${type.name}${args}${type.unsigned ? ' unsigned' : ''}`;
}

export function sameType(a: SqlType, b: SqlType): boolean {
  return (
    a.name === b.name &&
    a.length === b.length &&
    a.precision === b.precision &&
    a.scale === b.scale &&
    (a.unsigned ?? false) === (b.unsigned ?? false)
  );
}
