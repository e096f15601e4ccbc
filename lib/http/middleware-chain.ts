/**
 * A slot in the Koa chain whose middleware list can still grow after the chain was built (user
 * middleware added with server.use() after mount() or listen() still applies — go-doudou v2's "Use()
 * after AddRoute is ignored" pitfall, docs/go-doudou-differences.md#middleware-order, avoided).
 */
import type { Context, Middleware, Next } from 'koa';
import { ServingError } from './serving-errors';

export class MiddlewareSlot {
  private readonly list: Middleware[] = [];

  add(middleware: Middleware): void {
    this.list.push(middleware);
  }

  get size(): number {
    return this.list.length;
  }

  /** The slot as one middleware: runs the list in order, then `next`. */
  asMiddleware(): Middleware {
    const list = this.list;
    return function userMiddleware(ctx: Context, next: Next) {
      if (list.length === 0) return next();
      let last = -1;
      const dispatch = (i: number): Promise<void> => {
        if (i <= last) return Promise.reject(new ServingError('NEXT_CALLED_TWICE', 'next() called multiple times'));
        last = i;
        const fn = i === list.length ? next : list[i]!;
        try {
          return Promise.resolve(fn(ctx, () => dispatch(i + 1))).then(() => undefined);
        } catch (err) {
          return Promise.reject(err);
        }
      };
      return dispatch(0);
    };
  }
}
