/** Bare Koa + @koa/router + koa-body, written as its documentation shows. */
import Router from '@koa/router';
import Koa from 'koa';
import { koaBody } from 'koa-body';
import { HELLO, benchUser } from '../shapes';
import { listenOn, optionalBoolean, positiveInteger } from './listen';
import type { RunningTarget } from './running-target';

export function startKoa(): Promise<RunningTarget> {
  const app = new Koa();
  const router = new Router();
  router.get('/hello', (ctx) => {
    ctx.body = HELLO;
  });
  router.post('/echo', (ctx) => {
    ctx.body = ctx.request.body;
  });
  router.get('/users/:id', (ctx) => {
    const id = positiveInteger(ctx.params.id);
    const raw = ctx.query.verbose;
    const verbose = optionalBoolean(typeof raw === 'string' ? raw : undefined);
    if (id === undefined || verbose === 'bad') return ctx.throw(400);
    ctx.body = benchUser(id, verbose === true);
  });
  app.use(koaBody());
  app.use(router.routes());
  app.use(router.allowedMethods());
  return listenOn(app.callback());
}
