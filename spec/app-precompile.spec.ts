import assert from 'node:assert/strict';
import { App, Body, ConfigError, Post, Service } from '../lib';
import { captureLogger } from './http/support/capture-logger';
import { request } from './http/support/http-client';
import { rejectsCode } from './support/errors';
import { waitFor } from './support/wait-for';

/** Passes the resolver (a raw JSON Schema is taken as given) but Ajv cannot compile it: `(` is no regex. */
@Service('broken')
class Broken {
  @Post('/notes', { returns: String })
  add(@Body({ type: { type: 'object', properties: { text: { type: 'string', pattern: '(' } } } }) note: { text: string }): string {
    return note.text;
  }
}

function app(env: string) {
  const captured = captureLogger();
  const instance = new App({
    services: [Broken],
    env: { GDD_ENV: env },
    logger: captured.logger,
    handleSignals: false,
    config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
  });
  return { instance, lines: captured.lines };
}

describe('App: a route schema that cannot be compiled', () => {
  it('stops start-up in development (GDD_ENV=dev) with UNCOMPILABLE_SCHEMA naming the route', async () => {
    const { instance } = app('dev');
    try {
      await rejectsCode(instance.listen(), ConfigError, 'UNCOMPILABLE_SCHEMA', 'the validator of add', 'Invalid regular expression');
    } finally {
      await instance.close();
    }
  });

  it('elsewhere starts (compilation stays lazy), logs it at error, and the route answers 500', async () => {
    const { instance, lines } = app('prod');
    try {
      const { url } = await instance.listen();
      const res = await request(`${url}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"a"}' });
      assert.equal(res.status, 500);
      // the background compilation reports it, whether or not the request got there first
      await waitFor(() => lines.some((l) => l.level === 'error' && l.message.includes('compiling the validator of add failed')), {
        message: 'the failed compilation logged at error',
      });
    } finally {
      await instance.close();
    }
  });
});
