/**
 * ServiceDescriptor + instance → @koa/router routes. Per route, built once at mount: the full path
 * (GDD_ROUTE_ROOT_PATH + service root + route path), the body reader its media type needs, the compiled
 * validator and the handler. At request time: read body → bind params → call → serialize.
 */
import type Router from '@koa/router';
import type { Layer } from '@koa/router';
import type Ajv from 'ajv';
import type { Context, Middleware } from 'koa';
import { bodyKindOf } from '../decorators/body-kind';
import type { ErrorResponseDescriptor, RouteDescriptor, ServiceDescriptor } from '../decorators/descriptors';
import { ConfigError, HttpError } from '../errors';
import { LOGGED_BODY } from './access-log';
import type { CompileQueue } from './compile-queue';
import type { ContractBreaches } from './contract-breaches';
import { LOGGED_RESPONSE } from './request-dump';
import type { MultipartBodyReader } from './multipart-body';
import { ParamBinder, type ParsedBody } from './param-binder';
import { isPromiseLike } from './promise-like';
import { hasBody, parseJsonBody, readBody, readFormBody } from './request-body';
import type { RouteDispatch } from './route-dispatch';
import { gddState } from './request-state';
import { ResponseWriter } from './response-writer';
import { answerKeys, routeErrors } from './route-errors';

export interface RouteBuildContext {
  /** The server's ajv instance, created when the first validator is compiled (compile-queue.ts). */
  ajv: () => Ajv;
  rootPath: string;
  jsonLimit: number;
  formLimit: number;
  multipart: MultipartBodyReader;
  logBodies: boolean;
  /** User middleware that runs for matched business routes only, just before the body is read. */
  afterMiddleware: Middleware;
  /** Where handlers that stray from their descriptor are reported (development only). */
  breaches: ContractBreaches;
  /** Error answers of the user middleware mounted so far (a rate limiter's 429): every route may give them. */
  middlewareErrors: ErrorResponseDescriptor[];
  /** Routes requests may reach without the Koa chain (route-dispatch.ts). */
  dispatch: RouteDispatch;
  /** Where each route's validator and serializer wait to be compiled (compile-queue.ts). */
  compileQueue: CompileQueue;
}

export interface BuiltRoute {
  name: string;
  method: string;
  pattern: string;
}

/** `('/api', '', '/users/:id')` → `/api/users/:id`; never a double or trailing slash. */
export function joinPaths(...parts: string[]): string {
  const joined = parts
    .flatMap((p) => p.split('/'))
    .filter((s) => s !== '')
    .join('/');
  return `/${joined}`;
}

function unsupported(ctx: Context, expected: string): HttpError {
  const got = ctx.get('Content-Type') || 'none';
  return HttpError.of('UNSUPPORTED_MEDIA_TYPE', `Content-Type ${got} is not accepted here; send ${expected}`);
}

const NO_BODY: ParsedBody = Object.freeze({});

/** ctx.is('json', '+json'), answered without parsing the Content-Type for the two spellings clients send. */
function isJsonRequest(ctx: Context): boolean {
  const type = ctx.req.headers['content-type'];
  return type === 'application/json' || type === 'application/json; charset=utf-8' || Boolean(ctx.is('json', '+json'));
}

/**
 * Reads the route's body, then hands it to `use`. JSON routes take only JSON, read and parsed in one
 * promise (with the request's async context on, each async step costs a hook: bench/http); form routes
 * accept either form encoding (browsers pick).
 */
function withRouteBody(
  ctx: Context,
  kind: 'json' | 'form' | 'multipart',
  b: RouteBuildContext,
  use: (body: ParsedBody) => unknown,
): Promise<unknown> {
  if (kind !== 'json') return readFormKinds(ctx, kind, b).then(use);
  if (!isJsonRequest(ctx)) return Promise.reject(unsupported(ctx, 'application/json'));
  return readBody(ctx, b.jsonLimit).then((raw) => use({ json: parseJsonBody(raw) }));
}

