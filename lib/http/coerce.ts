/**
 * Strings from the path, query, headers and form fields become the scalar a parameter declares. A value
 * that does not convert is returned unchanged, so schema validation reports it with the schema's words
 * ("must be integer"). Booleans are strict — only true/false/1/0 (a lesson from nestjs/nest#7013, where
 * "false" became true).
 */
import type { ScalarKind } from '../decorators/descriptors';

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function coerceScalar(raw: string, kind: ScalarKind | undefined): unknown {
  switch (kind) {
    case 'number':
    case 'integer':
      return NUMERIC.test(raw.trim()) ? Number(raw) : raw;
    case 'boolean':
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      return raw;
    default:
      // strings and dates stay strings here; dates are checked by isDateString and turned into Date
      // objects only after the schema (format date / date-time) accepted them.
      return raw;
  }
}

/** A date or date-time JavaScript can parse unambiguously (ISO 8601). */
export function isDateString(raw: string): boolean {
  return /^\d{4}-\d{2}-\d{2}([Tt ][\d:.]+([Zz]|[+-]\d{2}:?\d{2})?)?$/.test(raw) && !Number.isNaN(Date.parse(raw));
}

/** JSON Schema type a scalar kind implies, for params whose schema forgot one. */
export function schemaTypeOf(kind: ScalarKind): 'string' | 'number' | 'integer' | 'boolean' {
  return kind === 'date' ? 'string' : kind;
}
