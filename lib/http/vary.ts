/**
 * Adds a field to the response's Vary header with the result Koa's ctx.vary() (the `vary` package) gives,
 * setting it directly in the two cases every request of the default stack meets — no Vary yet, and CORS's
 * `Origin` followed by compression's `Accept-Encoding` — and through ctx.vary() otherwise.
 */
import type { Context } from 'koa';

export function addVary(ctx: Context, field: 'Origin' | 'Accept-Encoding'): void {
  const res = ctx.res;
  if (!res.headersSent) {
    const current = res.getHeader('Vary');
    if (current === undefined) {
      res.setHeader('Vary', field);
      return;
    }
    if (current === 'Origin' && field === 'Accept-Encoding') {
      res.setHeader('Vary', 'Origin, Accept-Encoding');
      return;
    }
  }
  ctx.vary(field);
}
