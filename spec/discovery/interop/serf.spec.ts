import { strict as assert } from 'node:assert';
import { NodeSet } from '../../support/gossip-nodes';
import { hasCommand, requireOrSkip } from '../../support/requirements';
import { SerfAgent } from '../../support/serf-agent';
import { waitFor } from '../../support/wait-for';

describe('interop: ts GossipNode in a real serf cluster', function () {
  this.timeout(60_000);
  const set = new NodeSet();
  let agent: SerfAgent | undefined;

  before(function () {
    requireOrSkip(this, hasCommand('serf'), 'install serf (Debian)');
  });
  afterEach(async () => {
    await set.shutdownAll();
    await agent?.kill();
    agent = undefined;
  });

  it('is listed alive by `serf members` when it speaks delegate versions 2:5:5', async () => {
    agent = await SerfAgent.start('serf1');
    const t = await set.start('ts1', { profile: 'lan', bindAddr: '127.0.0.1', bindPort: 0, delegateVersion: { min: 2, max: 5, cur: 5 } });
    assert.equal(await t.join([`127.0.0.1:${agent.port}`]), 1);
    const listed = await waitFor(async () => (await agent!.members()).find((m) => m.name === 'ts1' && m.status === 'alive'), {
      timeoutMs: 15_000,
      intervalMs: 200,
      message: 'serf lists ts1 alive',
    });
    assert.equal(listed.port, t.port);
    await waitFor(() => t.members().some((m) => m.name === 'serf1'), { message: 'ts sees serf1' });
    assert.deepEqual(
      [
        ...t
          .members()
          .find((m) => m.name === 'serf1')!
          .vsn.slice(3),
      ],
      [2, 5, 5],
    );
  });

  it('cannot join serf with the default delegate versions 0:0:0 (memberlist refuses the push/pull)', async () => {
    agent = await SerfAgent.start('serf1');
    const t = await set.start('ts0', { profile: 'lan', bindAddr: '127.0.0.1', bindPort: 0 });
    await assert.rejects(t.join([`127.0.0.1:${agent.port}`]));
    assert.ok(!(await agent.members()).some((m) => m.name === 'ts0' && m.status === 'alive'));
  });

  it('joins an encrypted serf cluster with the same key', async () => {
    const key = Buffer.alloc(32, 3).toString('base64');
    agent = await SerfAgent.start('serf1', { key });
    const t = await set.start('ts1', {
      profile: 'lan',
      bindAddr: '127.0.0.1',
      bindPort: 0,
      delegateVersion: { min: 2, max: 5, cur: 5 },
      keys: [key],
    });
    assert.equal(await t.join([`127.0.0.1:${agent.port}`]), 1);
    await waitFor(async () => (await agent!.members()).some((m) => m.name === 'ts1' && m.status === 'alive'), {
      timeoutMs: 15_000,
      intervalMs: 200,
      message: 'serf lists ts1 alive',
    });
  });
});
