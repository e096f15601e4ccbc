/**
 * One process of the real-network gossip benchmark: runs a few GossipNodes on 127.0.0.1 (port 0) and
 * reports convergence and failure observations to the parent over IPC.
 */
import { GossipNode } from '../../lib/discovery/node';
import type { FromWorker, ToWorker } from './protocol';

const nodes: GossipNode[] = [];
let watched: string | undefined;
const reportedDead = new Set<string>();
const reportedSuspect = new Set<string>();

function send(msg: FromWorker): void {
  process.send?.(msg);
}

async function start(names: string[], profile: 'local' | 'lan'): Promise<void> {
  for (const name of names) {
    const node = await GossipNode.create({ name, profile, bindAddr: '127.0.0.1', bindPort: 0 });
    for (const event of ['suspect', 'dead'] as const) {
      node.on(event, (m) => {
        if (m.name !== watched) return;
        const seen = event === 'dead' ? reportedDead : reportedSuspect;
        if (seen.has(name)) return;
        seen.add(name);
        send({ type: 'observed', observer: name, subject: m.name, event, at: Date.now() });
      });
    }
    nodes.push(node);
  }
  send({ type: 'started', nodes: nodes.map((n) => ({ name: n.localNode.name, port: n.port })) });
}

function join(seed: string, expected: number): void {
  for (const node of nodes) {
    const name = node.localNode.name;
    let done = false;
    const check = () => {
      if (!done && node.members().length >= expected) {
        done = true;
        send({ type: 'converged', name, at: Date.now() });
      }
    };
    node.on('join', check);
    check();
    if (node.port === Number(seed.split(':')[1])) continue; // the seed itself
    node.join([seed]).catch((err: unknown) => send({ type: 'joinFailed', name, error: String(err) }));
  }
}

process.on('message', (msg: ToWorker) => {
  switch (msg.cmd) {
    case 'start':
      void start(msg.names, msg.profile);
      return;
    case 'join':
      join(msg.seed, msg.expected);
      return;
    case 'watch':
      watched = msg.subject;
      return;
    case 'shutdown':
      void Promise.all(nodes.map((n) => n.shutdown())).then(() => process.exit(0));
      return;
  }
});
