/**
 * What real processes log when things go wrong: no secret in a start-up error or a log line, and seed
 * retries that are neither silent nor a flood.
 */
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { basic, request } from '../http/support/http-client';
import { AppProcess } from '../support/app-process';
import { freePort } from '../support/free-port';
import { GOSSIP_ENV } from '../support/micro-cluster';
import { logEntries, startMonolith, stopMonolith, type RunningMonolith } from '../support/sample-monolith';
import { waitFor } from '../support/wait-for';

const MONOLITH = path.resolve(__dirname, '../../sample/monolith.js');
const USERSVC = path.resolve(__dirname, '../../sample/usersvc/main.js');
const VALID_KEY = Buffer.alloc(32, 9).toString('base64');

describe('reliability: logs', function () {
  this.timeout(60_000);
  const processes: AppProcess[] = [];
  let m: RunningMonolith | undefined;
  afterEach(() => {
    processes.splice(0).forEach((p) => p.kill());
    stopMonolith(m);
    m = undefined;
  });
  const spawn = (script: string, env: Record<string, string>): AppProcess => {
    const p = new AppProcess(script, env);
    processes.push(p);
    return p;
  };

  it('refuses a bad GDD_MEM_KEYS naming it, without printing the valid key next to the bad one', async () => {
    const app = spawn(MONOLITH, { GDD_MEM_KEYS: `${VALID_KEY},abc`, GDD_MANAGE_PASS: 'hunter2-pass', GDD_PORT: 'x' });
    assert.equal(await app.exited, 1);
    const output = app.stdout + app.stderr;
    assert.match(output, /GDD_MEM_KEYS="\*\*\*" is not valid/);
    assert.match(output, /GDD_PORT="x"/);
    assert.ok(!output.includes(VALID_KEY) && !output.includes('hunter2-pass'), output);
  });

  it('never logs GDD_MANAGE_PASS, also at debug with request dumps on', async () => {
    m = await startMonolith({
      GDD_MANAGE_USER: 'admin',
      GDD_MANAGE_PASS: 'hunter2-pass',
      GDD_LOG_LEVEL: 'debug',
      GDD_LOG_REQ_ENABLE: 'true',
    });
    assert.equal((await request(`${m.url}/go-doudou/prometheus`, { headers: { authorization: basic('admin', 'wrong') } })).status, 401);
    assert.equal(
      (await request(`${m.url}/go-doudou/prometheus`, { headers: { authorization: basic('admin', 'hunter2-pass') } })).status,
      200,
    );
    await waitFor(() => logEntries(m!.app).filter((e) => e.route === '/go-doudou/prometheus').length >= 2, {
      message: 'both requests logged',
    });
    assert.ok(!m.app.stdout.includes('hunter2-pass'));
  });

  it('logs each failed seed retry at debug, warns once, and says once when the seed finally answers', async () => {
    const seedPort = await freePort();
    const env = {
      ...GOSSIP_ENV,
      GDD_SERVICE_NAME: 'usersvc',
      GDD_MEM_REJOIN_INTERVAL: '200ms',
      GDD_LOG_LEVEL: 'debug',
      GDD_LOG_FORMAT: 'json',
    };
    const lonely = spawn(USERSVC, { ...env, GDD_MEM_NAME: 'lonely', GDD_MEM_PORT: '0', GDD_MEM_SEED: `127.0.0.1:${seedPort}` });
    await lonely.waitForLine(/ready: http/);
    const seedLines = () => logEntries(lonely).filter((e) => /seed/.test(e.message));
    await waitFor(() => seedLines().filter((e) => e.level === 'debug').length >= 5, { message: 'five failed retries' });
    assert.equal(seedLines().filter((e) => e.level === 'warn').length, 1, 'one warning within GDD_MEM_REJOIN_INTERVAL × many');
    spawn(USERSVC, { ...env, GDD_MEM_NAME: 'seed', GDD_MEM_PORT: String(seedPort), GDD_MEM_SEED: '' });
    await waitFor(() => seedLines().some((e) => e.level === 'info' && /a seed answered/.test(e.message)), { message: 'joined at last' });
    await lonely.waitForLine(/seed joined/);
    assert.equal(seedLines().filter((e) => /a seed answered/.test(e.message)).length, 1);
  });
});
