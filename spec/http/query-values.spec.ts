import { strict as assert } from 'node:assert';
import type { Context } from 'koa';
import { queryValues } from '../../lib/http/query-values';

// Koa's own parse of ctx.query (URLSearchParams-based), the reference the fast path must equal
// eslint-disable-next-line @typescript-eslint/no-require-imports
const koaSearchParams = require('koa/lib/search-params') as { parse(raw: string): Record<string, string | string[]> };

const PLAIN = [
  'verbose=true',
  'a=1&b=2',
  'tag=x&tag=y&tag=z',
  'tag[]=x&tag[]=y&one=1',
  'flag',
  'flag&x=',
  '=value',
  'a=1&&b=2&',
  '&&',
  'eq=a=b=c',
  'page=2&page',
  'name=Ada Lovelace',
  'ä=ö',
];

describe('query values', () => {
  for (const raw of PLAIN) {
    it(`reads '${raw}' as Koa's ctx.query does`, () => {
      const ctx = { query: {} } as unknown as Context;
      assert.deepEqual({ ...queryValues(ctx, raw) }, { ...koaSearchParams.parse(raw) });
    });
  }

  it('leaves query strings with escapes to Koa', () => {
    const query = { name: 'Ada Lovelace' };
    const ctx = { query } as unknown as Context;
    assert.equal(queryValues(ctx, 'name=Ada%20Lovelace'), query);
    assert.equal(queryValues(ctx, 'name=Ada+Lovelace'), query);
  });

  it('gives no inherited values for keys it was not sent', () => {
    const ctx = { query: {} } as unknown as Context;
    assert.equal(queryValues(ctx, 'a=1').constructor, undefined);
    assert.equal(queryValues(ctx, '').toString, undefined);
  });
});
