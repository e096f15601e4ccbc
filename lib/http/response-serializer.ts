/**
 * JSON text of a handler's result, from the route's response schema: compiled once per route at mount with
 * fast-json-stringify (what Fastify does), so a response carries exactly the declared properties — an
 * internal field a handler leaves on its object (a password hash, a version counter) never reaches the
 * wire, and the document can close its response objects (`additionalProperties: false`) truthfully. Known
 * shapes also stringify faster than JSON.stringify walks them.
 *
 * What fast-json-stringify does with a value that does not fit: a missing required property or a value
 * that does not convert (`"abc"` for an integer) throws; this module names the route in that error, which
 * the error mapping answers as 500 INTERNAL and logs (the handler broke its contract, not the client).
 */
import fastJson from 'fast-json-stringify';
import type { JsonSchema } from '../decorators/descriptors';
import { reachableComponents } from './reachable-components';
import { SchemaCache } from './schema-cache';
import { ServingError } from './serving-errors';

export type Serializer = (value: unknown) => string;

const REF_PREFIX = '#/components/schemas/';

/**
 * The schema as fast-json-stringify needs it: a free-form object (`{ type: 'object' }` without properties,
 * from `{ type: Object }`) keeps whatever it holds, where fast-json-stringify would write `{}`. A `$ref` to a
 * component the descriptor does not hold (a ready JSON Schema naming a class that nothing else references)
 * is written as plain JSON, as it was before serializers were compiled, instead of failing at mount.
 */
function forSerializer(schema: JsonSchema, known: ReadonlySet<string>): JsonSchema {
  if (schema.$ref !== undefined && schema.$ref.startsWith(REF_PREFIX) && !known.has(schema.$ref.slice(REF_PREFIX.length))) return {};
  const out: Record<string, unknown> = { ...schema };
  if (schema.type === 'object' && schema.properties === undefined && schema.additionalProperties === undefined) {
    out.additionalProperties = true;
  }
  const nested = (s: unknown): unknown => (s !== null && typeof s === 'object' ? forSerializer(s as JsonSchema, known) : s);
  if (schema.items !== undefined) out.items = nested(schema.items);
  if (schema.properties !== undefined)
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, nested(v)]));
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = nested(schema.additionalProperties);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = (schema as Record<string, unknown>)[key];
    if (Array.isArray(list)) out[key] = list.map(nested);
  }
  return out as JsonSchema;
}

/** `{ type: 'object', additionalProperties: true }` and nothing that constrains it. */
function isFreeFormObject(schema: Record<string, unknown>): boolean {
  const constraining = Object.keys(schema).filter(
    (k) => !['type', 'additionalProperties', 'title', 'description', 'components'].includes(k),
  );
  return schema.type === 'object' && schema.additionalProperties === true && constraining.length === 0;
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Per service's components: the text of a complete serializer schema (root + what it reaches) → its stringify. */
const serializers = new SchemaCache<Serializer>();

function stringifyOf(root: Record<string, unknown>): Serializer {
  const compiled = fastJson(root as unknown as Parameters<typeof fastJson>[0]);
  // A free-form object (`returns: Object`) keeps every property: fast-json-stringify writes each value with
  // JSON.stringify, key by key, so one JSON.stringify of the object writes the same text, faster
  // (bench/http's echo). Anything but a plain object still goes to it (it writes a string as `{"0":…}`).
  return isFreeFormObject(root) ? (value: unknown) => (isPlainObject(value) ? JSON.stringify(value) : compiled(value)) : compiled;
}

/** Compiles the serializer of one response schema; `$ref`s point into `components` (`#/components/schemas/X`). */
export function compileSerializer(schema: JsonSchema, components: Readonly<Record<string, JsonSchema>>, where: string): Serializer {
  const known = new Set(Object.keys(components));
  const reached = reachableComponents([schema], components);
  const root = {
    ...forSerializer(schema, known),
    components: { schemas: Object.fromEntries(Object.entries(reached).map(([name, s]) => [name, forSerializer(s, known)])) },
  };
  const stringify = serializers.get(components, root, () => stringifyOf(root));
  return (value) => {
    try {
      return stringify(value);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new ServingError('RESULT_SCHEMA_MISMATCH', `${where}: the result does not match its response schema: ${reason}`, {
        cause: err,
      });
    }
  };
}
