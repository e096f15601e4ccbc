import { strict as assert } from 'node:assert';
import { SeedJoin } from '../../lib/discovery/seed-join';
import { freePort } from '../support/free-port';
import { memberNames, NodeSet } from '../support/gossip-nodes';
import { waitFor } from '../support/wait-for';
import { captureLogger } from '../http/support/capture-logger';

describe('discovery/seed-join', function () {
  this.timeout(30_000);
  const set = new NodeSet();
  const joins: SeedJoin[] = [];
  afterEach(async () => {
    joins.splice(0).forEach((j) => j.close());
    await set.shutdownAll();
  });

  it('logs the join through a seed that answers at once, and nothing else', async () => {
    const seed = await set.start('seed');
    const node = await set.start('n');
    const { logger, lines } = captureLogger();
    const join = new SeedJoin(node, { seeds: [`127.0.0.1:${seed.port}`], retryEveryMs: 50, logger });
    joins.push(join);
    assert.equal(await join.start(), true);
    assert.deepEqual(
      lines.map((l) => [l.level, l.message]),
      [['info', 'joined the gossip cluster through 1 of 1 seed(s)']],
    );
  });

  it('logs each failed retry at debug, warns once per interval while no seed answers, and once when one finally does', async () => {
    const port = await freePort();
    const node = await set.start('n');
    const { logger, lines } = captureLogger();
    let now = 0;
    const join = new SeedJoin(node, { seeds: [`127.0.0.1:${port}`], retryEveryMs: 50, warnEveryMs: 60_000, logger, now: () => now });
    joins.push(join);
    assert.equal(await join.start(), false);
    const debugs = (): number => lines.filter((l) => l.level === 'debug').length;
    const warns = (): string[] => lines.filter((l) => l.level === 'warn').map((l) => l.message);
    await waitFor(() => debugs() >= 3, { message: 'three failed retries' });
    assert.equal(warns().length, 1, 'one warning for the first failure, none for the retries within the interval');
    assert.match(warns()[0]!, /could not reach any seed \(127\.0\.0\.1:\d+\): .*; retrying every 50ms/);
    assert.match(lines.find((l) => l.level === 'debug')!.message, /^seed retry 1 failed: /);

    now += 60_000; // the warning interval passes
    await waitFor(() => warns().length === 2, { message: 'a second warning after the interval' });
    assert.match(
      warns()[1]!,
      /still no seed answers \(127\.0\.0\.1:\d+\) after \d+ retries over 60s: .*\(\d+ more like this in the last 60s\)$/,
    );

    await set.start('seed', { bindPort: port });
    const answered = await waitFor(() => lines.find((l) => l.level === 'info' && /a seed answered/.test(l.message)), { message: 'joined' });
    assert.match(answered.message, /^a seed answered after \d+ retries \(60s\): joined the gossip cluster through 1 of 1 seed\(s\)$/);
    await waitFor(() => memberNames(node).join() === 'n,seed', { message: 'both in one cluster' });
    const after = lines.length;
    now += 120_000;
    // no retry runs once joined: a later debug or warning line would show one
    const marker = await set.start('late');
    await marker.join([`127.0.0.1:${port}`]);
    await waitFor(() => memberNames(node).includes('late'), { message: 'cluster still working' });
    assert.deepEqual(lines.slice(after), []);
    assert.equal(lines.filter((l) => /a seed answered/.test(l.message)).length, 1);
  });

  it('stops retrying on close()', async () => {
    const port = await freePort();
    const node = await set.start('n');
    const { logger, lines } = captureLogger();
    const join = new SeedJoin(node, { seeds: [`127.0.0.1:${port}`], retryEveryMs: 50, logger });
    await join.start();
    await waitFor(() => lines.some((l) => l.level === 'debug'), { message: 'a retry ran' });
    join.close();
    const count = lines.length;
    const probe = await set.start('probe');
    await probe.join([`127.0.0.1:${node.port}`]);
    await waitFor(() => memberNames(node).includes('probe'), { message: 'node still up' });
    assert.equal(lines.length, count);
  });
});
