/** `doudou svc run [--watch]`: build with the project's tsc and start the service; with --watch, live reload. */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CliError, CliErrorCodes } from '../cli-errors';
import { integerOption } from '../command-registry';
import { buildOnce, watchBuild } from '../run/typescript-build';
import { ServiceProcess } from '../run/service-process';
import { WatchSupervisor } from '../run/watch-supervisor';
import { readServiceProject } from '../service-project';

interface RunFlags {
  watch?: boolean;
  project: string;
  entry?: string;
  debounce: number;
}

const log = (line: string): void => {
  process.stdout.write(`doudou: ${line}\n`);
};

function entryOf(cwd: string, flag: string | undefined, main: string | undefined): string {
  const entry = flag ?? main;
  if (entry === undefined) {
    throw new CliError(CliErrorCodes.CLI_BAD_ARGUMENT, 'no entry point: give --entry dist/main.js or set "main" in package.json');
  }
  return path.resolve(cwd, entry);
}

export function registerSvcRun(parent: Command): void {
  parent
    .command('run')
    .description('build with tsc and start the service; with --watch, rebuild and restart it on every change')
    .option('-w, --watch', "TypeScript's incremental watch build (file-system events, no polling) restarts the service")
    .option('--project <tsconfig>', 'tsconfig to build', 'tsconfig.json')
    .option('--entry <file>', 'compiled file to start (default: package.json main)')
    .option('--debounce <ms>', 'quiet time after a build before restarting', integerOption('--debounce', 0, 60_000), 300)
    .addHelpText(
      'after',
      '\nOn a change: a successful build drains the running service (SIGTERM, graceful shutdown) and starts the\n' +
        'new one; a failed build prints the errors and keeps the running service.\n\nExample:\n  doudou svc run --watch',
    )
    .action(async (flags: RunFlags) => {
      const cwd = process.cwd();
      const project = readServiceProject(cwd);
      const entry = entryOf(cwd, flags.entry, project.packageJson?.main);
      const killAfterMs = project.config.http.graceTimeoutMs + 5000;
      const watching = flags.watch === true;
      const service = new ServiceProcess(entry, cwd, killAfterMs, (code, signal) => {
        if (watching) log(`the service exited (${signal ?? `code ${code}`}); waiting for changes`);
        else process.exit(code ?? 1);
      });
      if (flags.watch !== true) {
        const { errorCount } = buildOnce(cwd, flags.project);
        if (errorCount > 0)
          throw new CliError(CliErrorCodes.CLI_BUILD_FAILED, `build failed with ${errorCount} error${errorCount === 1 ? '' : 's'}`);
        if (!existsSync(entry))
          throw new CliError(CliErrorCodes.CLI_FILE_NOT_FOUND, `${path.relative(cwd, entry)} does not exist after the build`);
        service.start();
        const forward = (): void => void service.stop();
        process.once('SIGTERM', forward);
        process.once('SIGINT', forward);
        return;
      }
      const supervisor = new WatchSupervisor(service, { debounceMs: flags.debounce, log });
      const closeWatch = watchBuild(cwd, flags.project, { onBuild: ({ errorCount }) => supervisor.onBuild(errorCount) });
      const stop = (): void => {
        closeWatch();
        supervisor.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
}
