/**
 * Keys that reach an object's prototype: `__proto__` anywhere, and `constructor` holding a `prototype`.
 * JSON.parse and querystring make them ordinary own properties, which validation does not look at (a
 * schema names the properties it checks); the first plain assignment (`Object.assign`, a spread into a
 * class instance, `target[key] = value`) then runs the `__proto__` setter and puts unvalidated values on
 * the prototype, where absent optional fields resolve. Such inputs are refused with 400 naming the key,
 * as Fastify's secure-json-parse does by default — but naming where it was.
 */
import { ValidationError } from '../errors';

/** Can this JSON text hold a forbidden key? A key is written literally or with `\u` escapes (JSON has no others that make letters). */
export function mayHoldForbiddenKeys(jsonText: string): boolean {
  return jsonText.includes('__proto__') || jsonText.includes('prototype') || jsonText.includes('\\u');
}

function isForbidden(key: string, value: unknown): boolean {
  if (key === '__proto__') return true;
  return key === 'constructor' && value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'prototype');
}

/** The field name (`body.items[0].__proto__`) of the first forbidden key in a parsed JSON value, if any. */
export function forbiddenKeyIn(value: unknown, field: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenKeyIn(value[i], `${field}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (isForbidden(key, child)) return `${field}.${key}`;
    const found = forbiddenKeyIn(child, `${field}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Flat keys (query strings, forms) in the bracket or dot notation that nesting parsers expand: `a[__proto__]`, `constructor.prototype`. */
function isForbiddenFlatKey(key: string): boolean {
  const segments = key.split(/[[\].]+/);
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] === '__proto__') return true;
    if (segments[i] === 'constructor' && segments[i + 1] === 'prototype') return true;
  }
  return false;
}

/** The first forbidden key of a query or form (`query.__proto__`), if any. */
export function forbiddenFlatKeyIn(fields: object, location: string): string | undefined {
  for (const key of Object.keys(fields)) if (isForbiddenFlatKey(key)) return `${location}.${key}`;
  return undefined;
}

export function forbiddenKeyError(field: string): ValidationError {
  return new ValidationError([{ field, message: 'is not allowed: the key would reach the object prototype' }]);
}
