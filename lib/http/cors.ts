/**
 * CORS: @koa/cors as configured for business routes; /go-doudou/openapi.json open to any origin (tools
 * fetch it cross-origin); other /go-doudou/* get no CORS headers.
 *
 * For the common case — a non-preflight request and options without callbacks — the headers @koa/cors
 * would set are known when the server is built, so they are set here directly, without @koa/cors's
 * per-request async wrapper (one of the costs bench/http measured). Same headers, same values
 * (spec/http/cors.spec.ts compares both). @koa/cors also copies them onto a thrown error's `headers`
 * (keepHeadersOnError) for error handlers that clear the response; the error mapping here never clears
 * headers, so the error answer carries them anyway. Preflights and callback options go to @koa/cors.
 */
import cors from '@koa/cors';
import type { CorsOptions } from './cors-options';
import type { Context, Middleware, Next } from 'koa';
import { addVary } from './vary';

/** The headers @koa/cors sets on a non-preflight answer, or undefined when they depend on the request. */
function staticHeaders(options: CorsOptions): { origin: string | undefined; rest: Array<[string, string]> } | undefined {
  if (typeof options.origin === 'function' || typeof options.credentials === 'function') return undefined;
  const credentials = !!options.credentials;
  const origin = options.origin || '*';
  const rest: Array<[string, string]> = [];
  if (credentials) rest.push(['Access-Control-Allow-Credentials', 'true']);
  const expose = Array.isArray(options.exposeHeaders) ? options.exposeHeaders.join(',') : options.exposeHeaders;
  if (expose) rest.push(['Access-Control-Expose-Headers', expose]);
  if (options.secureContext) {
    rest.push(['Cross-Origin-Opener-Policy', 'same-origin']);
    rest.push(['Cross-Origin-Embedder-Policy', 'require-corp']);
  }
  // with credentials, `*` is not allowed: @koa/cors echoes the request's Origin instead
  return { origin: credentials && origin === '*' ? undefined : origin, rest };
}

/** CORS of one kind of path: the static non-preflight headers (if any) and @koa/cors for everything else. */
class CorsRule {
  readonly full: Middleware;
  private readonly fixed: ReturnType<typeof staticHeaders>;

  constructor(options: CorsOptions) {
    this.full = cors(options);
    this.fixed = staticHeaders(options);
  }

  /** Sets the headers when they are static and returns undefined; otherwise returns @koa/cors to run around the rest. */
  apply(ctx: Context): Middleware | undefined {
    const fixed = this.fixed;
    const res = ctx.res;
    if (fixed === undefined || ctx.req.method === 'OPTIONS') return this.full;
    addVary(ctx, 'Origin');
    res.setHeader('Access-Control-Allow-Origin', fixed.origin ?? ctx.get('Origin'));
    for (let i = 0; i < fixed.rest.length; i++) res.setHeader(fixed.rest[i]![0], fixed.rest[i]![1]);
    return undefined;
  }
}

/**
 * CORS for business routes as configured (`false`: none); /go-doudou/openapi.json open to any origin;
 * other /go-doudou/* paths none. Run by the request lifecycle (request-lifecycle.ts).
 */
export class CorsPolicy {
  private readonly business: CorsRule | undefined;
  private readonly openApi = new CorsRule({ origin: '*' });
  private readonly managePrefix: string;

  constructor(
    business: CorsOptions | false,
    private readonly paths: { openApi: string; managePrefix: string },
  ) {
    this.business = business === false ? undefined : new CorsRule(business);
    this.managePrefix = `${paths.managePrefix}/`;
  }

  /** Sets static CORS headers on ctx, or returns the @koa/cors middleware to run around the rest of the chain. */
  apply(ctx: Context): Middleware | undefined {
    const path = ctx.path;
    if (path === this.paths.openApi) return this.openApi.apply(ctx);
    if (this.business === undefined || path.startsWith(this.managePrefix)) return undefined;
    return this.business.apply(ctx);
  }

  /** The policy as a standalone Koa middleware (same headers as inside the lifecycle). */
  asMiddleware(): Middleware {
    return (ctx: Context, next: Next) => {
      const around = this.apply(ctx);
      return around === undefined ? next() : around(ctx, next);
    };
  }
}
