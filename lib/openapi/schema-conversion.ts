import type { oas30 } from 'openapi3-ts';
import type { JsonSchema } from '../decorators/descriptors';

/**
 * Descriptor JSON Schemas → OpenAPI 3.0 Schema Objects. The differences that matter (OpenAPI 3.0 §4.7.24):
 * no `type: 'null'` (use `nullable`), boolean `exclusiveMinimum/Maximum` next to `minimum/maximum`,
 * and `$ref` siblings are ignored (so a decorated `$ref` is wrapped in `allOf`).
 */

type Schema = oas30.SchemaObject | oas30.ReferenceObject;

function isNull(schema: JsonSchema): boolean {
  return schema.type === 'null';
}

/** Copies the keywords both dialects write the same way. */
function plainKeywords(s: JsonSchema): oas30.SchemaObject {
  const out: oas30.SchemaObject = {};
  if (s.type !== undefined && s.type !== 'null') out.type = s.type;
  if (s.format !== undefined) out.format = s.format;
  if (s.description !== undefined) out.description = s.description;
  if (s.enum !== undefined) out.enum = [...s.enum];
  if (s.required !== undefined && s.required.length > 0) out.required = [...s.required];
  if (s.minimum !== undefined) out.minimum = s.minimum;
  if (s.maximum !== undefined) out.maximum = s.maximum;
  if (s.minLength !== undefined) out.minLength = s.minLength;
  if (s.maxLength !== undefined) out.maxLength = s.maxLength;
  if (s.pattern !== undefined) out.pattern = s.pattern;
  if (s.minItems !== undefined) out.minItems = s.minItems;
  if (s.maxItems !== undefined) out.maxItems = s.maxItems;
  if (s.nullable === true || s.type === 'null') out.nullable = true;
  if (s.default !== undefined) out.default = s.default;
  if (s.example !== undefined) out.example = s.example;
  return out;
}

/** 2020-12 numeric exclusive bounds → OpenAPI 3.0 boolean flags on minimum/maximum. */
function exclusiveBounds(s: JsonSchema, out: oas30.SchemaObject): void {
  if (s.exclusiveMinimum !== undefined && (out.minimum === undefined || s.exclusiveMinimum >= out.minimum)) {
    out.minimum = s.exclusiveMinimum;
    out.exclusiveMinimum = true;
  }
  if (s.exclusiveMaximum !== undefined && (out.maximum === undefined || s.exclusiveMaximum <= out.maximum)) {
    out.maximum = s.exclusiveMaximum;
    out.exclusiveMaximum = true;
  }
}

/** Converts one descriptor schema (recursively) to its OpenAPI 3.0 form. */
export function toOpenApiSchema(s: JsonSchema): Schema {
  const { $ref } = s;
  if ($ref !== undefined) {
    const rest: JsonSchema = { ...s, $ref: undefined };
    const extra = toOpenApiSchema(rest);
    return Object.keys(extra).length === 0 ? { $ref } : { allOf: [{ $ref }], ...extra };
  }
  const out = plainKeywords(s);
  exclusiveBounds(s, out);
  if (s.items !== undefined) out.items = toOpenApiSchema(s.items);
  if (s.properties !== undefined) {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toOpenApiSchema(v)]));
  }
  if (s.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof s.additionalProperties === 'boolean' ? s.additionalProperties : toOpenApiSchema(s.additionalProperties);
  }
  if (s.allOf !== undefined) out.allOf = s.allOf.map(toOpenApiSchema);
  if (s.anyOf !== undefined) {
    const members = s.anyOf.filter((m) => !isNull(m)).map(toOpenApiSchema);
    if (members.length < s.anyOf.length) out.nullable = true;
    // `{ anyOf: [X, null] }` is written `{ allOf: [X], nullable: true }`, the common OpenAPI 3.0 idiom.
    if (members.length === 1) out.allOf = [...(out.allOf ?? []), members[0]];
    else if (members.length > 1) out.anyOf = members;
  }
  return out;
}