async function readFormKinds(ctx: Context, kind: 'form' | 'multipart', b: RouteBuildContext): Promise<ParsedBody> {
  if (ctx.is('urlencoded')) return { form: await readFormBody(ctx, b.formLimit) };
  if (ctx.is('multipart')) {
    const { fields, files } = await b.multipart.read(ctx);
    return { form: fields, files };
  }
  throw unsupported(ctx, kind === 'multipart' ? 'multipart/form-data' : 'application/x-www-form-urlencoded or multipart/form-data');
}

function handlerOf(instance: object, route: RouteDescriptor, service: string): (...args: unknown[]) => unknown {
  const fn = (instance as Record<string, unknown>)[route.operationId];
  if (typeof fn !== 'function') {
    throw new ConfigError(
      'HANDLER_MISSING',
      `${service}: the instance has no method ${route.operationId}() for ${route.method} ${route.path}`,
    );
  }
  return fn as (...args: unknown[]) => unknown;
}

/** Adds every route of the service to `router`; returns them for the start-up route table. */
export function mountService(router: Router, descriptor: ServiceDescriptor, instance: object, b: RouteBuildContext): BuiltRoute[] {
  const built: BuiltRoute[] = [];
  for (const route of descriptor.routes) {
    const pattern = joinPaths(b.rootPath, descriptor.rootPath, route.path);
    const handler = handlerOf(instance, route, descriptor.name);
    const binder = new ParamBinder(b.ajv, route, descriptor, b.compileQueue);
    const writer = new ResponseWriter(route, descriptor, b.breaches, b.compileQueue);
    const kind = bodyKindOf(route);
    const declared = b.breaches.enabled ? answerKeys(routeErrors(route, b.middlewareErrors)) : undefined;
    const undeclared = (err: unknown): never => {
      if (declared !== undefined) b.breaches.reportUndeclaredError(route.operationId, declared, err);
      throw err;
    };
    // Per request: read body → bind params → call → serialize, waiting only for what really is asynchronous:
    // a route without a body and a synchronous handler runs synchronously, creating no promise at all.
    const answer = (ctx: Context, result: unknown): unknown => {
      const written = writer.write(ctx, result);
      if (!b.logBodies) return written;
      const logResponse = (): void => void ((ctx.state as Record<symbol, unknown>)[LOGGED_RESPONSE] = ctx.body);
      return written === undefined ? logResponse() : written.then(logResponse);
    };
    const call = (ctx: Context, body: ParsedBody): unknown => {
      // a copy: validation fills schema defaults into the body, the log shows what the client sent
      if (b.logBodies) (ctx.state as Record<symbol, unknown>)[LOGGED_BODY] = structuredClone(body.json ?? body.form);
      const args = binder.bind(ctx, body);
      let result: unknown;
      try {
        result = handler.apply(instance, args);
      } catch (err) {
        return undeclared(err);
      }
      return isPromiseLike(result) ? Promise.resolve(result).then((r) => answer(ctx, r), undeclared) : answer(ctx, result);
    };
    const invoke = (ctx: Context): unknown =>
      kind === undefined || !hasBody(ctx) ? call(ctx, NO_BODY) : withRouteBody(ctx, kind, b, (body) => call(ctx, body));
    // One router layer per route: the template for metrics/logs, then 'after' user middleware, then the call.
    const handle: Middleware = (ctx) => {
      gddState(ctx).routeTemplate = pattern;
      // the slot hands user middleware a next() that always returns a promise, whatever invoke returns
      return b.afterMiddleware(ctx, () => invoke(ctx) as Promise<void>);
    };
    const layer = router.register(pattern, [route.method], [handle], { name: route.operationId }) as Layer;
    // a handler given ctx could read what the router leaves on it: those routes always go through the chain
    if (!route.params.some((p) => p.in === 'context')) {
      b.dispatch.add(layer, (ctx) => {
        gddState(ctx).routeTemplate = pattern;
        return invoke(ctx);
      });
    }
    built.push({ name: route.operationId, method: route.method, pattern });
  }
  return built;
}
