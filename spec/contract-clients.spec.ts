import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, ConfigError } from '../lib';
import { OrderServiceImpl } from '../sample/ordersvc/service';
import { UserServiceImpl } from '../sample/usersvc/service';
import { provideUserStore } from '../sample/usersvc/user-store-provider';
import { captureLogger } from './http/support/capture-logger';
import { request } from './http/support/http-client';
import { rejectsCode } from './support/errors';
import { freePort } from './support/free-port';

const quiet = { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } };

/** An App of the order service alone, in `cwd`: its UserServiceContract parameter must be a client. */
function orders(cwd: string, env: Record<string, string> = {}): App {
  return new App({ services: [OrderServiceImpl], env, cwd, logger: captureLogger().logger, handleSignals: false, config: quiet });
}

async function placeOrder(base: string): Promise<{ status: number; userName?: string }> {
  const res = await request(`${base}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"userId":1,"item":"tea","quantity":1}',
  });
  return { status: res.status, userName: res.json<{ userName?: string }>().userName };
}

describe('contract clients: what a @Contract parameter receives when the App does not serve it', () => {
  let users: App;
  let usersUrl: string;
  let dir: string;
  before(async () => {
    users = new App({ services: [UserServiceImpl], env: {}, logger: captureLogger().logger, handleSignals: false, config: quiet });
    provideUserStore(users);
    usersUrl = (await users.listen()).url;
  });
  after(() => users?.close());
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'tsd-clients-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const through = async (app: App): Promise<{ status: number; userName?: string }> => {
    try {
      return await placeOrder((await app.listen()).url);
    } finally {
      await app.close();
    }
  };

  it('a client to the base URL the environment names (USERSVC for usersvc)', async () => {
    assert.deepEqual(await through(orders(dir, { USERSVC: usersUrl })), { status: 200, userName: 'Ada Lovelace' });
  });

  it('the same from a .env file, as go-doudou loads it into its environment', async () => {
    writeFileSync(path.join(dir, '.env'), `USERSVC=${usersUrl}\n`);
    assert.deepEqual(await through(orders(dir)), { status: 200, userName: 'Ada Lovelace' });
  });

  it('the same from app.yml, which wins over .env; the real environment wins over both', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    writeFileSync(path.join(dir, '.env'), `USERSVC=${closed}\n`);
    writeFileSync(path.join(dir, 'app.yml'), `usersvc: ${usersUrl}\n`);
    assert.deepEqual(await through(orders(dir)), { status: 200, userName: 'Ada Lovelace' });
    writeFileSync(path.join(dir, 'app.yml'), `usersvc: ${closed}\n`);
    assert.deepEqual(await through(orders(dir, { USERSVC: usersUrl })), { status: 200, userName: 'Ada Lovelace' });
    assert.equal((await through(orders(dir))).status, 502, 'the closed port named by the file is used');
  });

  it('without a base URL or micro mode, start-up fails with NO_PROVIDER naming the three ways', async () => {
    await rejectsCode(
      orders(dir).listen(),
      ConfigError,
      'NO_PROVIDER',
      'USERSVC=http://host:port',
      'GDD_MODE=micro',
      'serve its implementation',
    );
  });
});
