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

export type Serializer = (value: unknown) => string;

/**
 * The schema as fast-json-stringify needs it: a free-form object (`{ type: 'object' }` without properties,
 * from `{ type: Object }`) keeps whatever it holds, where fast-json-stringify would write `{}`.
 */
function forSerializer(schema: JsonSchema): JsonSchema {
  const out: Record<string, unknown> = { ...schema };
  if (schema.type === 'object' && schema.properties === undefined && schema.additionalProperties === undefined) {
    out.additionalProperties = true;
  }
  if (schema.items !== undefined) out.items = forSerializer(schema.items);
  if (schema.properties !== undefined) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, forSerializer(v)]));
  }
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = forSerializer(schema.additionalProperties);
  if (schema.allOf !== undefined) out.allOf = schema.allOf.map(forSerializer);
  if (schema.anyOf !== undefined) out.anyOf = schema.anyOf.map(forSerializer);
  return out as JsonSchema;
}

/** Compiles the serializer of one response schema; `$ref`s point into `components` (`#/components/schemas/X`). */
export function compileSerializer(schema: JsonSchema, components: Readonly<Record<string, JsonSchema>>, where: string): Serializer {
  const root = {
    ...forSerializer(schema),
    components: { schemas: Object.fromEntries(Object.entries(components).map(([name, s]) => [name, forSerializer(s)])) },
  };
  const stringify = fastJson(root as Parameters<typeof fastJson>[0]);
  return (value) => {
    try {
      return stringify(value);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`${where}: the result does not match its response schema: ${reason}`, { cause: err });
    }
  };
}
