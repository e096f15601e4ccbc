/**
 * Strings from the path, query, headers and form fields become the scalar a parameter declares. A value
 * that does not convert is returned unchanged (the binder names it with `syntaxError`). Numbers are
 * strict, so one value has one spelling: integers are digits with an optional minus and must fit a double
 * exactly (`9007199254740993` would silently become …992); numbers are decimals that stay finite (`1e400`
 * is Infinity); no `+`, no spaces, no hex. Booleans are strict too — only true/false/1/0 (a lesson from
 * nestjs/nest#7013, where "false" became true).
 */
import type { ScalarKind } from '../decorators/descriptors';

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function coerceScalar(raw: string, kind: ScalarKind | undefined): unknown {
  switch (kind) {
    case 'integer': {
      const n = INTEGER.test(raw) ? Number(raw) : NaN;
      return Number.isSafeInteger(n) ? n : raw;
    }
    case 'number': {
      const n = DECIMAL.test(raw) ? Number(raw) : NaN;
      return Number.isFinite(n) ? n : raw;
    }
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

/** What is wrong with a string that did not convert to `kind`, or undefined when it converts (or is a string). */
export function syntaxError(raw: string, kind: ScalarKind | undefined): string | undefined {
  switch (kind) {
    case 'integer':
      return typeof coerceScalar(raw, kind) === 'number'
        ? undefined
        : 'must be integer (digits with an optional minus sign, within ±2^53-1)';
    case 'number':
      return typeof coerceScalar(raw, kind) === 'number' ? undefined : 'must be number (a finite decimal)';
    case 'date':
      return isDateString(raw) ? undefined : 'must be an ISO 8601 date or date-time';
    default:
      return undefined;
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
