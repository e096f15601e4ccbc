import { ConfigError } from '../errors';
import type { JsonSchema, ScalarKind } from './descriptors';
import { readOwnProps, reflectPropType } from './metadata';
import { wireNameOf, type JsonCase } from './json-case';
import type { EnumSpec, PropOptions, SchemaOptions } from './schema-options';
import type { Class } from './class-type';

/**
 * Turns what reflection saw plus the user's options into JSON Schemas. DTO classes become named component
 * schemas (`#/components/schemas/Name`) collected in a `ComponentSchemas`, transitively.
 */

export const COMPONENT_PREFIX = '#/components/schemas/';

/** A resolved type: its schema and, for scalars and arrays of scalars, how to coerce strings. */
export interface ResolvedType {
  schema: JsonSchema;
  /** Scalar kind of the value, or of each element for arrays; undefined for objects/DTOs. */
  coerce?: ScalarKind;
  isArray: boolean;
  /** The DTO class when the value (not an element) is one. */
  dto?: Class;
}

/** Built-ins that are classes but not DTOs: reflection reports them, but they have no JSON shape. */
const NOT_DTOS: readonly unknown[] = [Promise, Function, Symbol, Map, Set, WeakMap, WeakSet, RegExp, Error, Buffer, Uint8Array, BigInt];

const SCALAR_KINDS: readonly ScalarKind[] = ['string', 'number', 'integer', 'boolean', 'date'];

function scalarSchema(kind: ScalarKind): JsonSchema {
  return kind === 'date' ? { type: 'string', format: 'date-time' } : { type: kind };
}

function enumValues(spec: EnumSpec): (string | number | boolean)[] {
  if (Array.isArray(spec)) return [...(spec as readonly (string | number | boolean)[])];
  const record = spec as Readonly<Record<string, string | number>>;
  // Numeric TS enums also map value → name; the names are the keys that are not numbers.
  return Object.keys(record)
    .filter((key) => !/^-?\d+(\.\d+)?$/.test(key))
    .map((key) => record[key]);
}

function kindOfValues(values: readonly (string | number | boolean)[]): ScalarKind | undefined {
  if (values.length === 0) return undefined;
  if (values.every((v) => typeof v === 'string')) return 'string';
  if (values.every((v) => typeof v === 'number')) return values.every(Number.isInteger) ? 'integer' : 'number';
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  return undefined;
}

function kindOfSchema(schema: JsonSchema): ScalarKind | undefined {
  switch (schema.type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return schema.type;
    default:
      return undefined;
  }
}

/**
 * `pattern` as the validator will compile it: Ajv builds `new RegExp(pattern, 'u')`, so a pattern that is not
 * a valid Unicode-mode expression is a contract mistake found now, not a 500 at the route's first request.
 */
function checkedPattern(pattern: string | RegExp, where: string): string {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  try {
    new RegExp(source, 'u');
  } catch (err) {
    throw new ConfigError(
      'INVALID_PATTERN',
      `${where}: pattern ${JSON.stringify(source)} is not a valid regular expression: ${(err as Error).message}`,
    );
  }
  return source;
}

/** Constraints that apply to a single value (for arrays: to each element). */
function valueConstraints(options: SchemaOptions, where: string): JsonSchema {
  const out: { -readonly [K in keyof JsonSchema]: JsonSchema[K] } = {};
  if (options.format !== undefined) out.format = options.format;
  if (options.enum !== undefined) out.enum = enumValues(options.enum);
  if (options.minimum !== undefined) out.minimum = options.minimum;
  if (options.maximum !== undefined) out.maximum = options.maximum;
  if (options.exclusiveMinimum !== undefined) out.exclusiveMinimum = options.exclusiveMinimum;
  if (options.exclusiveMaximum !== undefined) out.exclusiveMaximum = options.exclusiveMaximum;
  if (options.minLength !== undefined) out.minLength = options.minLength;
  if (options.maxLength !== undefined) out.maxLength = options.maxLength;
  if (options.pattern !== undefined) out.pattern = checkedPattern(options.pattern, where);
  return out;
}

function copyOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/** Annotations that apply to the whole value (for arrays: to the array). */
function outerAnnotations(options: SchemaOptions, isArray: boolean): JsonSchema {
  const out: { -readonly [K in keyof JsonSchema]: JsonSchema[K] } = {};
  if (options.description !== undefined) out.description = options.description;
  // Copies: descriptors are frozen, and the user's own objects must not be.
  if (options.example !== undefined) out.example = copyOf(options.example);
  if (options.default !== undefined) out.default = copyOf(options.default);
  if (isArray && options.minItems !== undefined) out.minItems = options.minItems;
  if (isArray && options.maxItems !== undefined) out.maxItems = options.maxItems;
  return out;
}

/** Adds annotations and nullability to a schema, wrapping a `$ref` so neither OpenAPI nor Ajv loses them. */
function decorate(schema: JsonSchema, extra: JsonSchema, nullable: boolean): JsonSchema {
  if (schema.$ref !== undefined) {
    if (nullable) return { anyOf: [schema, { type: 'null' }], ...extra };
    return Object.keys(extra).length > 0 ? { allOf: [schema], ...extra } : schema;
  }
  return nullable ? { ...schema, ...extra, nullable: true } : { ...schema, ...extra };
}

function isClass(value: unknown): value is Class {
  return typeof value === 'function';
}

/** Named component schemas of DTO classes met while describing one service. */
export class ComponentSchemas {
  private readonly classes = new Map<string, Class>();
  private readonly schemas = new Map<string, JsonSchema>();
  private readonly renamed = new Map<string, Record<string, string>>();

  /** `jsonCase`: how property names become wire names (the keys of each component's `properties`). */
  constructor(private readonly jsonCase: JsonCase = 'lowerCamel') {}

  /** `{ $ref }` to the component for `cls`, building it (and what it references) the first time. */
  refFor(cls: Class, where: string): JsonSchema {
    const name = cls.name;
    const known = this.classes.get(name);
    if (known !== undefined && known !== cls) {
      throw new ConfigError(
        'SCHEMA_NAME_COLLISION',
        `two different DTO classes are both named ${name} (met at ${where}); component schemas need unique class names`,
      );
    }
    if (known === undefined) {
      this.classes.set(name, cls); // before building: a DTO may reference itself (trees)
      this.schemas.set(name, this.buildObjectSchema(cls, where));
    }
    return { $ref: COMPONENT_PREFIX + name };
  }

  toRecord(): Record<string, JsonSchema> {
    return Object.fromEntries(this.schemas);
  }

  /** Wire name → property name, for the components where some differ (ServiceDescriptor.propertyNames). */
  propertyNames(): Record<string, Record<string, string>> {
    return Object.fromEntries(this.renamed);
  }

  private buildObjectSchema(cls: Class, where: string): JsonSchema {
    const chain: Class[] = [];
    for (let c: unknown = cls; isClass(c) && c !== Function.prototype && c !== Object; c = Object.getPrototypeOf(c)) {
      chain.unshift(c);
    }
    const props = new Map<string, { owner: Class; options: PropOptions }>();
    for (const owner of chain) for (const p of readOwnProps(owner)) props.set(p.name, { owner, options: p.options });
    if (props.size === 0) {
      throw new ConfigError(
        'DTO_WITHOUT_PROPS',
        `${cls.name} (used at ${where}) has no @Prop() fields; decorate its fields so it has a schema, or give a type`,
      );
    }
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    const renamed: Record<string, string> = {};
    const owners = new Map<string, string>();
    for (const [name, { owner, options }] of props) {
      const wire = wireNameOf(name, this.jsonCase, options.name);
      const earlier = owners.get(wire);
      if (earlier !== undefined) {
        throw new ConfigError(
          'DUPLICATE_WIRE_NAME',
          `${cls.name}.${earlier} and ${cls.name}.${name} are both '${wire}' on the wire (jsonCase ${this.jsonCase}); give one @Prop({ name })`,
        );
      }
      owners.set(wire, name);
      if (wire !== name) renamed[wire] = name;
      const resolved = resolveType(reflectPropType(owner, name), options, `${cls.name}.${name}`, this);
      properties[wire] = resolved.schema;
      // A default makes a field optional: the server fills it in when absent, so clients need not send it.
      if (options.optional !== true && options.default === undefined) required.push(wire);
    }
    if (Object.keys(renamed).length > 0) this.renamed.set(cls.name, renamed);
    return required.length > 0 ? { type: 'object', properties, required } : { type: 'object', properties };
  }
}

