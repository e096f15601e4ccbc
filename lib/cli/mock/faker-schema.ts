/**
 * OpenAPI 3.0 Schema Objects → JSON Schema for the data generator: `nullable` becomes a `null` type,
 * `example` becomes `examples` (so a document's own examples win), OpenAPI-only keywords go. Local `$ref`s
 * stay; the generator resolves them against the components carried on the root.
 */

type Json = Record<string, unknown>;

const DROPPED = new Set(['discriminator', 'xml', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly', 'nullable', 'example']);

/** Property names that get realistic values from faker when it is installed (and the schema says no more). */
const FAKER_BY_NAME: ReadonlyArray<[RegExp, string]> = [
  [/^(e-?mail|emailaddress)$/i, 'internet.email'],
  [/^(first_?name|given_?name)$/i, 'person.firstName'],
  [/^(last_?name|family_?name|surname)$/i, 'person.lastName'],
  [/^(full_?name|name|username|author)$/i, 'person.fullName'],
  [/^(phone|phone_?number|mobile)$/i, 'phone.number'],
  [/^(city|town)$/i, 'location.city'],
  [/^country$/i, 'location.country'],
  [/^(street|address_?line|address1)$/i, 'location.streetAddress'],
  [/^(company|organisation|organization)$/i, 'company.name'],
  [/^(url|website|homepage)$/i, 'internet.url'],
  [/^(description|summary|note|comment|caption)$/i, 'lorem.sentence'],
];

function fakerFor(name: string, s: Json): string | undefined {
  if (s.type !== 'string' || s.format !== undefined || s.enum !== undefined || s.pattern !== undefined) return undefined;
  if (s.maxLength !== undefined || s.minLength !== undefined) return undefined;
  return FAKER_BY_NAME.find(([re]) => re.test(name))?.[1];
}

export function toFakerSchema(schema: unknown, useFaker: boolean, propertyName = ''): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toFakerSchema(s, useFaker));
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) {
    if (DROPPED.has(k)) continue;
    if (k === 'properties' && v !== null && typeof v === 'object') {
      out.properties = Object.fromEntries(Object.entries(v as Json).map(([name, p]) => [name, toFakerSchema(p, useFaker, name)]));
    } else if (k === 'exclusiveMinimum' || k === 'exclusiveMaximum') {
      // OpenAPI 3.0: a boolean next to minimum/maximum; JSON Schema: the bound itself
      if (v === true) out[k] = s[k === 'exclusiveMinimum' ? 'minimum' : 'maximum'];
    } else if (k === 'format' && v === 'binary') {
      out.format = 'byte';
    } else out[k] = toFakerSchema(v, useFaker);
  }
  if (s.exclusiveMinimum === true) delete out.minimum;
  if (s.exclusiveMaximum === true) delete out.maximum;
  if (s.example !== undefined) out.examples = [s.example];
  if (s.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (out.$ref !== undefined || out.allOf !== undefined || out.oneOf !== undefined || out.anyOf !== undefined) {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  if (useFaker && propertyName !== '') {
    const faker = fakerFor(propertyName, out);
    if (faker !== undefined) out.faker = faker;
  }
  return out;
}
