/**
 * Two nodes with one name (memberlist's conflict rule: an alive message for a live member's name from
 * another address) on real sockets: each side reports the other, and an App in micro mode says so as
 * an error naming GDD_MEM_NAME — instead of two instances that silently never see each other.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { NameConflict } from '../../lib/discovery/node-events';
import { AppProcess } from '../support/app-process';
import { freePort } from '../support/free-port';
import { NodeSet, seedOf } from '../support/gossip-nodes';
import { GOSSIP_ENV } from '../support/micro-cluster';
import { waitFor } from '../support/wait-for';

const FIXTURE = path.resolve(__dirname, '../fixtures/startup-app.js');

describe('discovery: a node name used twice', function () {
  this.timeout(60_000);

  it('makes both nodes report the conflict with the other address', async () => {
    const nodes = new NodeSet();
    try {
      const first = await nodes.start('dup');
      const second = await nodes.start('dup');
      const seenByFirst: NameConflict[] = [];
      const seenBySecond: NameConflict[] = [];
      first.on('conflict', (c) => seenByFirst.push(c));
      second.on('conflict', (c) => seenBySecond.push(c));
      await second.join([seedOf(first)]);
      await waitFor(() => seenByFirst.length > 0 && seenBySecond.length > 0, { message: 'a conflict on each side' });
      assert.deepEqual(seenByFirst[0], {
        name: 'dup',
        known: { addr: '127.0.0.1', port: first.port },
        other: { addr: '127.0.0.1', port: second.port },
      });
      assert.deepEqual(seenBySecond[0], {
        name: 'dup',
        known: { addr: '127.0.0.1', port: second.port },
        other: { addr: '127.0.0.1', port: first.port },
      });
      // the rule itself: neither replaced its own entry with the other's address
      assert.deepEqual(
        first.members().map((m) => `${m.name}@${m.port}`),
        [`dup@${first.port}`],
      );
    } finally {
      await nodes.shutdownAll();
    }
  });

  it('two App instances with the same GDD_MEM_NAME log an error naming GDD_MEM_NAME', async () => {
    const seedPort = await freePort();
    const env = { ...GOSSIP_ENV, GDD_SERVICE_NAME: 'startupsvc', GDD_MEM_NAME: 'same-host' };
    const first = new AppProcess(FIXTURE, { ...env, GDD_MEM_PORT: String(seedPort) });
    let second: AppProcess | undefined;
    try {
      await first.waitForLine(/Started in/);
      second = new AppProcess(FIXTURE, { ...env, GDD_MEM_PORT: '0', GDD_MEM_SEED: `127.0.0.1:${seedPort}` });
      const conflict = /ERROR.*another node at 127\.0\.0\.1:\d+ uses this node's name "same-host".*GDD_MEM_NAME/;
      await first.waitForLine(conflict, 20_000);
      await second.waitForLine(conflict, 20_000);
    } finally {
      first.kill();
      second?.kill();
    }
  });
});
