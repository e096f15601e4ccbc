import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import { InvalidConfigError } from '../../lib/config';
import { GOSSIP_DEFAULTS, GOSSIP_PROFILES } from '../../lib/config/gossip-options';
import { InvalidGossipOptionError, MetaTooLargeError } from '../../lib/discovery/core/errors';
import { resolveOptions as resolveCoreOptions } from '../../lib/discovery/core/defaults';
import { resolveOptions, parseKey } from '../../lib/discovery/node-options';
import { GOSSIP_CONFIG_FIELDS, optionsFromConfig } from '../../lib/discovery/node-env';

const NOWHERE = '/nonexistent';
const fromEnv = (env: Record<string, string>) => optionsFromConfig(env, NOWHERE);
const invalidOption = (option: string) => (e: unknown) => e instanceof InvalidGossipOptionError && e.option === option;

describe('discovery/node-options', () => {
  it("defaults to go-doudou's memberlist settings (WAN base, 3 s reclaim, port 7946, hostname)", () => {
    const o = resolveOptions({});
    assert.equal(o.name, os.hostname());
    assert.equal(o.bindPort, 7946);
    assert.equal(o.probeIntervalMs, 5000);
    assert.equal(o.probeTimeoutMs, 3000);
    assert.equal(o.gossipIntervalMs, 500);
    assert.equal(o.gossipNodes, 4);
    assert.equal(o.suspicionMult, 6);
    assert.equal(o.pushPullIntervalMs, 60_000);
    assert.equal(o.deadTimeoutMs, 60_000);
    assert.equal(o.reclaimTimeoutMs, 3000);
    assert.equal(o.tcpTimeoutMs, 30_000);
    assert.equal(o.indirectChecks, 3);
    assert.equal(o.retransmitMult, 4);
    assert.equal(o.compress, true);
    assert.equal(o.protocolVersion, 2);
    assert.deepEqual(o.delegateVersion, { min: 0, max: 0, cur: 0 });
    assert.deepEqual(o.keys, []);
    assert.equal(o.label, '');
  });

  it('takes unset values from the chosen profile and explicit values over it', () => {
    const o = resolveOptions({ profile: 'local', probeIntervalMs: 300 });
    assert.equal(o.probeIntervalMs, 300);
    assert.equal(o.probeTimeoutMs, GOSSIP_PROFILES.local.probeTimeoutMs);
    assert.equal(o.tcpTimeoutMs, 1000);
  });

  it('prefixes the host name to an advertise address starting with a dot', () => {
    const o = resolveOptions({ advertiseAddr: '.seed-svc-headless.default.svc.cluster.local' });
    assert.equal(o.advertiseAddr, `${os.hostname()}.seed-svc-headless.default.svc.cluster.local`);
  });

  it('accepts base64 and byte keys of 16/24/32 bytes and refuses other sizes, naming the keys option', () => {
    assert.equal(parseKey(Buffer.alloc(32, 1).toString('base64')).length, 32);
    assert.equal(parseKey(new Uint8Array(16)).length, 16);
    assert.throws(() => parseKey(Buffer.alloc(10).toString('base64')), invalidOption('keys'));
    assert.throws(() => parseKey('not base64!'), invalidOption('keys'));
  });

  it('refuses meta over 512 bytes with MetaTooLargeError, as the core does on updateMeta', () => {
    assert.throws(() => resolveOptions({ meta: 'x'.repeat(513) }), MetaTooLargeError);
    assert.throws(
      () => resolveCoreOptions({ name: 'a', advertiseAddr: '10.0.0.1', advertisePort: 1, meta: new Uint8Array(513) }),
      MetaTooLargeError,
    );
  });

  it('refuses a bad value with InvalidGossipOptionError naming the option, whichever layer checks it', () => {
    for (const [options, option] of [
      [{ delegateVersion: { min: 3, max: 2, cur: 2 } }, 'delegateVersion'],
      [{ protocolVersion: 9 }, 'protocolVersion'],
      [{ probeIntervalMs: 0 }, 'probeIntervalMs'],
      [{ udpBufferSize: 100 }, 'udpBufferSize'],
      [{ suspicionMult: 0 }, 'suspicionMult'],
      [{ profile: 'fast' as never }, 'profile'],
    ] as const) {
      assert.throws(() => resolveOptions(options), invalidOption(option), `node: ${option}`);
      assert.throws(
        () => resolveCoreOptions({ name: 'a', advertiseAddr: '10.0.0.1', advertisePort: 1, ...options }),
        invalidOption(option),
        `core: ${option}`,
      );
    }
    assert.throws(() => resolveOptions({ bindPort: 70_000 }), invalidOption('bindPort'));
    assert.throws(() => resolveOptions({ label: 'x'.repeat(256) }), invalidOption('label'));
    assert.throws(() => resolveOptions({ addrEncoding: 'ascii' as never }), invalidOption('addrEncoding'));
  });

  it('gives the core the same profile defaults as the node', () => {
    const core = resolveCoreOptions({ name: 'a', advertiseAddr: '10.0.0.1', advertisePort: 1 });
    const node = resolveOptions({});
    for (const key of ['probeIntervalMs', 'probeTimeoutMs', 'deadTimeoutMs', 'reclaimTimeoutMs', 'pushPullIntervalMs'] as const) {
      assert.equal(core[key], node[key], key);
    }
    assert.equal(resolveCoreOptions({ name: 'a', advertiseAddr: '10.0.0.1', advertisePort: 1, profile: 'lan' }).probeTimeoutMs, 500);
  });

  it("takes the core's own knobs (healing loop, lifeguard, packet overhead) from the same table, checked by its rules", () => {
    const core = resolveCoreOptions({ name: 'a', advertiseAddr: '10.0.0.1', advertisePort: 1, profile: 'lan' });
    assert.equal(core.rejoinMaxPeers, GOSSIP_DEFAULTS.rejoinMaxPeers);
    assert.equal(core.rejoinWindowMs, GOSSIP_DEFAULTS.rejoinWindowDeadTimeouts * GOSSIP_PROFILES.lan.deadTimeoutMs);
    assert.equal(core.lifeguard, GOSSIP_DEFAULTS.lifeguard);
    assert.equal(core.packetOverhead, GOSSIP_DEFAULTS.packetOverhead);
    for (const [options, option] of [
      [{ rejoinMaxPeers: -1 }, 'rejoinMaxPeers'],
      [{ rejoinWindowMs: 1.5 }, 'rejoinWindowMs'],
      [{ packetOverhead: -2 }, 'packetOverhead'],
    ] as const) {
      assert.throws(
        () => resolveCoreOptions({ name: 'a', advertiseAddr: '10.0.0.1', advertisePort: 1, ...options }),
        invalidOption(option),
        option,
      );
    }
  });
});

