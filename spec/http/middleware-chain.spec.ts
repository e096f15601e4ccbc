import { strict as assert } from 'node:assert';
import type { Context } from 'koa';
import { MiddlewareSlot } from '../../lib/http/middleware-chain';
import { ServingError } from '../../lib/http/serving-errors';
import { isCode } from '../support/errors';

describe('middleware-chain', () => {
  const ctx = {} as Context;

  it('runs added middleware in order around next, including ones added after asMiddleware()', async () => {
    const slot = new MiddlewareSlot();
    const seen: string[] = [];
    const mw = slot.asMiddleware();
    slot.add(async (_c, next) => {
      seen.push('a-in');
      await next();
      seen.push('a-out');
    });
    slot.add(async (_c, next) => {
      seen.push('b');
      await next();
    });
    await mw(ctx, async () => {
      seen.push('next');
    });
    assert.deepEqual(seen, ['a-in', 'b', 'next', 'a-out']);
  });

  it('rejects when a middleware calls next() twice, and passes errors through', async () => {
    const slot = new MiddlewareSlot();
    slot.add(async (_c, next) => {
      await next();
      await next();
    });
    await assert.rejects(
      slot.asMiddleware()(ctx, async () => undefined),
      isCode(ServingError, 'NEXT_CALLED_TWICE', 'multiple times'),
    );
    const failing = new MiddlewareSlot();
    failing.add(() => {
      throw new Error('sync throw');
    });
    await assert.rejects(
      failing.asMiddleware()(ctx, async () => undefined),
      /sync throw/,
    );
  });
});
