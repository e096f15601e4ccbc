/** `doudou svc init <dir>`: a new service project that runs at once. */
import type { Command } from 'commander';
import * as path from 'node:path';
import { scaffoldProject } from '../init/scaffold';

export function registerSvcInit(parent: Command): void {
  parent
    .command('init')
    .description('create a service project: contract, implementation, DTOs, a test, .env, Dockerfile')
    .argument('<dir>', 'folder of the project; its name is the service name')
    .option('--force', 'overwrite files that exist (default: keep them and warn)')
    .addHelpText('after', '\nExample:\n  npx doudou svc init billing && cd billing && npm install && npm start')
    .action((dir: string, flags: { force?: boolean }) => {
      const log = (line: string): void => {
        process.stdout.write(`${line}\n`);
      };
      const { dependencyNote } = scaffoldProject({ dir, force: flags.force === true, log });
      log(`ts-doudou dependency: ${dependencyNote}`);
      log(`next: cd ${path.relative(process.cwd(), path.resolve(dir)) || '.'} && npm install && npm start`);
    });
}