describe('discovery/node-env optionsFromConfig', () => {
  it('maps every GDD_MEM_* variable with go-doudou units (seconds, gossip interval in ms)', () => {
    const o = fromEnv({
      GDD_MEM_SEED: 'seed-a, 10.0.0.2:8000,',
      GDD_MEM_NAME: 'n1',
      GDD_MEM_HOST: '10.0.0.1',
      GDD_MEM_PORT: '7000',
      GDD_MEM_BIND_ADDR: '127.0.0.1',
      GDD_MEM_DEAD_TIMEOUT: '30',
      GDD_MEM_SYNC_INTERVAL: '1m30s',
      GDD_MEM_RECLAIM_TIMEOUT: '4',
      GDD_MEM_PROBE_INTERVAL: '2',
      GDD_MEM_PROBE_TIMEOUT: '500ms',
      GDD_MEM_SUSPICION_MULT: '5',
      GDD_MEM_GOSSIP_NODES: '3',
      GDD_MEM_GOSSIP_INTERVAL: '200',
      GDD_MEM_TCP_TIMEOUT: '10',
      GDD_MEM_INDIRECT_CHECKS: '2',
      GDD_MEM_RETRANSMIT_MULT: '3',
      GDD_MEM_KEYS: `${Buffer.alloc(16, 7).toString('base64')}`,
      GDD_MEM_LABEL: 'prod',
      GDD_MEM_PROTOCOL_VERSION: '3',
      GDD_MEM_DELEGATE_VERSION: '2:5:4',
      GDD_MEM_COMPRESS: 'false',
      GDD_MEM_REJOIN_INTERVAL: '20',
      GDD_MEM_LEAVE_TIMEOUT: '2',
    });
    assert.deepEqual(o.seeds, ['seed-a:7946', '10.0.0.2:8000']);
    assert.equal(o.name, 'n1');
    assert.equal(o.advertiseAddr, '10.0.0.1');
    assert.equal(o.bindPort, 7000);
    assert.equal(o.bindAddr, '127.0.0.1');
    assert.equal(o.deadTimeoutMs, 30_000);
    assert.equal(o.pushPullIntervalMs, 90_000);
    assert.equal(o.reclaimTimeoutMs, 4000);
    assert.equal(o.probeIntervalMs, 2000);
    assert.equal(o.probeTimeoutMs, 500);
    assert.equal(o.suspicionMult, 5);
    assert.equal(o.gossipNodes, 3);
    assert.equal(o.gossipIntervalMs, 200);
    assert.equal(o.tcpTimeoutMs, 10_000);
    assert.equal(o.indirectChecks, 2);
    assert.equal(o.retransmitMult, 3);
    assert.equal(o.keys?.length, 1);
    assert.equal(o.label, 'prod');
    assert.equal(o.protocolVersion, 3);
    assert.deepEqual(o.delegateVersion, { min: 2, max: 5, cur: 4 });
    assert.equal(o.compress, false);
    assert.equal(o.rejoinIntervalMs, 20_000);
    assert.equal(o.leaveTimeoutMs, 2000);
    assert.equal(resolveOptions(o).keys[0].length, 16);
  });

  it('reads the ts-doudou additions GDD_MEM_PROFILE, GDD_MEM_ADDR_ENCODING, GDD_MEM_META and GDD_MEM_TCP_PINGS', () => {
    const o = fromEnv({ GDD_MEM_PROFILE: 'local', GDD_MEM_ADDR_ENCODING: 'text', GDD_MEM_META: 'm', GDD_MEM_TCP_PINGS: 'false' });
    assert.deepEqual([o.profile, o.addrEncoding, o.meta, o.tcpPings], ['local', 'text', 'm', false]);
    assert.equal(o.probeTimeoutMs, GOSSIP_PROFILES.local.probeTimeoutMs, "the profile's timings are the defaults");
  });

  it('gives exactly the options resolution gives when nothing is set', () => {
    const fromConfig = resolveOptions(fromEnv({ GDD_MEM_NAME: '', OTHER: 'x' }));
    const plain = resolveOptions({});
    assert.deepEqual(
      { ...fromConfig, delegateVersion: { ...fromConfig.delegateVersion } },
      { ...plain, delegateVersion: { ...plain.delegateVersion } },
    );
  });

  it('rejects bad values with InvalidConfigError naming every variable, as an App does', () => {
    assert.throws(
      () => fromEnv({ GDD_MEM_PROBE_INTERVAL: 'soon', GDD_MEM_DELEGATE_VERSION: '2:5', GDD_MEM_PORT: '70000', GDD_MEM_PROFILE: 'fast' }),
      (e: unknown) =>
        e instanceof InvalidConfigError &&
        ['GDD_MEM_PROBE_INTERVAL', 'GDD_MEM_DELEGATE_VERSION', 'GDD_MEM_PORT', 'GDD_MEM_PROFILE'].every((v) =>
          e.issues.some((i) => i.variable === v),
        ),
    );
    assert.throws(() => fromEnv({ GDD_MEM_ADDR_ENCODING: 'ascii' }), /GDD_MEM_ADDR_ENCODING/);
  });

  it('refuses in the config table exactly what the node refuses: the same rule, the same words', () => {
    const cases: Array<[Record<string, string>, Parameters<typeof resolveOptions>[0], string]> = [
      [{ GDD_MEM_UDP_BUFFER: '100' }, { udpBufferSize: 100 }, 'udpBufferSize'],
      [{ GDD_MEM_PROTOCOL_VERSION: '9' }, { protocolVersion: 9 }, 'protocolVersion'],
      [{ GDD_MEM_DELEGATE_VERSION: '3:2:2' }, { delegateVersion: { min: 3, max: 2, cur: 2 } }, 'delegateVersion'],
      [{ GDD_MEM_SUSPICION_MULT: '0' }, { suspicionMult: 0 }, 'suspicionMult'],
      [{ GDD_MEM_PORT: '70000' }, { bindPort: 70_000 }, 'bindPort'],
      [{ GDD_MEM_META: 'x'.repeat(513) }, {}, 'meta'],
    ];
    for (const [env, options, option] of cases) {
      let configSays = '';
      try {
        fromEnv(env);
      } catch (e) {
        configSays = e instanceof InvalidConfigError ? e.issues[0].expected : String(e);
      }
      assert.ok(configSays, `${Object.keys(env)[0]} is refused`);
      if (option === 'meta') continue;
      let nodeSays = '';
      try {
        resolveOptions(options);
      } catch (e) {
        nodeSays = e instanceof InvalidGossipOptionError ? e.expected : String(e);
      }
      assert.equal(nodeSays, configSays, option);
    }
  });

  it('adds the default port to seeds without one, including bare IPv6, as the App config does', () => {
    assert.deepEqual(fromEnv({ GDD_MEM_SEED: 'a.example,::1,[::1]:9000' }).seeds, ['a.example:7946', '[::1]:7946', '[::1]:9000']);
  });

  it("reads the Lifeguard knobs and leaves the registry's weight variables out", () => {
    const o = fromEnv({ GDD_MEM_SUSPICION_MAX_MULT: '4', GDD_MEM_AWARENESS_MAX: '3', GDD_MEM_WEIGHT: '5', GDD_WEIGHT: '2' });
    assert.deepEqual([o.suspicionMaxTimeoutMult, o.awarenessMaxMultiplier], [4, 3]);
    assert.ok(!('weight' in o));
  });
});

describe('discovery/node-env optionsFromMemConfig', () => {
  it('copies every gossip field of loadConfig().mem under the same name', async () => {
    const { loadConfig } = await import('../../lib/config');
    const { optionsFromMemConfig } = await import('../../lib/discovery/node-env');
    const config = loadConfig({
      env: { GDD_MEM_NAME: 'x1', GDD_MEM_PORT: '7001', GDD_MEM_PROBE_INTERVAL: '2', GDD_MEM_SEED: 'a,b:9' },
      cwd: NOWHERE,
    });
    const options = optionsFromMemConfig(config.mem);
    for (const field of GOSSIP_CONFIG_FIELDS) assert.deepEqual(options[field], config.mem[field], field);
    const o = resolveOptions(options);
    assert.equal(o.name, 'x1');
    assert.equal(o.bindPort, 7001);
    assert.equal(o.probeIntervalMs, 2000);
    assert.deepEqual(o.seeds, ['a:7946', 'b:9']);
  });
});
