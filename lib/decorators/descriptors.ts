/**
 * Descriptors: the one source of truth. Decorators record facts; `describeService()` turns a decorated
 * class into these plain, frozen objects. Routes, validation, the OpenAPI document and the typed client
 * are all built from descriptors and never read reflection metadata themselves.
 */
import type { Class } from './class-type';
import type { JsonCase } from './json-case';

/** A JSON Schema (draft 2020-12 subset that OpenAPI 3.0 can also express). */
export interface JsonSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
  format?: string;
  description?: string;
  enum?: readonly (string | number | boolean)[];
  items?: JsonSchema;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  default?: unknown;
  example?: unknown;
  /** Reference to a named component schema (a DTO class), e.g. `#/components/schemas/User`. */
  $ref?: string;
  /** Wraps a `$ref` that carries a description: `{ allOf: [{ $ref }], description }` (OpenAPI 3.0 ignores `$ref` siblings). */
  allOf?: readonly JsonSchema[];
  /** A nullable DTO reference: `{ anyOf: [{ $ref }, { type: 'null' }] }` (OpenAPI output turns it into `nullable`). */
  anyOf?: readonly JsonSchema[];
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ParamLocation = 'path' | 'query' | 'header' | 'body' | 'form' | 'file' | 'context';

/** What a scalar is coerced to when it arrives as a string (path, query, header, form field). */
export type ScalarKind = 'string' | 'number' | 'integer' | 'boolean' | 'date';

export interface ParamDescriptor {
  /** Position of the argument in the handler method. */
  index: number;
  /** Wire name: path variable, query key, header name, form field, file field. Empty for a whole body. */
  name: string;
  in: ParamLocation;
  schema: JsonSchema;
  required: boolean;
  /** For path/query/header/form scalars and arrays of scalars: how to coerce each string. */
  coerce?: ScalarKind;
  /** For arrays from query/form: the value is a list (`?a=1&a=2`, also `a[]=`). */
  isArray?: boolean;
  /** For `file` params: several files under one field name. */
  multiple?: boolean;
  /** DTO class of a body param, when there is one (used for component naming and instance mapping). */
  dto?: Class;
}

export interface ResponseDescriptor {
  /** 200 schema; undefined means no content (204 when the handler returns undefined). */
  schema?: JsonSchema;
  /** The handler returns a download (Buffer/Readable with a file name). */
  file?: boolean;
  /** Media types a download may have (`{ file: { mediaTypes } }`); absent: any (documented as octet-stream). */
  mediaTypes?: readonly string[];
  description?: string;
}

/** An error answer a route declares (`errors: [...]`), normalised: one status, its codes, what it means. */
export interface ErrorResponseDescriptor {
  status: number;
  codes: readonly string[];
  description: string;
  /** Schema of `error.details`; absent when the error carries none. */
  details?: JsonSchema;
}

export interface RouteDescriptor {
  /** Method name on the service class; also the OpenAPI operationId. */
  operationId: string;
  method: HttpMethod;
  /** Koa-style path with `:name` variables, relative to the service root (no GDD_ROUTE_ROOT_PATH). */
  path: string;
  params: readonly ParamDescriptor[];
  /** Media type of the request body when the route has one. */
  bodyType?: 'application/json' | 'application/x-www-form-urlencoded' | 'multipart/form-data';
  response: ResponseDescriptor;
  /** Error answers the route declares beyond the framework's own (lib/http/route-errors.ts adds those). */
  errors: readonly ErrorResponseDescriptor[];
  summary?: string;
  description?: string;
  tags: readonly string[];
  deprecated?: boolean;
}

export interface ServiceDescriptor {
  /** Service name (`@Service('usersvc')`), also the gossip service name. */
  name: string;
  /** Prefix of every route of this service (from `@Service({ path })`), '' for none. */
  rootPath: string;
  routes: readonly RouteDescriptor[];
  /** Named component schemas referenced by `$ref` from routes (DTO classes). */
  schemas: Readonly<Record<string, JsonSchema>>;
  /** The class that was described (the contract or the implementation). */
  target: Class;
  /** From `@Service({ description })`; documents the service's tag in OpenAPI. */
  description?: string;
  /** The case of DTO property names on the wire; absent means `lowerCamel`. `schemas` are keyed by wire names. */
  jsonCase?: JsonCase;
  /**
   * For each component schema with a property whose wire name differs from its TypeScript name: wire name →
   * property name (only those that differ). What binding and the client rename by (lib/decorators/wire-keys.ts).
   */
  propertyNames?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}
