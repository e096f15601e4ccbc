import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { configWarnings, decodeGossipKeys, loadConfig, redactConfig } from '../../lib/config';

describe('config/warnings', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gdd-warn-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const load = (env: Record<string, string>) => loadConfig({ env, cwd: dir, hostname: 'h' });

  it('warns about unauthenticated management endpoints outside dev only', () => {
    assert.deepEqual(configWarnings(load({})), []);
    const prod = configWarnings(load({ GDD_ENV: 'prod' }));
    assert.equal(prod.length, 1);
    assert.match(prod[0], /GDD_MANAGE_USER and GDD_MANAGE_PASS are empty/);
    assert.deepEqual(configWarnings(load({ GDD_ENV: 'prod', GDD_MANAGE_USER: 'a', GDD_MANAGE_PASS: 'b' })), []);
    assert.deepEqual(configWarnings(load({ GDD_ENV: 'prod', GDD_MANAGE_ENABLE: 'false' })), []);
  });

  it('warns when only one of user and password is set', () => {
    assert.match(configWarnings(load({ GDD_MANAGE_USER: 'admin' })).join('\n'), /GDD_MANAGE_PASS is empty while the other is set/);
  });

  it('names unknown GDD_* variables with a likely intended name, including ones from .env files', () => {
    writeFileSync(path.join(dir, '.env'), 'GDD_MEM_PROBE_INTERVALL=2s\n');
    try {
      const warnings = configWarnings(load({ GDD_PROT: '8080' }));
      assert.ok(warnings.includes('GDD_PROT is not a ts-doudou variable and is ignored (did you mean GDD_PORT?)'), warnings.join('\n'));
      assert.ok(warnings.some((w) => w.startsWith('GDD_MEM_PROBE_INTERVALL') && w.includes('GDD_MEM_PROBE_INTERVAL?')));
    } finally {
      rmSync(path.join(dir, '.env'));
    }
  });

  it('says which go-doudou variables are not supported', () => {
    const warnings = configWarnings(load({ GDD_NACOS_SERVER_ADDR: 'http://n:8848', GDD_SERVICE_DISCOVERY_MODE: 'memberlist' }));
    assert.ok(warnings.some((w) => /GDD_NACOS_SERVER_ADDR is a go-doudou variable that ts-doudou does not support/.test(w)));
    assert.ok(warnings.some((w) => w.startsWith('GDD_SERVICE_DISCOVERY_MODE')));
  });

  it('warns in micro mode about a probe timeout not shorter than the interval', () => {
    const c = load({ GDD_MODE: 'micro', GDD_SERVICE_NAME: 's', GDD_MEM_PROBE_TIMEOUT: '5s' });
    assert.match(configWarnings(c).join('\n'), /GDD_MEM_PROBE_TIMEOUT \(5s\) is not shorter than GDD_MEM_PROBE_INTERVAL \(5s\)/);
  });

  it('warns when the drain window is not shorter than the grace timeout', () => {
    assert.match(
      configWarnings(load({ GDD_DRAIN_WINDOW: '20s', GDD_GRACE_TIMEOUT: '15s' })).join('\n'),
      /GDD_DRAIN_WINDOW \(20s\) is not shorter than GDD_GRACE_TIMEOUT \(15s\)/,
    );
    assert.deepEqual(configWarnings(load({ GDD_DRAIN_WINDOW: '2s' })), []);
  });

  it('decodes gossip keys and redacts secrets for display', () => {
    const key = Buffer.alloc(32, 7);
    const c = load({ GDD_MEM_KEYS: key.toString('base64'), GDD_MANAGE_PASS: 'secret' });
    assert.deepEqual(decodeGossipKeys(c.mem.keys), [key]);
    const shown = JSON.stringify(redactConfig(c));
    assert.ok(!shown.includes('secret') && !shown.includes(key.toString('base64')));
    assert.equal(c.manage.pass, 'secret');
  });
});
