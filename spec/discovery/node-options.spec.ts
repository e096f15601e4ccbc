import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import { ConfigError } from '../../lib/errors';
import { resolveOptions, parseKey, GOSSIP_PROFILES } from '../../lib/discovery/node-options';
import { optionsFromConfig } from '../../lib/discovery/node-env';

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

  it('accepts base64 and byte keys of 16/24/32 bytes and refuses other sizes with GOSSIP_KEY_INVALID', () => {
    assert.equal(parseKey(Buffer.alloc(32, 1).toString('base64')).length, 32);
    assert.equal(parseKey(new Uint8Array(16)).length, 16);
    assert.throws(
      () => parseKey(Buffer.alloc(10).toString('base64')),
      (e: unknown) => e instanceof ConfigError && e.code === 'GOSSIP_KEY_INVALID',
    );
    assert.throws(
      () => parseKey('not base64!'),
      (e: unknown) => e instanceof ConfigError && e.code === 'GOSSIP_KEY_INVALID',
    );
  });

  it('refuses meta over 512 bytes and an inconsistent delegate version, naming the option', () => {
    assert.throws(() => resolveOptions({ meta: 'x'.repeat(513) }), /512/);
    assert.throws(() => resolveOptions({ delegateVersion: { min: 3, max: 2, cur: 2 } }), /delegateVersion/);
    assert.throws(() => resolveOptions({ protocolVersion: 9 }), /protocolVersion/);
  });
});

describe('discovery/node-env optionsFromConfig', () => {
  it('maps every GDD_MEM_* variable with go-doudou units (seconds, gossip interval in ms)', () => {
    const o = optionsFromConfig({
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
    assert.equal(resolveOptions(o).keys[0].length, 16);
  });

  it('reads the ts-doudou additions GDD_MEM_PROFILE, GDD_MEM_ADDR_ENCODING, GDD_MEM_META and GDD_MEM_TCP_PINGS', () => {
    const o = optionsFromConfig({ GDD_MEM_PROFILE: 'local', GDD_MEM_ADDR_ENCODING: 'text', GDD_MEM_META: 'm', GDD_MEM_TCP_PINGS: 'false' });
    assert.deepEqual(o, { profile: 'local', addrEncoding: 'text', meta: 'm', tcpPings: false });
    assert.throws(() => optionsFromConfig({ GDD_MEM_ADDR_ENCODING: 'ascii' }), /GDD_MEM_ADDR_ENCODING/);
    assert.throws(() => optionsFromConfig({ GDD_MEM_PROFILE: 'fast' }), /GDD_MEM_PROFILE/);
  });

  it('leaves unset and empty variables to the defaults', () => {
    assert.deepEqual(optionsFromConfig({ GDD_MEM_NAME: '', OTHER: 'x' }), {});
  });

  it('rejects a bad value with GDD_MEM_INVALID naming the variable', () => {
    assert.throws(
      () => optionsFromConfig({ GDD_MEM_PROBE_INTERVAL: 'soon' }),
      (e: unknown) => e instanceof ConfigError && e.code === 'GDD_MEM_INVALID' && e.message.includes('GDD_MEM_PROBE_INTERVAL'),
    );
    assert.throws(() => optionsFromConfig({ GDD_MEM_DELEGATE_VERSION: '2:5' }), /GDD_MEM_DELEGATE_VERSION/);
    assert.throws(() => optionsFromConfig({ GDD_MEM_PORT: '70000' }), /GDD_MEM_PORT/);
  });

  it('adds the default port to seeds without one, including bare IPv6, as the App config does', () => {
    assert.deepEqual(optionsFromConfig({ GDD_MEM_SEED: 'a.example,::1,[::1]:9000' }).seeds, ['a.example:7946', '[::1]:7946', '[::1]:9000']);
  });

  it("reads the Lifeguard knobs and ignores the registry's weight variables", () => {
    const o = optionsFromConfig({ GDD_MEM_SUSPICION_MAX_MULT: '4', GDD_MEM_AWARENESS_MAX: '3', GDD_MEM_WEIGHT: '5', GDD_WEIGHT: '2' });
    assert.deepEqual(o, { suspicionMaxTimeoutMult: 4, awarenessMaxMultiplier: 3 });
  });
});

describe('discovery/node-env optionsFromMemConfig', () => {
  it('maps loadConfig().mem onto node options that resolve', async () => {
    const { loadConfig } = await import('../../lib/config');
    const { optionsFromMemConfig } = await import('../../lib/discovery/node-env');
    const config = loadConfig({
      env: { GDD_MEM_NAME: 'x1', GDD_MEM_PORT: '7001', GDD_MEM_PROBE_INTERVAL: '2', GDD_MEM_SEED: 'a,b:9' },
      cwd: '/nonexistent',
    });
    const o = resolveOptions(optionsFromMemConfig(config.mem));
    assert.equal(o.name, 'x1');
    assert.equal(o.bindPort, 7001);
    assert.equal(o.probeIntervalMs, 2000);
    assert.deepEqual(o.seeds, ['a:7946', 'b:9']);
  });
});
