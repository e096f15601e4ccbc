/**
 * Errors of the `doudou` command. A CliError is a failure the user can act on: the command prints its
 * message as one line and exits 1 (the stack only with --verbose). Usage mistakes (unknown command or
 * flag, missing argument) are commander's and exit 2.
 */

export const CliErrorCodes = {
  /** A flag or argument has a value the command cannot use (a port that is not a number, a bad --from). */
  BAD_ARGUMENT: 'CLI_BAD_ARGUMENT',
  /** A file the command needs is missing or unreadable (package.json, tsconfig.json, a manifest). */
  FILE_NOT_FOUND: 'CLI_FILE_NOT_FOUND',
  /** An executable the command runs (docker, kubectl, git) is not on PATH. */
  MISSING_EXECUTABLE: 'CLI_MISSING_EXECUTABLE',
  /** An executable the command ran exited with a non-zero status. */
  EXTERNAL_COMMAND_FAILED: 'CLI_EXTERNAL_COMMAND_FAILED',
  /** An optional package a command needs is not installed (e.g. @faker-js/faker for richer mock data). */
  MISSING_PACKAGE: 'CLI_MISSING_PACKAGE',
  /** An OpenAPI document that cannot be read or is not OpenAPI 3.0 / Swagger 2.0. */
  BAD_DOCUMENT: 'CLI_BAD_DOCUMENT',
  /** The TypeScript build failed (svc run without --watch). */
  BUILD_FAILED: 'CLI_BUILD_FAILED',
  /** ddl / svc crud: the database is not configured or unreachable, refused a statement, or an entity is wrong. */
  DATA_FAILED: 'CLI_DATA_FAILED',
} as const;

export type CliErrorCode = (typeof CliErrorCodes)[keyof typeof CliErrorCodes];

export class CliError extends Error {
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    if (options?.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false });
  }
}
