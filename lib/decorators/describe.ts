import { ConfigError } from '../errors';
import { deepFreeze } from './deep-freeze';
import { describeErrors } from './describe-errors';
import { describeParams } from './describe-params';
import type { ParamDescriptor, ResponseDescriptor, RouteDescriptor, ServiceDescriptor } from './descriptors';
import { readOwnRoutes, readOwnService, type RouteRecord } from './metadata';
import { pathFromMethodName } from './route-convention';
import { joinRoutePath, pathVariables } from './route-path';
import { JSON_CASES, type JsonCase } from './json-case';
import type { ServiceOptions } from './schema-options';
import { ComponentSchemas, resolveType } from './schema-resolver';
import type { Class } from './class-type';

/**
 * `describeService(cls)`: a decorated class → one frozen ServiceDescriptor. Decorators may sit on a contract
 * class that the implementation extends (go-doudou's svc.go / svcimpl.go): the prototype chain is walked,
 * the nearest `@Service` wins, and a method re-decorated in a subclass replaces the inherited route.
 * Every contract mistake is a ConfigError with a stable code, raised here, at start-up.
 */

/** Per class, per JSON key case: the same contract is described once for each case it is used with. */
const memo = new WeakMap<Class, Map<JsonCase, ServiceDescriptor>>();

export interface DescribeOptions {
  /** The case of DTO property names when the service does not say (`@Service({ jsonCase })`). Default `lowerCamel`. */
  jsonCase?: JsonCase;
}

