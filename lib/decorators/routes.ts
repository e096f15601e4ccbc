import { classOf } from './class-type';
import { ConfigError } from '../errors';
import type { HttpMethod } from './descriptors';
import { recordRoute } from './metadata';
import type { RouteOptions } from './schema-options';

/** `@Get()`, `@Get('/users/:id')`, `@Get({ returns: User })`, `@Get('/users/:id', { returns: User })`. */
export type RouteDecorator = (pathOrOptions?: string | RouteOptions, options?: RouteOptions) => MethodDecorator;

function routeDecorator(method: HttpMethod): RouteDecorator {
  return (pathOrOptions, options) => {
    const path = typeof pathOrOptions === 'string' ? pathOrOptions : undefined;
    const routeOptions: RouteOptions = { ...(typeof pathOrOptions === 'object' ? pathOrOptions : {}), ...(options ?? {}) };
    return (target, propertyKey) => {
      if (typeof target === 'function') {
        throw new ConfigError(
          'STATIC_ROUTE',
          `@${method} on static method ${target.name}.${String(propertyKey)}: routes are instance methods`,
        );
      }
      if (typeof propertyKey !== 'string') {
        throw new ConfigError(
          'SYMBOL_ROUTE',
          `@${method} on a symbol-named method of ${target.constructor.name}: routes need a string name`,
        );
      }
      recordRoute(classOf(target), propertyKey, { method, path, options: routeOptions });
    };
  };
}

/** A GET route; without a path the method name gives it (go-doudou convention, `getUser` → `/user`). */
export const Get: RouteDecorator = routeDecorator('GET');
/** A POST route; without a path the method name gives it (`pageUsers` → `/page/users`). */
export const Post: RouteDecorator = routeDecorator('POST');
/** A PUT route; without a path the method name gives it (`putUser` → `/user`). */
export const Put: RouteDecorator = routeDecorator('PUT');
/** A PATCH route; without a path the method name gives it (`patchUser` → `/user`). */
export const Patch: RouteDecorator = routeDecorator('PATCH');
/** A DELETE route; without a path the method name gives it (`deleteUser` → `/user`). */
export const Delete: RouteDecorator = routeDecorator('DELETE');
