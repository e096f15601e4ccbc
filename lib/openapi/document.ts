import { isDeepStrictEqual } from 'node:util';
import { oas30 } from 'openapi3-ts';
import { ConfigError } from '../errors';
import type { ErrorResponseDescriptor, ServiceDescriptor } from '../decorators/descriptors';
import { joinRoutePath } from '../decorators/route-path';
import { REQUEST_ID_HEADER } from '../http/request-id';
import { FIELD_ERRORS_SCHEMA, routeErrors } from '../http/route-errors';
import { FIELD_ERROR_NAME, FIELD_ERROR_SCHEMA, REQUEST_ID_HEADER_OBJECT } from './error-response';
import { closeResponseObjects } from './closed-responses';
import { buildOperation } from './operation';
import { toOpenApiSchema } from './schema-conversion';

export interface OpenApiOptions {
  title: string;
  version: string;
  /** Default: the services' descriptions, one line each. */
  description?: string;
  contact?: oas30.ContactObject;
  /** GDD_ROUTE_ROOT_PATH: prefixes every path. */
  rootPath?: string;
  /** Default: `/`, the server that serves the document (relative URLs resolve against where it was read). */
  servers?: readonly oas30.ServerObject[];
  /** Error answers of middleware mounted in front of every route (rateLimit(), bulkhead(): 429). */
  middlewareErrors?: readonly ErrorResponseDescriptor[];
}

const SELF_SERVER: oas30.ServerObject = { url: '/', description: 'The server that serves this document' };

/** `usersvc: Users and their files` per service that has a description; a lone service's description as it is. */
function servicesDescription(services: readonly ServiceDescriptor[]): string | undefined {
  const described = services.filter((s) => s.description !== undefined && s.description !== '');
  if (described.length === 0) return undefined;
  if (services.length === 1) return described[0]?.description;
  return described.map((s) => `${s.name}: ${s.description ?? ''}`).join('\n');
}

/** The OpenAPI form of a Koa-style path: `/users/:id` → `/users/{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z_$][\w$]*)/g, '{$1}');
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Does any route answer a 400 with `[{ field, message }]` details (so FieldError is referenced)? */
function usesFieldErrors(services: readonly ServiceDescriptor[]): boolean {
  return services.some((s) => s.routes.some((r) => routeErrors(r).some((a) => a.codes.some((c) => c.details === FIELD_ERRORS_SCHEMA))));
}

/**
 * Component schemas of every service, deduplicated; one name with two shapes is a contract error — also
 * when one DTO class is served by two services of different `jsonCase` (its properties would carry two
 * sets of names under one component name).
 */
function collectSchemas(services: readonly ServiceDescriptor[]): Map<string, oas30.SchemaObject | oas30.ReferenceObject> {
  // FieldError only when something refers to it: an unused component is a lint warning (Spectral)
  const own: Array<[string, oas30.SchemaObject]> = usesFieldErrors(services) ? [[FIELD_ERROR_NAME, FIELD_ERROR_SCHEMA]] : [];
  const schemas = new Map<string, oas30.SchemaObject | oas30.ReferenceObject>(own);
  const owners = new Map<string, ServiceDescriptor | undefined>(own.map(([name]) => [name, undefined]));
  for (const service of services) {
    for (const [name, schema] of Object.entries(service.schemas)) {
      const converted = toOpenApiSchema(schema);
      const earlier = schemas.get(name);
      if (earlier !== undefined && !isDeepStrictEqual(earlier, converted)) throw collision(name, service, owners.get(name));
      schemas.set(name, converted);
      if (!owners.has(name)) owners.set(name, service);
    }
  }
  return schemas;
}

function collision(name: string, service: ServiceDescriptor, owner: ServiceDescriptor | undefined): ConfigError {
  const caseOf = (s: ServiceDescriptor): string => s.jsonCase ?? 'lowerCamel';
  if (owner !== undefined && caseOf(owner) !== caseOf(service)) {
    return new ConfigError(
      'SCHEMA_NAME_COLLISION',
      `component schema ${name} is served by ${owner.name} (jsonCase ${caseOf(owner)}) and ${service.name} (jsonCase ${caseOf(service)}) ` +
        `with different property names; give both services one jsonCase, or one of them its own class (class ${name}Snake extends ${name} {})`,
    );
  }
  return new ConfigError(
    'SCHEMA_NAME_COLLISION',
    `component schema ${name} of service ${service.name} differs from the one of ${owner?.name ?? 'ts-doudou'}; rename one DTO class`,
  );
}

/** operationIds are method names; when two services share one, both are prefixed with their service name. */
function operationIds(services: readonly ServiceDescriptor[]): (service: ServiceDescriptor, op: string) => string {
  const counts = new Map<string, number>();
  for (const s of services) for (const r of s.routes) counts.set(r.operationId, (counts.get(r.operationId) ?? 0) + 1);
  return (service, op) => ((counts.get(op) ?? 0) > 1 ? `${service.name}_${op}` : op);
}

function tagObjects(services: readonly ServiceDescriptor[]): oas30.TagObject[] {
  const tags = new Map<string, oas30.TagObject>();
  for (const s of services) {
    for (const r of s.routes) for (const t of r.tags) if (!tags.has(t)) tags.set(t, { name: t });
    const own = tags.get(s.name);
    if (own !== undefined && s.description !== undefined && own.description === undefined) own.description = s.description;
  }
  return [...tags.values()];
}

/**
 * The OpenAPI 3.0 document of the given services: one operation per route, component schemas of all DTOs,
 * the `FieldError` of 400 details and the X-Request-Id header every response carries; objects only success
 * responses use are closed (closed-responses.ts). A pure function of the descriptors (and of the error
 * answers of mounted middleware).
 */
export function buildOpenApiDocument(services: readonly ServiceDescriptor[], options: OpenApiOptions): oas30.OpenAPIObject {
  const info: oas30.InfoObject = { title: options.title, version: options.version };
  const description = options.description ?? servicesDescription(services);
  if (description !== undefined) info.description = description;
  if (options.contact !== undefined) info.contact = { ...options.contact };
  const builder = oas30.OpenApiBuilder.create({ openapi: '3.0.3', info, paths: {}, components: { schemas: {} } });
  for (const server of options.servers ?? [SELF_SERVER]) builder.addServer({ ...server });
  for (const tag of tagObjects(services)) builder.addTag(tag);
  for (const [name, schema] of collectSchemas(services)) builder.addSchema(name, schema);
  builder.addHeader(REQUEST_ID_HEADER, REQUEST_ID_HEADER_OBJECT);

  const operationId = operationIds(services);
  const seen = new Map<string, string>();
  for (const service of services) {
    for (const route of service.routes) {
      const path = toOpenApiPath(joinRoutePath(options.rootPath ?? '', service.rootPath, route.path));
      const key = `${route.method} ${path.replace(/\{[^}]+\}/g, '{}')}`;
      const where = `${service.name}.${route.operationId}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new ConfigError('DUPLICATE_ROUTE', `${earlier} and ${where} are both ${route.method} ${path}`);
      }
      seen.set(key, where);
      const method = route.method.toLowerCase() as Method;
      builder.addPath(path, { [method]: buildOperation(route, operationId(service, route.operationId), options.middlewareErrors) });
    }
  }
  const document = builder.getSpec();
  closeResponseObjects(document);
  return document;
}
