/** `doudou gossip-node`: a standalone SWIM node configured from GDD_MEM_* (lib/discovery/cli.ts). */
import type { Command } from 'commander';
import { main as runGossipNode } from '../../discovery/cli';

export function registerGossipNode(parent: Command): void {
  parent
    .command('gossip-node')
    .description('run a standalone gossip node from GDD_MEM_* variables, printing membership events as JSON lines')
    .addHelpText('after', '\nExample:\n  GDD_MEM_PORT=7946 GDD_MEM_SEED=10.0.0.5:7946 doudou gossip-node')
    .action(async () => {
      await runGossipNode(process.env);
    });
}
