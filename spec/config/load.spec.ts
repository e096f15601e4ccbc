import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../../lib/errors';
import { InvalidConfigError, loadConfig, type LoadConfigOptions } from '../../lib/config';

/** Build a config from an explicit environment (never process.env) in an empty directory. */
function load(env: Record<string, string>, options: Partial<LoadConfigOptions> = {}) {
  return loadConfig({ env, cwd: emptyDir, hostname: 'pod-7', ...options });
}

function invalid(env: Record<string, string>, options: Partial<LoadConfigOptions> = {}): InvalidConfigError {
  try {
    load(env, options);
  } catch (err) {
    assert.ok(err instanceof InvalidConfigError, `expected InvalidConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('loadConfig accepted an invalid configuration');
}

let emptyDir: string;
before(() => {
  emptyDir = mkdtempSync(path.join(tmpdir(), 'gdd-empty-'));
});
after(() => rmSync(emptyDir, { recursive: true, force: true }));

describe('config/load', () => {
  describe('defaults', () => {
    it('gives go-doudou defaults except for the documented ts-doudou changes', () => {
      const c = load({});
      assert.equal(c.env, 'dev');
      assert.equal(c.mode, 'mono');
      assert.deepEqual(c.http, {
        host: '',
        port: 6060,
        routeRootPath: '',
        readTimeoutMs: 15_000,
        writeTimeoutMs: 15_000,
        idleTimeoutMs: 60_000,
        graceTimeoutMs: 15_000,
        drainWindowMs: 5_000,
        bodyLimitBytes: 1024 * 1024,
        enableResponseGzip: true,
        jsonCase: 'lowerCamel',
      });
      assert.deepEqual(c.manage, { enable: true, user: '', pass: '' });
      // rotation: go-doudou's lumberjack example (5 MB, 10 backups, 7 days, compressed)
      assert.deepEqual(c.log, {
        level: 'info',
        format: 'text',
        reqEnable: false,
        path: '',
        maxSizeBytes: 5 * 1024 * 1024,
        maxBackups: 10,
        maxAgeMs: 7 * 24 * 3600 * 1000,
        compress: true,
      });
      assert.deepEqual(c.banner, { enable: true, text: 'go-doudou' });
      assert.equal(c.client.retryCount, 0);
      assert.equal(c.tracing.metricsRoot, 'tracing');
    });

    it('gives memberlist WAN timings as go-doudou configures them', () => {
      const m = load({}).mem;
      assert.deepEqual(
        { ...m, delegateVersion: { ...m.delegateVersion } },
        {
          profile: 'go-doudou',
          seeds: [],
          name: 'pod-7',
          advertiseAddr: '',
          bindPort: 7946,
          bindAddr: '0.0.0.0',
          deadTimeoutMs: 60_000,
          pushPullIntervalMs: 60_000,
          reclaimTimeoutMs: 3000,
          probeIntervalMs: 5000,
          probeTimeoutMs: 3000,
          suspicionMult: 6,
          suspicionMaxTimeoutMult: 6,
          awarenessMaxMultiplier: 8,
          gossipNodes: 4,
          gossipIntervalMs: 500,
          tcpTimeoutMs: 30_000,
          indirectChecks: 3,
          retransmitMult: 4,
          weight: 1,
          weightIntervalMs: 0,
          dynamicWeight: false,
          logDisable: false,
          cidrsAllowed: [],
          keys: [],
          label: '',
          protocolVersion: 2,
          delegateVersion: { min: 0, max: 0, cur: 0 },
          compress: true,
          rejoinIntervalMs: 10_000,
          udpBufferSize: 1400,
          tcpPings: true,
          addrEncoding: 'ip-bytes',
          metaFormat: 'v2',
          meta: '',
          leaveTimeoutMs: 5000,
        },
      );
    });

    it('takes the timings of GDD_MEM_PROFILE as defaults, and a variable set next to it still wins', () => {
      const m = load({ GDD_MEM_PROFILE: 'local', GDD_MEM_PROBE_INTERVAL: '2s' }).mem;
      assert.equal(m.profile, 'local');
      assert.deepEqual(
        [m.probeIntervalMs, m.probeTimeoutMs, m.gossipIntervalMs, m.suspicionMult, m.retransmitMult, m.indirectChecks, m.tcpTimeoutMs],
        [2000, 200, 100, 3, 2, 1, 1000],
      );
      assert.equal(m.reclaimTimeoutMs, 0, "memberlist's profiles never reclaim");
      assert.equal(load({}, { overrides: { mem: { profile: 'lan' } } }).mem.probeTimeoutMs, 500);
    });

    it('treats an empty value as unset', () => {
      const c = load({ GDD_PORT: '', GDD_BANNER_TEXT: '  ', GDD_MEM_NAME: '' });
      assert.equal(c.http.port, 6060);
      assert.equal(c.banner.text, 'go-doudou');
      assert.equal(c.mem.name, 'pod-7');
    });
  });

  describe('values', () => {
    it('reads booleans in every accepted spelling, case-insensitively', () => {
      for (const [text, value] of [
        ['true', true],
        ['ON', true],
        ['Yes', true],
        ['1', true],
        ['false', false],
        ['off', false],
        ['NO', false],
        ['0', false],
      ] as const) {
        assert.equal(load({ GDD_BANNER: text }).banner.enable, value, text);
      }
    });

    it('maps logrus level names onto winston levels', () => {
      const levels = {
        panic: 'error',
        fatal: 'error',
        error: 'error',
        warn: 'warn',
        warning: 'warn',
        info: 'info',
        debug: 'debug',
        trace: 'silly',
        DEBUG: 'debug',
      };
      for (const [given, expected] of Object.entries(levels)) assert.equal(load({ GDD_LOG_LEVEL: given }).log.level, expected, given);
    });

    it('reads bare integers as seconds for GDD_MEM_* timeouts and as milliseconds for the gossip and weight intervals', () => {
      const m = load({
        GDD_MEM_DEAD_TIMEOUT: '90',
        GDD_MEM_SYNC_INTERVAL: '30',
        GDD_MEM_RECLAIM_TIMEOUT: '4',
        GDD_MEM_PROBE_INTERVAL: '2',
        GDD_MEM_PROBE_TIMEOUT: '1',
        GDD_MEM_TCP_TIMEOUT: '10',
        GDD_MEM_REJOIN_INTERVAL: '20',
        GDD_MEM_GOSSIP_INTERVAL: '200',
        GDD_MEM_WEIGHT_INTERVAL: '750',
      }).mem;
      assert.deepEqual(
        [
          m.deadTimeoutMs,
          m.pushPullIntervalMs,
          m.reclaimTimeoutMs,
          m.probeIntervalMs,
          m.probeTimeoutMs,
          m.tcpTimeoutMs,
          m.rejoinIntervalMs,
        ],
        [90_000, 30_000, 4000, 2000, 1000, 10_000, 20_000],
      );
      assert.equal(m.gossipIntervalMs, 200);
      assert.equal(m.weightIntervalMs, 750);
    });

    it('reads Go durations everywhere a duration is expected', () => {
      const c = load({ GDD_GRACE_TIMEOUT: '1m30s', GDD_MEM_PROBE_INTERVAL: '1500ms', GDD_MEM_GOSSIP_INTERVAL: '1s' });
      assert.equal(c.http.graceTimeoutMs, 90_000);
      assert.equal(c.mem.probeIntervalMs, 1500);
      assert.equal(c.mem.gossipIntervalMs, 1000);
    });

    it('prefixes a GDD_MEM_HOST that starts with a dot with the hostname (k8s headless service)', () => {
      const c = load({ GDD_MEM_HOST: '.seed-svc-headless.default.svc.cluster.local' });
      assert.equal(c.mem.advertiseAddr, 'pod-7.seed-svc-headless.default.svc.cluster.local');
      assert.equal(load({ GDD_MEM_HOST: '10.1.2.3' }).mem.advertiseAddr, '10.1.2.3');
    });

    it('appends port 7946 to seeds without one and keeps explicit ports', () => {
      const c = load({ GDD_MEM_SEED: '10.0.0.1, seed-0.svc:7000 ,[fd00::1]:8000,fd00::2,[fd00::3]' });
      assert.deepEqual(c.mem.seeds, ['10.0.0.1:7946', 'seed-0.svc:7000', '[fd00::1]:8000', '[fd00::2]:7946', '[fd00::3]:7946']);
    });

    it('normalises the route root path', () => {
      assert.equal(load({ GDD_ROUTE_ROOT_PATH: '/' }).http.routeRootPath, '');
      assert.equal(load({ GDD_ROUTE_ROOT_PATH: 'api/v1/' }).http.routeRootPath, '/api/v1');
    });

    it('accepts keys of 16, 24 and 32 bytes, the first being primary', () => {
      const keys = [16, 24, 32].map((n) => Buffer.alloc(n, n).toString('base64'));
      assert.deepEqual(load({ GDD_MEM_KEYS: keys.join(',') }).mem.keys, keys);
    });

    it('reads the delegate version triple and sizes', () => {
      assert.deepEqual({ ...load({ GDD_MEM_DELEGATE_VERSION: '2:5:5' }).mem.delegateVersion }, { min: 2, max: 5, cur: 5 });
      assert.equal(load({ GDD_BODY_LIMIT: '512kb' }).http.bodyLimitBytes, 512 * 1024);
      assert.equal(load({ GDD_BODY_LIMIT: '2048' }).http.bodyLimitBytes, 2048);
    });

    it('lets GDD_WEIGHT win over GDD_MEM_WEIGHT and derives dynamic weighting', () => {
      assert.equal(load({ GDD_MEM_WEIGHT: '3' }).mem.weight, 3);
      assert.equal(load({ GDD_MEM_WEIGHT: '3', GDD_WEIGHT: '5' }).mem.weight, 5);
      assert.equal(load({ GDD_WEIGHT: '0', GDD_MEM_WEIGHT_INTERVAL: '5s' }).mem.dynamicWeight, true);
      assert.equal(load({ GDD_WEIGHT: '0' }).mem.dynamicWeight, false);
      assert.equal(load({ GDD_MEM_WEIGHT_INTERVAL: '5s' }).mem.dynamicWeight, false);
    });
  });

  describe('invalid values', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['GDD_PORT', 'abc', /GDD_PORT="abc" is not valid: expected an integer port 0–65535/],
      ['GDD_PORT', '70000', /GDD_PORT="70000" is not valid: expected an integer port/],
      ['GDD_GRACE_TIMEOUT', 'soon', /GDD_GRACE_TIMEOUT="soon" is not valid: expected a duration such as 15s, 500ms, 1m/],
      ['GDD_GRACE_TIMEOUT', '15', /GDD_GRACE_TIMEOUT="15" is not valid: expected a duration/],
      ['GDD_MEM_PROBE_INTERVAL', '0', /GDD_MEM_PROBE_INTERVAL="0" is not valid: expected a duration > 0/],
      ['GDD_BANNER', 'maybe', /GDD_BANNER="maybe" is not valid: expected a boolean/],
      ['GDD_MODE', 'cluster', /GDD_MODE="cluster" is not valid: expected one of mono, micro/],
      ['GDD_LOG_LEVEL', 'loud', /GDD_LOG_LEVEL="loud" is not valid: expected one of panic, fatal, error, warn, info, debug, trace/],
      ['GDD_LOG_FORMAT', 'xml', /GDD_LOG_FORMAT="xml"/],
      ['GDD_MEM_SEED', 'a:b', /GDD_MEM_SEED="a:b" is not valid: expected comma-separated host\[:port\]/],
      ['GDD_MEM_SEED', 'host:0', /GDD_MEM_SEED/],
      ['GDD_MEM_CIDRS_ALLOWED', '10.0.0.0/8,10.0.0.0/33', /GDD_MEM_CIDRS_ALLOWED=.* expected comma-separated CIDRs/],
      ['GDD_MEM_CIDRS_ALLOWED', 'nonsense', /GDD_MEM_CIDRS_ALLOWED/],
      ['GDD_MEM_KEYS', Buffer.alloc(15).toString('base64'), /GDD_MEM_KEYS=.* expected base64 of a 16, 24 or 32-byte key/],
      ['GDD_MEM_KEYS', 'not base64!', /GDD_MEM_KEYS/],
      ['GDD_MEM_LABEL', 'x'.repeat(256), /GDD_MEM_LABEL=.* expected a label of at most 255 bytes/],
      ['GDD_MEM_PROTOCOL_VERSION', '6', /GDD_MEM_PROTOCOL_VERSION="6" is not valid: expected an integer 1–5/],
      ['GDD_MEM_DELEGATE_VERSION', '5:2:3', /GDD_MEM_DELEGATE_VERSION="5:2:3" is not valid: expected min:max:cur/],
      ['GDD_MEM_UDP_BUFFER', '100', /GDD_MEM_UDP_BUFFER="100"/],
      ['GDD_BODY_LIMIT', 'huge', /GDD_BODY_LIMIT="huge" is not valid: expected a size/],
      ['GDD_MEM_HOST', 'bad host', /GDD_MEM_HOST="bad host"/],
      ['GDD_MEM_BIND_ADDR', 'localhost', /GDD_MEM_BIND_ADDR="localhost" is not valid: expected an IP address/],
      ['GDD_RETRY_COUNT', '-1', /GDD_RETRY_COUNT="-1"/],
      ['GDD_ENV', '../etc', /GDD_ENV="..\/etc" is not valid: expected a name/],
      ['GDD_WEIGHT', '1.5', /GDD_WEIGHT="1.5" is not valid: expected an integer/],
    ];
    for (const [name, value, message] of cases) {
      it(`stops start-up with INVALID_CONFIG naming ${name} when it is ${JSON.stringify(value.slice(0, 20))}`, () => {
        const err = invalid({ [name]: value });
        assert.ok(err instanceof ConfigError);
        assert.equal(err.code, 'INVALID_CONFIG');
        assert.match(err.message, message);
        assert.equal(err.issues[0].variable, name);
      });
    }

    it('lists every bad variable in one error', () => {
      const err = invalid({ GDD_PORT: 'abc', GDD_GRACE_TIMEOUT: 'soon', GDD_MEM_GOSSIP_NODES: 'many', GDD_BANNER: 'on' });
      assert.deepEqual(err.issues.map((i) => i.variable).sort(), ['GDD_GRACE_TIMEOUT', 'GDD_MEM_GOSSIP_NODES', 'GDD_PORT']);
      assert.match(err.message, /^3 configuration values are not valid:/);
      for (const name of ['GDD_PORT="abc"', 'GDD_GRACE_TIMEOUT="soon"', 'GDD_MEM_GOSSIP_NODES="many"'])
        assert.ok(err.message.includes(name), name);
    });

    it('requires GDD_SERVICE_NAME in micro mode', () => {
      const err = invalid({ GDD_MODE: 'micro' });
      assert.match(err.message, /GDD_SERVICE_NAME: required when GDD_MODE=micro/);
      assert.equal(load({ GDD_MODE: 'micro', GDD_SERVICE_NAME: 'usersvc' }).mode, 'micro');
    });

    it('names the .env file a bad value came from', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gdd-bad-'));
      try {
        writeFileSync(path.join(dir, '.env'), 'GDD_PORT=http\n');
        const err = invalid({}, { cwd: dir });
        assert.match(err.message, /GDD_PORT="http" is not valid: .* \(from .*\.env\)/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('overrides', () => {
    it('win over the environment and go through the same validation', () => {
      const c = load(
        { GDD_PORT: '7000', GDD_MEM_SEED: 'a' },
        {
          overrides: {
            http: { port: 0, graceTimeoutMs: 2500 },
            mem: { seeds: ['127.0.0.1'], delegateVersion: { min: 2, max: 5, cur: 4 } },
            banner: { enable: false },
          },
        },
      );
      assert.equal(c.http.port, 0);
      assert.equal(c.http.graceTimeoutMs, 2500);
      assert.deepEqual(c.mem.seeds, ['127.0.0.1:7946']);
      assert.deepEqual({ ...c.mem.delegateVersion }, { min: 2, max: 5, cur: 4 });
      assert.equal(c.banner.enable, false);
    });

    it('win over GDD_WEIGHT for the weight', () => {
      assert.equal(load({ GDD_WEIGHT: '5' }, { overrides: { mem: { weight: 2 } } }).mem.weight, 2);
    });

    it('may supply the service name micro mode needs', () => {
      assert.equal(load({ GDD_MODE: 'micro' }, { overrides: { service: { name: 'ordersvc' } } }).service.name, 'ordersvc');
    });

    it('reject bad values, unknown options and derived fields, naming the option path', () => {
      const overrides = {
        http: { port: 70_000 },
        mem: { dynamicWeight: true },
        colour: 'blue',
      } as unknown as LoadConfigOptions['overrides'];
      const err = invalid({}, { overrides });
      const names = err.issues.map((i) => i.variable).sort();
      assert.deepEqual(names, ['overrides.colour', 'overrides.http.port', 'overrides.mem.dynamicWeight']);
      assert.match(err.message, /overrides\.http\.port="70000" is not valid: expected an integer port/);
    });
  });

  it('returns a deeply frozen object', () => {
    const c = load({ GDD_MEM_SEED: 'a,b' });
    assert.ok(Object.isFrozen(c));
    assert.ok(Object.isFrozen(c.http));
    assert.ok(Object.isFrozen(c.mem.seeds));
    assert.ok(Object.isFrozen(c.mem.delegateVersion));
    assert.ok(Object.isFrozen(c.sources.files));
    assert.throws(() => {
      (c.http as { port: number }).port = 1;
    }, TypeError);
  });

  it('does not write to the environment it reads', () => {
    const env: Record<string, string> = { GDD_PORT: '7000' };
    const dir = mkdtempSync(path.join(tmpdir(), 'gdd-pure-'));
    try {
      writeFileSync(path.join(dir, '.env'), 'GDD_SERVICE_NAME=fromfile\n');
      assert.equal(load(env, { cwd: dir }).service.name, 'fromfile');
      assert.deepEqual(env, { GDD_PORT: '7000' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
