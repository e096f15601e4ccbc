/** `doudou gossip-node`: a standalone SWIM node configured from GDD_MEM_* (lib/discovery/cli.ts). */
import type { Command } from 'commander';

export function registerGossipNode(parent: Command): void {
  parent
    .command('gossip-node')
    .description('run a standalone gossip node from GDD_MEM_* variables, printing membership events as JSON lines')
    .addHelpText('after', '\nExample:\n  GDD_MEM_PORT=7946 GDD_MEM_SEED=10.0.0.5:7946 doudou gossip-node')
    .action(async () => {
      // the gossip node's code loads when it runs, not with every `doudou` command
      const { main } = await import('../../discovery/cli');
      await main(process.env);
    });
}
