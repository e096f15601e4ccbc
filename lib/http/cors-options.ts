/**
 * CORS options of HttpServer: the options @koa/cors takes, declared here so the public types need no
 * @types/koa__cors in a user's project. Passed through to @koa/cors unchanged.
 */
import type { Context } from 'koa';

export interface CorsOptions {
  /** Access-Control-Allow-Origin. Default '*'; with `credentials`, the request's Origin. A function is called per request. */
  origin?: string | ((ctx: Context) => string) | ((ctx: Context) => PromiseLike<string>);
  /** Access-Control-Allow-Methods. Default 'GET,HEAD,PUT,POST,DELETE,PATCH'. */
  allowMethods?: string | string[];
  /** Access-Control-Expose-Headers. Default none. */
  exposeHeaders?: string | string[];
  /** Access-Control-Allow-Headers. Default: the preflight's Access-Control-Request-Headers. */
  allowHeaders?: string | string[];
  /** Access-Control-Max-Age in seconds. Default none. */
  maxAge?: number | string;
  /** Access-Control-Allow-Credentials. Default false. A function is called per request. */
  credentials?: boolean | ((ctx: Context) => boolean) | ((ctx: Context) => PromiseLike<boolean>);
  /** Copy the CORS headers onto a thrown error's `headers`. Default true. */
  keepHeadersOnError?: boolean;
  /** Add Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy. Default false. */
  secureContext?: boolean;
  /** Answer Access-Control-Request-Private-Network preflights. Default false. */
  privateNetworkAccess?: boolean;
}