/** One element type (never an array): its schema before options, and its kind. */
function resolveElement(
  spec: unknown,
  explicit: boolean,
  options: SchemaOptions,
  where: string,
  components: ComponentSchemas,
): ResolvedType {
  if (typeof spec === 'string') {
    if (!(SCALAR_KINDS as readonly string[]).includes(spec)) {
      throw new ConfigError('UNSUPPORTED_TYPE', `${where}: unknown type name '${spec}' (use one of ${SCALAR_KINDS.join(', ')})`);
    }
    return { schema: scalarSchema(spec as ScalarKind), coerce: spec as ScalarKind, isArray: false };
  }
  if (spec === String) return { schema: { type: 'string' }, coerce: 'string', isArray: false };
  if (spec === Boolean) return { schema: { type: 'boolean' }, coerce: 'boolean', isArray: false };
  if (spec === Date) return { schema: scalarSchema('date'), coerce: 'date', isArray: false };
  if (spec === Number) {
    const kind: ScalarKind = options.integer === true ? 'integer' : 'number';
    return { schema: { type: kind }, coerce: kind, isArray: false };
  }
  if (spec === Object || spec === undefined) {
    const kind = options.enum !== undefined ? kindOfValues(enumValues(options.enum)) : undefined;
    if (kind !== undefined) return { schema: scalarSchema(kind), coerce: kind, isArray: false };
    if (spec === Object && explicit) return { schema: { type: 'object' }, isArray: false };
    const seen =
      spec === undefined ? 'no type metadata (is emitDecoratorMetadata on?)' : 'Object (an interface, a union such as T | null, or any)';
    throw new ConfigError(
      'UNTYPED_VALUE',
      `${where}: reflection saw ${seen}; say what it is with { type: … } (a class, String, Number, [X], Object)`,
    );
  }
  if (spec === Array) {
    throw new ConfigError('UNTYPED_ARRAY', `${where} is an array but its element type is unknown; add { type: [ElementType] }`);
  }
  if (isClass(spec)) {
    if (NOT_DTOS.includes(spec)) {
      throw new ConfigError('UNSUPPORTED_TYPE', `${where}: ${spec.name} has no JSON form; use a DTO class, a scalar or give { type: … }`);
    }
    return { schema: components.refFor(spec, where), isArray: false, dto: spec };
  }
  if (spec !== null && typeof spec === 'object') {
    const schema = { ...(spec as JsonSchema) };
    const kind = schema.type === 'string' && schema.format === 'date-time' ? undefined : kindOfSchema(schema);
    return { schema, coerce: kind, isArray: schema.type === 'array' };
  }
  throw new ConfigError('UNSUPPORTED_TYPE', `${where}: cannot use ${String(spec)} as a type`);
}

/**
 * The schema of a property or parameter: `options.type` (or `[options.items]`) wins over the reflected type;
 * element constraints go on array items, annotations on the outer schema.
 */
export function resolveType(reflected: unknown, options: SchemaOptions, where: string, components: ComponentSchemas): ResolvedType {
  const explicit = options.type !== undefined || options.items !== undefined;
  const spec: unknown = options.type ?? (options.items !== undefined ? [options.items] : reflected);
  const nullable = options.nullable === true;
  if (Array.isArray(spec)) {
    if (spec.length !== 1) {
      throw new ConfigError('UNSUPPORTED_TYPE', `${where}: an array type is written [ElementType] with exactly one element`);
    }
    const element = resolveElement(spec[0], true, options, where, components);
    if (element.isArray) throw new ConfigError('UNSUPPORTED_TYPE', `${where}: arrays of arrays are not supported`);
    const items = decorate(element.schema, element.schema.$ref === undefined ? valueConstraints(options, where) : {}, false);
    const schema = decorate({ type: 'array', items }, outerAnnotations(options, true), nullable);
    return { schema, coerce: element.coerce, isArray: true };
  }
  const element = resolveElement(spec, explicit, options, where, components);
  const constraints = element.schema.$ref === undefined ? valueConstraints(options, where) : {};
  const schema = decorate({ ...element.schema, ...constraints }, outerAnnotations(options, element.isArray), nullable);
  return { ...element, schema };
}
