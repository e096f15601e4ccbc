import type { JsonSchema, ScalarKind } from './descriptors';
import type { JsonCase } from './json-case';

/** The scalar constructors reflection reports and users may name: `String`, `Number`, `Boolean`, `Date`. */
export type ScalarConstructor = StringConstructor | NumberConstructor | BooleanConstructor | DateConstructor;

/** Any class; used for DTO classes (their `@Prop()` fields make a component schema). */
export type ClassType = abstract new (...args: never[]) => unknown;

/**
 * What a value is, when reflection cannot tell (arrays, integers, return types):
 * a scalar constructor, a DTO class, `Object` (free-form object), `[X]` (array of X), a scalar kind name
 * (`'integer'`), or a ready JSON Schema.
 */
export type TypeSpec = ScalarConstructor | ObjectConstructor | ClassType | readonly [TypeSpec] | ScalarKind | JsonSchema;

/** Allowed values: a list, or a TypeScript enum object (`enum Color { Red = 'red' }` → `['red']`). */
export type EnumSpec = readonly (string | number | boolean)[] | Readonly<Record<string, string | number>>;

/** What reflection cannot see about a property or parameter, plus its JSON Schema constraints. */
export interface SchemaOptions {
  /** The type, when reflection cannot see it (arrays: `[Number]`, integers: `'integer'`). */
  type?: TypeSpec;
  /** Element type of an array property/parameter; the same as `type: [items]`. */
  items?: TypeSpec;
  /** May be absent (TS `?` is invisible to reflection). */
  optional?: boolean;
  /** May be `null`. */
  nullable?: boolean;
  /** A Number that must be whole: schema `integer`, coerced with integer rules. */
  integer?: boolean;
  format?: string;
  enum?: EnumSpec;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string | RegExp;
  minItems?: number;
  maxItems?: number;
  description?: string;
  example?: unknown;
  default?: unknown;
}

/** `@Prop()` options. */
export interface PropOptions extends SchemaOptions {
  /** The field's name on the wire (JSON bodies, validation messages, the document); wins over the service's `jsonCase`. */
  name?: string;
}

/** `@Path()`, `@Query()`, `@Header()`, `@Form()`, `@Body()` options. */
export type ParamOptions = SchemaOptions;

/** `@UploadedFile()` options. */
export interface UploadedFileOptions {
  /** Several files under one field name (inferred when the parameter is typed as an array). */
  multiple?: boolean;
  optional?: boolean;
  description?: string;
}

/**
 * One error answer of a route, declared once in `errors: [...]`: the OpenAPI document lists it (status, code
 * enum, example), the generated client types it, the mock can answer it, and in development an error the
 * handler throws that no declaration covers is logged as a contract breach (docs/errors.md#declaring-errors).
 */
export interface ErrorResponseOptions {
  /** HTTP status, 400–599. */
  status: number;
  /** The `error.code` answered with this status, or every code that can be. */
  code: string | readonly string[];
  /** What it means to the caller (the response's description in the document). */
  description?: string;
  /** The type of `error.details`, when the error carries details. */
  details?: TypeSpec;
}

/** `@Get()`/`@Post()`/… options. */
export interface RouteOptions {
  /** The 200 response body type; without it the route answers 204 No Content. */
  returns?: TypeSpec;
  summary?: string;
  description?: string;
  /** OpenAPI tags; default: the service's tags. */
  tags?: readonly string[];
  deprecated?: boolean;
  /**
   * The handler returns a `FileResult` download. `true`: any type, documented as application/octet-stream;
   * `{ mediaTypes: ['image/png'] }`: the types it may have (ranges like `image/*` too), each documented,
   * and a FileResult of another type is a 500 (README, "Declaring a service").
   */
  file?: boolean | { mediaTypes: readonly string[] };
  /** The errors the handler answers with (ts-doudou's own 400/413/415/500 are listed without this). */
  errors?: readonly ErrorResponseOptions[];
}

/** `@Service()` options. */
export interface ServiceOptions {
  /** Service name; also the gossip service name and the default OpenAPI tag. */
  name: string;
  /** Prefix of every route of this service, e.g. `/v1`. */
  path?: string;
  /** OpenAPI tags of every route; default `[name]`. */
  tags?: readonly string[];
  description?: string;
  /**
   * The case of DTO property names on the wire: `'lowerCamel'` (as declared) or `'snake'` (`pageSize` →
   * `page_size`). Default: the App's `GDD_JSON_CASE` (lowerCamel), or the client's `jsonCase` option.
   */
  jsonCase?: JsonCase;
}
