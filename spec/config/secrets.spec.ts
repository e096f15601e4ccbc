import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { CONFIG_VARIABLES, configWarnings, InvalidConfigError, loadConfig, redactConfig, type Config } from '../../lib/config';
import { displayValue, redactUrlCredentials, secretVariables, SecretMasker } from '../../lib/config/secrets';
import { createLoggerFromConfig } from '../../lib/observability/logger';

/** Every line a config-built logger writes, as text. */
function loggedText(config: Config, write: (logger: ReturnType<typeof createLoggerFromConfig>) => void): Promise<string> {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  const logger = createLoggerFromConfig(config, { stream, colors: false });
  write(logger);
  return new Promise((resolve) => {
    logger.on('finish', () => resolve(text));
    logger.end();
  });
}

/** Sets `field` (a.b.c) to `value` in a fresh overrides object. */
function overrideAt(field: string, value: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const keys = field.split('.');
  let node = root;
  for (const key of keys.slice(0, -1)) node = (node[key] = {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
  return root;
}

describe('config/secrets', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gdd-secrets-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const load = (env: Record<string, string>, overrides?: object) => loadConfig({ env, cwd: dir, hostname: 'pod-1', overrides });
  const loadError = (env: Record<string, string>, overrides?: object): InvalidConfigError => {
    try {
      load(env, overrides);
    } catch (err) {
      assert.ok(err instanceof InvalidConfigError, String(err));
      return err;
    }
    assert.fail(`config ${JSON.stringify(env)} was accepted`);
  };

  it('marks the gossip keys and the management password as secrets', () => {
    assert.deepEqual(
      secretVariables()
        .map((v) => v.name)
        .filter((n) => n === 'GDD_MEM_KEYS' || n === 'GDD_MANAGE_PASS'),
      ['GDD_MANAGE_PASS', 'GDD_MEM_KEYS'],
    );
  });

  it('marks every variable whose name says password, key, secret or token as a secret', () => {
    const credentialNamed = CONFIG_VARIABLES.filter((v) => /(PASS|PASSWD|PASSWORD|KEYS?|SECRET|TOKEN)$/.test(v.name));
    assert.ok(credentialNamed.length >= 4, credentialNamed.map((v) => v.name).join(', '));
    assert.deepEqual(
      credentialNamed.filter((v) => !v.secret).map((v) => v.name),
      [],
    );
  });

  for (const variable of secretVariables()) {
    describe(variable.name, () => {
      const secret = variable.example;

      it('is hidden in the start-up error when another variable is invalid', () => {
        const err = loadError({ [variable.name]: secret, GDD_PORT: 'abc' });
        assert.match(err.message, /GDD_PORT="abc"/);
        assert.ok(!err.message.includes(secret), err.message);
        assert.ok(!JSON.stringify(err.issues).includes(secret));
      });

      it('is hidden in the start-up error about itself, also when a valid secret sits next to the bad part', () => {
        const bad = `${secret},!!`;
        let accepted = true;
        try {
          load({ [variable.name]: bad });
        } catch (err) {
          accepted = false;
          assert.ok(err instanceof InvalidConfigError);
          assert.match(err.message, new RegExp(`${variable.name}="\\*\\*\\*" is not valid`));
          assert.ok(!err.message.includes(secret), err.message);
          assert.ok(!JSON.stringify(err.issues).includes(secret));
        }
        if (accepted) {
          // a free-text secret has no invalid form; the override path below still goes through the error
          assert.equal(displayValue(variable, bad), '***');
        }
      });

      it('is hidden when it comes from new App({ config }) overrides', () => {
        let err: unknown;
        try {
          load({ GDD_PORT: 'abc' }, { ...overrideAt(variable.field, `${secret},!!`), http: { port: 'x' } });
        } catch (e) {
          err = e;
        }
        assert.ok(err instanceof InvalidConfigError, String(err));
        assert.ok(!err.message.includes(secret), err.message);
      });

      it('is hidden in redactConfig(), warnings and every log line, even when the raw config is logged', async () => {
        const config = load({ [variable.name]: secret, GDD_ENV: 'prod', GDD_MODE: 'micro', GDD_SERVICE_NAME: 'svc' });
        assert.ok(JSON.stringify(config).includes(secret), 'the loaded config holds the real value');
        assert.ok(!JSON.stringify(redactConfig(config)).includes(secret));
        assert.ok(!configWarnings(config).join('\n').includes(secret));
        const text = await loggedText(config, (logger) => {
          logger.info(`config: ${JSON.stringify(config)}`);
          logger.warn('config as meta', { config, value: secret });
          logger.error(new Error(`connect failed using ${secret}`));
        });
        assert.match(text, /config as meta/);
        assert.ok(!text.includes(secret), text);
        assert.match(text, /\*\*\*/);
      });
    });
  }

  it('hides the password of a URL given to any variable, in errors and in redactConfig()', () => {
    const url = 'redis://alice:hunter22@cache.internal:6379/0';
    for (const variable of CONFIG_VARIABLES) {
      const env: Record<string, string> = { [variable.name]: url, GDD_PORT: variable.name === 'GDD_PORT' ? url : '0' };
      let config: Config | undefined;
      try {
        config = load(env);
      } catch (err) {
        assert.ok(err instanceof InvalidConfigError, String(err));
        assert.ok(!err.message.includes('hunter22'), `${variable.name}: ${err.message}`);
        continue;
      }
      assert.ok(!JSON.stringify(redactConfig(config)).includes('hunter22'), variable.name);
    }
  });

  it('keeps the user and host of a URL but not its password or bare token', () => {
    assert.equal(redactUrlCredentials('see redis://alice:p@ss@cache:6379/0 now'), 'see redis://alice:***@cache:6379/0 now');
    assert.equal(redactUrlCredentials('https://ghp_token@github.com/x'), 'https://***@github.com/x');
    assert.equal(redactUrlCredentials('postgres://db.internal:5432/app'), 'postgres://db.internal:5432/app');
    assert.equal(redactUrlCredentials('no url here: a@b'), 'no url here: a@b');
  });

  it('masks secrets in free text, longest first, but not ones too short to search for', () => {
    const masker = new SecretMasker(['abcd', 'abcdefgh', 'ab']);
    assert.equal(masker.mask('x abcdefgh y abcd z ab'), 'x *** y *** z ab');
  });
});
