/**
 * Errors of the `doudou` command. A CliError is a failure the user can act on: the command prints its
 * message as one line and exits 1 (the stack only with --verbose). Usage mistakes (unknown command or
 * flag, missing argument) are commander's and exit 2.
 */

import { DoudouError, defineErrorCodes, type CodeOf } from '../errors';

export const CliErrorCodes = defineErrorCodes('cli', 'CliError', {
  CLI_BAD_ARGUMENT: { meaning: 'A flag or argument has a value the command cannot use (a port that is not a number, a bad --from).' },
  CLI_FILE_NOT_FOUND: { meaning: 'A file the command needs is missing or unreadable (package.json, tsconfig.json, a manifest).' },
  CLI_MISSING_EXECUTABLE: {
    meaning: 'An executable the command runs (docker, kubectl, git) is not on PATH; the message says how to install it.',
  },
  CLI_EXTERNAL_COMMAND_FAILED: { meaning: 'An executable the command ran exited with a non-zero status.' },
  CLI_MISSING_PACKAGE: { meaning: 'An optional package a command needs is not installed (e.g. @faker-js/faker for richer mock data).' },
  CLI_BAD_DOCUMENT: { meaning: 'An OpenAPI document or manifest that cannot be read, or is not OpenAPI 3.0 / Swagger 2.0.' },
  CLI_BUILD_FAILED: { meaning: 'The TypeScript build failed (`svc run` without --watch).' },
  CLI_DATA_FAILED: {
    meaning: 'ddl / svc crud: the database is not configured or unreachable, refused a statement, or an entity is wrong.',
  },
});

export type CliErrorCode = CodeOf<typeof CliErrorCodes>;

export class CliError extends DoudouError<CliErrorCode> {}
