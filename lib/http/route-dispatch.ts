/**
 * Direct dispatch of business routes: a request the Koa chain would hand, unchanged, to one business
 * route is given to that route's handler without the chain in between. Per request the chain costs a
 * koa-compose dispatch per layer, two empty user-middleware slots and @koa/router's matching, which
 * builds and composes a middleware array per request; bench/http measured these as a large part of the
 * gap to bare Koa. The answer is the same: the same request lifecycle runs around the same route code,
 * and the answer is written as Koa's respond() writes it (direct-respond.ts).
 *
 * Only while nothing else could see the request on the way: no user middleware in either slot, no Koa
 * middleware beyond the built-in ones, no `@Ctx()` parameter (a handler holding ctx could read what the
 * router leaves on it). Otherwise, and for every request this table does not resolve, the Koa chain runs.
 *
 * The route chosen is the one @koa/router would choose: the first layer of its stack, in registration
 * order, whose pattern matches the path and whose methods include the request's (a matching middleware
 * layer sends the request to the chain). A route whose pattern has no parameters is found by a map
 * lookup, when no earlier layer would match its path too.
 */
import type { Layer } from '@koa/router';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { RequestLifecycle } from './request-lifecycle';

/** What a route runs once matched: it reads ctx.params (set by the caller) and leaves the route template on ctx.state. */
export type DirectRun = (ctx: Context) => unknown;

/** A request's route: the request lifecycle around the route's run, and the path parameters to set as ctx.params. */
export interface DirectHit {
  /** The lifecycle's start(): undefined when the request was handled synchronously. */
  readonly handle: (ctx: Context) => Promise<void> | undefined;
  readonly params: Readonly<Record<string, string>>;
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

export class RouteDispatch {
  /** layer → its handle (and the hit of a parameterless path, which is always the same). */
  private readonly direct = new Map<Layer, DirectHit>();
  /** `METHOD path` → hit, for parameterless patterns; built at the first lookup after a change. */
  private exact: Map<string, DirectHit> | undefined;

  constructor(
    private readonly router: Router,
    private readonly lifecycle: RequestLifecycle,
  ) {}

  /** A route layer whose requests may be run directly by `run`, inside the request lifecycle. */
  add(layer: Layer, run: DirectRun): void {
    const lifecycle = this.lifecycle;
    this.direct.set(layer, { handle: (ctx) => lifecycle.start(ctx, run), params: NO_PARAMS });
    this.exact = undefined;
  }

  /** The route @koa/router would run for `method` `path`, when it is one that may run directly; undefined otherwise. */
  find(method: string, path: string): DirectHit | undefined {
    const exact = (this.exact ??= this.exactRoutes()).get(`${method} ${path}`);
    if (exact !== undefined) return exact;
    const stack = this.router.stack;
    for (let i = 0; i < stack.length; i++) {
      const layer = stack[i]!;
      if (!layer.match(path)) continue;
      if (layer.methods.length === 0) return undefined; // router middleware: the chain runs it
      if (!layer.methods.includes(method)) continue;
      const hit = this.direct.get(layer);
      if (hit === undefined) return undefined;
      return { handle: hit.handle, params: layer.params(path, layer.captures(path)) };
    }
    return undefined;
  }

  private exactRoutes(): Map<string, DirectHit> {
    const out = new Map<string, DirectHit>();
    const stack = this.router.stack;
    for (const [layer, hit] of this.direct) {
      const path = layer.path;
      if (typeof path !== 'string' || layer.paramNames.length > 0 || !layer.match(path)) continue;
      for (const method of layer.methods) {
        const first = stack.find((l) => l.match(path) && (l.methods.length === 0 || l.methods.includes(method)));
        if (first === layer) out.set(`${method} ${path}`, hit);
      }
    }
    return out;
  }
}
