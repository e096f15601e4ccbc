/**
 * One validator per route, compiled once at mount from the route's JSON Schemas: every location becomes a
 * property of one object (`{ path, query, header, form, body }`) so a single ajv pass with allErrors reports
 * every bad field, named `query.page`, `path.id`, `body.items[0].name`, `header.x-token`, `form.note`.
 * `$ref: '#/components/schemas/X'` points into descriptor.schemas (copied in as `$defs`).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema, ParamDescriptor, RouteDescriptor } from '../decorators/descriptors';
import type { FieldError } from '../errors';
import { schemaTypeOf } from './coerce';
import { deferred, type CompileQueue } from './compile-queue';
import { reachableComponents } from './reachable-components';
import { SchemaCache } from './schema-cache';

/** Locations validated by schema; `file` and `context` are checked by the binder itself. */
export const VALIDATED_LOCATIONS = ['path', 'query', 'header', 'form'] as const;
export type ValidatedLocation = (typeof VALIDATED_LOCATIONS)[number];

export interface ValidatorLogger {
  warn(message: string): void;
}

/** ajv instance shared by all routes of a server (schemas are compiled once, at mount). */
export function createAjv(logger: ValidatorLogger): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    // descriptors may carry OpenAPI-only keywords (example, nullable, deprecated): tolerate, do not fail boot
    strict: false,
    // a schema `default` is what the server uses when the value is absent, as OpenAPI documents it
    useDefaults: true,
    // NaN and ±Infinity are not numbers of any JSON document (a JSON 1e400 parses to Infinity)
    strictNumbers: true,
    logger: {
      log: () => undefined,
      warn: (...a: unknown[]) => logger.warn(a.map(String).join(' ')),
      error: (...a: unknown[]) => logger.warn(a.map(String).join(' ')),
    },
  });
  addFormats(ajv);
  return ajv;
}

const COMPONENT_REF = /^#\/components\/schemas\//;

/** Deep copy with OpenAPI component refs rewritten to local `$defs` refs. */
function localiseRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(localiseRefs);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    out[k] = k === '$ref' && typeof v === 'string' ? v.replace(COMPONENT_REF, '#/$defs/') : localiseRefs(v);
  }
  return out;
}

function paramSchema(p: ParamDescriptor): unknown {
  const schema = localiseRefs(p.schema) as Record<string, unknown>;
  if (p.coerce && !p.isArray && schema.type === undefined && schema.$ref === undefined) schema.type = schemaTypeOf(p.coerce);
  if (p.isArray && schema.type === undefined) {
    schema.type = 'array';
    if (p.coerce && schema.items === undefined) schema.items = { type: schemaTypeOf(p.coerce) };
  }
  return schema;
}

/** Key of a param inside its location object (headers are case-insensitive: lower-cased). */
export function paramKey(p: ParamDescriptor): string {
  return p.in === 'header' ? p.name.toLowerCase() : p.name;
}

/** The validation schema of a whole route (exported for tests and for the OpenAPI cross-check). */
export function routeInputSchema(route: RouteDescriptor, schemas: Readonly<Record<string, JsonSchema>>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const location of VALIDATED_LOCATIONS) {
    const params = route.params.filter((p) => p.in === location);
    properties[location] = {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [paramKey(p), paramSchema(p)])),
      required: params.filter((p) => p.required).map(paramKey),
    };
  }
  const bodyParams = route.params.filter((p) => p.in === 'body');
  const whole = bodyParams.find((p) => p.name === '');
  if (whole) {
    properties.body = paramSchema(whole);
    if (whole.required) required.push('body');
  } else if (bodyParams.length > 0) {
    properties.body = {
      type: 'object',
      properties: Object.fromEntries(bodyParams.map((p) => [p.name, paramSchema(p)])),
      required: bodyParams.filter((p) => p.required).map((p) => p.name),
    };
    if (bodyParams.some((p) => p.required)) required.push('body');
  }
  const reached = reachableComponents(
    route.params.map((p) => p.schema),
    schemas,
  );
  const $defs = Object.fromEntries(Object.entries(reached).map(([name, s]) => [name, localiseRefs(s)]));
  return { type: 'object', properties, required, $defs };
}

/** `/body/items/0/name` → `body.items[0].name` */
export function fieldName(instancePath: string, extra?: string): string {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) segments.push(extra);
  let out = '';
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

function toFieldError(e: ErrorObject): FieldError {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { field: fieldName(e.instancePath, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { field: fieldName(e.instancePath, String(params.additionalProperty)), message: 'is not allowed' };
    case 'enum':
      return { field: fieldName(e.instancePath), message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    default:
      return { field: fieldName(e.instancePath), message: e.message ?? `fails ${e.keyword}` };
  }
}

/** Per ajv instance (one per server): input schema text → its compiled validator. */
const validators = new SchemaCache<ValidateFunction>();

function compileShared(ajv: Ajv, route: RouteDescriptor, schemas: Readonly<Record<string, JsonSchema>>): ValidateFunction {
  const schema = routeInputSchema(route, schemas);
  return validators.get(ajv, schema, () => ajv.compile(schema));
}

export class RequestValidator {
  private readonly validateFn: () => ValidateFunction;

  /**
   * With a queue the ajv function is compiled later (compile-queue.ts), without one now; `ajv` may be a
   * getter, the server's instance being created with its first compilation.
   */
  constructor(ajv: Ajv | (() => Ajv), route: RouteDescriptor, schemas: Readonly<Record<string, JsonSchema>>, queue?: CompileQueue) {
    this.validateFn = deferred(queue, `the validator of ${route.operationId}`, () =>
      compileShared(typeof ajv === 'function' ? ajv() : ajv, route, schemas),
    );
  }

  /** Validates (and fills schema defaults into) `input`; returns every problem, deduplicated. */
  validate(input: Record<string, unknown>): FieldError[] {
    const validateFn = this.validateFn();
    if (validateFn(input)) return [];
    const seen = new Set<string>();
    const out: FieldError[] = [];
    for (const e of validateFn.errors ?? []) {
      // anyOf/oneOf/if add a summary error on top of the branch errors; the branches say more
      if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
      const fe = toFieldError(e);
      const key = `${fe.field}\u0000${fe.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(fe);
      }
    }
    return out;
  }
}
