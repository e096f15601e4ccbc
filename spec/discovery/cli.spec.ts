import { strict as assert } from 'node:assert';
import { describeMeta } from '../../lib/discovery/cli';
import { freePort } from '../support/free-port';
import { TsCliPeer } from '../support/ts-peer';

describe('discovery/cli (standalone gossip node from GDD_MEM_*)', function () {
  this.timeout(30_000);
  const peers: TsCliPeer[] = [];
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((p) => p.kill()));
  });

  const env = (port: number, extra: Record<string, string> = {}): Record<string, string> => ({
    GDD_MEM_PROFILE: 'local',
    GDD_MEM_BIND_ADDR: '127.0.0.1',
    GDD_MEM_PORT: String(port),
    ...extra,
  });

  it('prints meta as text when printable and as hex otherwise', () => {
    assert.deepEqual(describeMeta(Buffer.from('{"role":"ts"}')), { meta: '{"role":"ts"}' });
    assert.deepEqual(describeMeta(Buffer.from([0xff, 0x80])), { meta: null, meta_hex: 'ff80' });
    assert.deepEqual(describeMeta(new Uint8Array(0)), { meta: null });
  });

  it('joins GDD_MEM_SEED, prints membership events as JSON lines, and leaves on SIGTERM with exit code 0', async () => {
    const pa = await freePort();
    const a = await TsCliPeer.start('cli-a', env(pa, { GDD_MEM_META: 'meta-a' }));
    peers.push(a);
    const pb = await freePort();
    const b = await TsCliPeer.start('cli-b', env(pb, { GDD_MEM_SEED: `127.0.0.1:${pa}`, GDD_MEM_META: 'meta-b' }));
    peers.push(b);
    assert.equal(b.events.find((e) => e.event === 'joined')?.contacted, 1);
    const seen = await a.waitForEvent((e) => e.event === 'join' && e.name === 'cli-b');
    assert.equal(seen.addr, '127.0.0.1');
    assert.equal(seen.port, pb);
    assert.equal(seen.meta, 'meta-b');
    const exit = await b.stop();
    assert.equal(exit.code, 0);
    assert.ok(b.events.some((e) => e.event === 'self-leave' && e.signal === 'SIGTERM'));
    await a.waitForEvent((e) => e.event === 'leave' && e.name === 'cli-b');
  });

  it('exits 1 naming the variable when GDD_MEM_* is invalid', async () => {
    const bad = new TsCliPeer('cli-bad', env(0, { GDD_MEM_PROBE_INTERVAL: 'often' }));
    peers.push(bad);
    const exit = await bad.waitForExit(15_000);
    assert.equal(exit.code, 1);
    assert.match(bad.stderrLines.join('\n'), /GDD_MEM_PROBE_INTERVAL/);
  });
});
