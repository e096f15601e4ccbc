/**
 * Standalone gossip node (`npm run gossip-node`): configured from GDD_MEM_* through the config table (node-env.ts), joins
 * GDD_MEM_SEED, prints one JSON line per membership event on stdout
 * (`{"event":"join","name":…,"addr":…,"port":…,"meta":…}`; also update, leave, dead, suspect, alive, weight, user),
 * and on SIGTERM/SIGINT leaves the cluster, shuts down and exits 0. Errors go to stderr as JSON too.
 */
import type { MemberInfo } from './core/types';
import { GossipNode } from './node';
import { optionsFromConfig } from './node-env';

function print(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...event, ts: new Date().toISOString() })}\n`);
}

/** Meta as UTF-8 text when it is printable, else as hex (serf tags, msgpack NodeMeta). */
export function describeMeta(meta: Uint8Array): { meta: string | null; meta_hex?: string } {
  if (meta.length === 0) return { meta: null };
  const text = Buffer.from(meta).toString('utf8');
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what marks binary meta
  const printable = !text.includes('\uFFFD') && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
  return printable ? { meta: text } : { meta: null, meta_hex: Buffer.from(meta).toString('hex') };
}

export function memberEvent(event: string, node: MemberInfo): Record<string, unknown> {
  return {
    event,
    name: node.name,
    addr: node.addr,
    port: node.port,
    ...describeMeta(node.meta),
    incarnation: node.incarnation,
    vsn: [...node.vsn],
    ...(node.gossipedWeightAt !== undefined ? { weight: node.gossipedWeight, weightAt: node.gossipedWeightAt } : {}),
  };
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const options = optionsFromConfig(env);
  const node = await GossipNode.create(options);
  for (const type of ['join', 'update', 'leave', 'dead', 'suspect', 'alive', 'weight'] as const) {
    node.on(type, (m) => print(memberEvent(type, m)));
  }
  node.on('user', (u) => print({ event: 'user', len: u.payload.length, from: u.from ?? null, reliable: u.reliable }));
  const self = node.localNode;
  print({ event: 'start', name: self.name, addr: self.addr, port: self.port, pid: process.pid });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    node
      .leave()
      .catch((err: unknown) => print({ event: 'leave-error', error: String(err) }))
      .then(() => node.shutdown())
      .then(
        () => {
          print({ event: 'self-leave', signal });
          process.exit(0);
        },
        (err: unknown) => {
          process.stderr.write(`${JSON.stringify({ event: 'shutdown-error', error: String(err) })}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  if (node.options.seeds.length > 0) {
    try {
      const contacted = await node.join();
      print({ event: 'joined', contacted, seeds: node.options.seeds });
    } catch (err) {
      print({ event: 'joined', contacted: 0, seeds: node.options.seeds, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(
      `${JSON.stringify({ event: 'fatal', error: err instanceof Error ? err.message : String(err), code: (err as { code?: string }).code })}\n`,
    );
    process.exit(1);
  });
}
