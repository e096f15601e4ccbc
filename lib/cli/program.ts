/**
 * The `doudou` program: commander parses argv, the commands do the work. Exit codes: 0 done, 1 the command
 * failed (one readable line on stderr; the stack too with --verbose), 2 a usage mistake (unknown command or
 * flag, missing or invalid argument — commander's message plus a hint to --help).
 */
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-errors';
import type { CommandRegistration } from './command-registry';
import { registerDdl } from './commands/ddl';
import { registerGossipNode } from './commands/gossip-node';
import { registerSvc } from './commands/svc';
import { packageInfo } from './package-info';

/** Root commands, in help order. */
const ROOT_COMMANDS: readonly CommandRegistration[] = [registerSvc, registerDdl, registerGossipNode];

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function buildProgram(): Command {
  const program = new Command('doudou')
    .description(
      'ts-doudou toolchain: scaffold a service, generate clients, mock, run with live reload, sync database schemas, deploy to Kubernetes',
    )
    .version(packageInfo().version, '-v, --version', 'print the ts-doudou version')
    .option('--verbose', 'print stack traces of failures')
    .showSuggestionAfterError()
    .showHelpAfterError('(run with --help for usage)');
  for (const register of ROOT_COMMANDS) register(program);
  // every (sub)command reports usage errors by throwing instead of exiting, so runCli picks the exit code
  const exitOverride = (cmd: Command): void => {
    cmd.exitOverride();
    for (const sub of cmd.commands) exitOverride(sub);
  };
  exitOverride(program);
  return program;
}

function describeFailure(err: unknown, verbose: boolean): string {
  const message = err instanceof Error ? err.message : String(err);
  if (verbose && err instanceof Error && err.stack) return err.stack;
  const hint = err instanceof CliError ? '' : ' (run with --verbose for the stack)';
  return `doudou: ${message}${hint}`;
}

/** Runs the program on `argv` (user arguments only, without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version "errors" are successful exits; commander has printed what it had to say
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      // a group called without its subcommand (`doudou svc`) prints its help as an error: a usage mistake
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    process.stderr.write(`${describeFailure(err, verbose)}\n`);
    return EXIT_FAILURE;
  }
}
