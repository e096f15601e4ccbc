/**
 * The same crash measurement with 3 real Go memberlist 0.2.2 nodes (gonode, DefaultLocalConfig), measured
 * in the same run on the same machine, so the ts numbers have a like-for-like baseline.
 */
import { freePort } from '../../spec/support/free-port';
import { GoPeer } from '../../spec/support/go-peer';
import { hasGoMemberlist } from '../../spec/support/requirements';

export interface GoBaseline {
  scenario: string;
  nodes: number;
  convergeMs: number;
  firstDeadMs: number;
  allDeadMs: number;
}

export async function goBaseline(): Promise<GoBaseline | { skipped: string }> {
  if (!hasGoMemberlist()) return { skipped: 'install golang-go golang-github-hashicorp-memberlist-dev (Debian)' };
  const ports = [await freePort(), await freePort(), await freePort()];
  const peers: GoPeer[] = [];
  try {
    peers.push(await GoPeer.start({ name: 'g0', port: ports[0], extraArgs: ['-quiet'] }));
    const t0 = Date.now();
    peers.push(await GoPeer.start({ name: 'g1', port: ports[1], join: [`127.0.0.1:${ports[0]}`], extraArgs: ['-quiet'] }));
    peers.push(await GoPeer.start({ name: 'g2', port: ports[2], join: [`127.0.0.1:${ports[0]}`], extraArgs: ['-quiet'] }));
    await Promise.all(
      peers.flatMap((p) => peers.filter((q) => q !== p).map((q) => p.waitForEvent((e) => e.event === 'join' && e.name === q.options.name))),
    );
    const convergeMs = Date.now() - t0;
    const killedAt = Date.now();
    await peers[2].kill();
    const deaths = await Promise.all(peers.slice(0, 2).map((p) => p.waitForEvent((e) => e.event === 'leave' && e.name === 'g2', 60_000)));
    const times = deaths.map((e) => Date.parse(String(e.ts)) - killedAt);
    return {
      scenario: '3 Go memberlist 0.2.2 nodes, 3 processes',
      nodes: 3,
      convergeMs,
      firstDeadMs: Math.min(...times),
      allDeadMs: Math.max(...times),
    };
  } finally {
    await Promise.all(peers.map((p) => p.kill()));
  }
}