/** `cls` and its ancestors, nearest first. */
function classChain(cls: Class): Class[] {
  const chain: Class[] = [];
  for (let c: unknown = cls; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.push(c as Class);
  return chain;
}

/** The `@Service` options along the chain, merged field by field, the nearest class winning. */
function findService(chain: readonly Class[]): ServiceOptions {
  const found = chain.map((c) => readOwnService(c)).filter((o): o is ServiceOptions => o !== undefined);
  if (found.length > 0) {
    const merged: Partial<ServiceOptions> = {};
    for (const options of [...found].reverse()) {
      for (const [key, value] of Object.entries(options)) if (value !== undefined) Object.assign(merged, { [key]: value });
    }
    return merged as ServiceOptions;
  }
  throw new ConfigError(
    'NOT_A_SERVICE',
    `${chain[0]?.name ?? 'class'} is not a service: decorate it (or the contract it extends) with @Service('name')`,
  );
}

interface OwnedRoute {
  owner: Class;
  record: RouteRecord;
}

/** Routes by method name; base classes first, so a subclass re-decoration replaces in place. */
function collectRoutes(chain: readonly Class[]): Map<string, OwnedRoute> {
  const routes = new Map<string, OwnedRoute>();
  for (const owner of [...chain].reverse()) {
    for (const [name, record] of readOwnRoutes(owner)) routes.set(name, { owner, record });
  }
  return routes;
}

function bodyTypeOf(params: readonly ParamDescriptor[], route: string, method: string): RouteDescriptor['bodyType'] {
  const body = params.filter((p) => p.in === 'body');
  const files = params.some((p) => p.in === 'file');
  const forms = params.some((p) => p.in === 'form');
  if (body.length > 1) {
    throw new ConfigError(
      'DUPLICATE_BODY',
      `${route} has @Body() on parameters #${body.map((p) => p.index).join(' and #')}; a request has one body`,
    );
  }
  if (body.length === 1 && (files || forms)) {
    throw new ConfigError('MIXED_BODY', `${route} mixes @Body() with @Form/@UploadedFile; a body is either JSON or a form`);
  }
  const bodyType =
    body.length === 1 ? 'application/json' : files ? 'multipart/form-data' : forms ? 'application/x-www-form-urlencoded' : undefined;
  if (bodyType !== undefined && method === 'GET') {
    throw new ConfigError('BODY_ON_GET', `${route} is a GET route with a request body (${bodyType}); use @Query or another method`);
  }
  return bodyType;
}

function checkPathVariables(params: readonly ParamDescriptor[], fullPath: string, route: string): void {
  const variables = pathVariables(fullPath);
  const bound = params.filter((p) => p.in === 'path').map((p) => p.name);
  for (const v of variables) {
    if (!bound.includes(v)) {
      throw new ConfigError('UNBOUND_PATH_VARIABLE', `${route}: path ${fullPath} has :${v} but no @Path('${v}') parameter`);
    }
  }
  for (const b of bound) {
    if (!variables.includes(b)) {
      throw new ConfigError('UNKNOWN_PATH_PARAMETER', `${route}: @Path('${b}') names no variable of path ${fullPath}`);
    }
  }
}

/** `type/subtype` (or a `type/*` range), lower-cased, without parameters: what a download may declare. */
function downloadMediaTypes(declared: readonly string[], route: string): readonly string[] {
  const types = declared.map((t) => t.trim().toLowerCase());
  const bad = types.find((t) => !/^[a-z0-9][\w!#$&^.+-]*\/(\*|[a-z0-9][\w!#$&^.+-]*)$/.test(t));
  if (types.length === 0 || bad !== undefined) {
    throw new ConfigError(
      'CONFLICTING_RESPONSE',
      `${route}: { file: { mediaTypes } } needs one or more media types like 'image/png' (without parameters)${bad !== undefined ? `, not '${bad}'` : ''}`,
    );
  }
  return types;
}

function describeResponse(record: RouteRecord, route: string, components: ComponentSchemas): ResponseDescriptor {
  const { returns, file } = record.options;
  if (file !== undefined && file !== false && returns !== undefined) {
    throw new ConfigError('CONFLICTING_RESPONSE', `${route} has both { file } and { returns }; a download has no JSON schema`);
  }
  if (file === true) return { file: true, description: 'The file' };
  if (typeof file === 'object') return { file: true, mediaTypes: downloadMediaTypes(file.mediaTypes, route), description: 'The file' };
  if (returns === undefined) return { description: 'No content' };
  return { schema: resolveType(undefined, { type: returns }, `${route} returns`, components).schema, description: 'OK' };
}

function describeRoute(
  name: string,
  { owner, record }: OwnedRoute,
  service: ServiceOptions,
  components: ComponentSchemas,
): RouteDescriptor {
  const route = `${owner.name}.${name}`;
  const path = record.path !== undefined ? joinRoutePath(record.path) : pathFromMethodName(name, record.method);
  const params = describeParams(owner, name, components);
  checkPathVariables(params, joinRoutePath(service.path ?? '', path), route);
  const bodyType = bodyTypeOf(params, route, record.method);
  const { summary, description, tags, deprecated } = record.options;
  return {
    operationId: name,
    method: record.method,
    path,
    params,
    ...(bodyType !== undefined ? { bodyType } : {}),
    response: describeResponse(record, route, components),
    errors: describeErrors(record.options.errors, route, components),
    ...(summary !== undefined ? { summary } : {}),
    ...(description !== undefined ? { description } : {}),
    tags: [...(tags ?? service.tags ?? [service.name])],
    ...(deprecated === true ? { deprecated } : {}),
  };
}

function checkDuplicateRoutes(routes: readonly RouteDescriptor[], chain: readonly Class[]): void {
  const seen = new Map<string, RouteDescriptor>();
  for (const r of routes) {
    const key = `${r.method} ${r.path.replace(/:[^/]+/g, ':')}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new ConfigError(
        'DUPLICATE_ROUTE',
        `${chain[0].name}: ${earlier.operationId} and ${r.operationId} are both ${r.method} ${r.path}; give one an explicit path`,
      );
    }
    seen.set(key, r);
  }
}

/**
 * The frozen, memoized descriptor of a service class (contract or implementation). The service's own
 * `jsonCase` wins over `options.jsonCase` (the App's GDD_JSON_CASE, a client's option).
 */
export function describeService(cls: Class, options: DescribeOptions = {}): ServiceDescriptor {
  const chain = classChain(cls);
  const service = findService(chain);
  const jsonCase = service.jsonCase ?? options.jsonCase ?? 'lowerCamel';
  if (!JSON_CASES.includes(jsonCase)) {
    throw new ConfigError('INVALID_JSON_CASE', `${service.name}: jsonCase '${String(jsonCase)}' is not one of ${JSON_CASES.join(', ')}`);
  }
  let byCase = memo.get(cls);
  const known = byCase?.get(jsonCase);
  if (known !== undefined) return known;
  const components = new ComponentSchemas(jsonCase);
  const routes = [...collectRoutes(chain)].map(([name, owned]) => describeRoute(name, owned, service, components));
  checkDuplicateRoutes(routes, chain);
  const descriptor: ServiceDescriptor = {
    name: service.name,
    rootPath: service.path !== undefined && service.path !== '' ? joinRoutePath(service.path) : '',
    routes,
    schemas: components.toRecord(),
    target: cls,
    ...(service.description !== undefined ? { description: service.description } : {}),
    jsonCase,
    propertyNames: components.propertyNames(),
  };
  deepFreeze(descriptor);
  if (byCase === undefined) memo.set(cls, (byCase = new Map()));
  byCase.set(jsonCase, descriptor);
  return descriptor;
}
