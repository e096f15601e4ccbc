/**
 * `doudou ddl sync` and `doudou ddl reverse`: the project's entity classes ↔ the tables of its database
 * (GDD_DB_* read as the service reads them). The work is lib/data's syncSchema() and reverseSchema().
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { CliError, CliErrorCodes } from '../cli-errors';
import { withDatabase } from '../project-database';
import { readServiceProject } from '../service-project';

interface SyncFlags {
  entities?: string[];
  dryRun?: boolean;
  allowDrop?: boolean;
  tables?: string;
}

interface ReverseFlags {
  out: string;
  tables?: string;
  importFrom: string;
}

function entityPaths(flags: SyncFlags, cwd: string): string[] {
  const configured = (readServiceProject(cwd).packageJson?.doudou as { entities?: unknown } | undefined)?.entities;
  const paths =
    flags.entities ?? (Array.isArray(configured) ? configured.map(String) : typeof configured === 'string' ? [configured] : undefined);
  if (paths === undefined || paths.length === 0) {
    throw new CliError(
      CliErrorCodes.CLI_BAD_ARGUMENT,
      'which entities? give --entities <compiled dir or module…>, or "doudou": { "entities": "dist/entities" } in package.json',
    );
  }
  return paths;
}

function registerSync(ddl: Command): void {
  ddl
    .command('sync')
    .description('create or alter tables so they match the entity classes (MySQL/MariaDB, PostgreSQL)')
    .option('-e, --entities <paths...>', 'compiled modules or directories exporting @Table classes (default: package.json doudou.entities)')
    .option('--dry-run', 'print the statements instead of running them')
    .option('--allow-drop', 'also drop tables, columns, indexes and foreign keys the entities do not have')
    .option('-t, --tables <globs>', "only tables matching these globs, e.g. 'order*,user?'")
    .addHelpText(
      'after',
      '\nThe database is GDD_DB_* (environment and .env files).\n\nExamples:\n  doudou ddl sync --entities dist/entities --dry-run\n  doudou ddl sync --allow-drop',
    )
    .action(async (flags: SyncFlags) => {
      const cwd = process.cwd();
      const paths = entityPaths(flags, cwd);
      // the data layer loads when a ddl command runs, so every other `doudou` command starts without it
      const [{ entitiesFromModules }, { syncSchema }] = await Promise.all([
        import('../../data/entity/load-entities'),
        import('../../data/schema/sync-schema'),
      ]);
      await withDatabase(cwd, async (db) => {
        const entities = entitiesFromModules(cwd, paths);
        if (entities.length === 0) {
          throw new CliError(
            CliErrorCodes.CLI_BAD_ARGUMENT,
            `no @Table classes are exported by ${paths.join(', ')} (run the project's own doudou: npx doudou)`,
          );
        }
        const result = await syncSchema(db, entities, { dryRun: flags.dryRun, allowDrop: flags.allowDrop, tables: flags.tables });
        for (const statement of result.statements) process.stdout.write(`${statement.sql};\n`);
        for (const note of result.skipped) process.stdout.write(`-- skipped: ${note}\n`);
        const what = `${entities.length} entit${entities.length === 1 ? 'y' : 'ies'}`;
        if (result.statements.length === 0) process.stderr.write(`the schema matches the ${what}: nothing to do\n`);
        else if (result.executed) process.stderr.write(`ran ${result.statements.length} statement(s) for ${what}\n`);
        else process.stderr.write(`dry run: ${result.statements.length} statement(s) for ${what} not run\n`);
      });
    });
}

function registerReverse(ddl: Command): void {
  ddl
    .command('reverse')
    .description('write entity classes from the tables of the database')
    .option('-o, --out <dir>', 'directory for the entity files', 'src/entities')
    .option('-t, --tables <globs>', "only tables matching these globs, e.g. 'order*,user?'")
    .option('--import-from <module>', 'where the generated code imports the decorators from', 'ts-doudou')
    .addHelpText('after', '\nExamples:\n  doudou ddl reverse --tables "order*" --out src/entities')
    .action(async (flags: ReverseFlags) => {
      const cwd = process.cwd();
      const { reverseSchema } = await import('../../data/schema/reverse-schema');
      await withDatabase(cwd, async (db) => {
        const out = path.resolve(cwd, flags.out);
        const files = await reverseSchema(db, { tables: flags.tables, out, importFrom: flags.importFrom });
        for (const file of files) process.stdout.write(`${path.relative(cwd, path.join(out, file.path))}\n`);
        process.stderr.write(`wrote ${files.length - 1} entity file(s) and an index to ${path.relative(cwd, out) || '.'}\n`);
      });
    });
}

export function registerDdl(parent: Command): void {
  const ddl = parent.command('ddl').description('entity classes ↔ database tables: sync the schema, or reverse it into classes');
  registerSync(ddl);
  registerReverse(ddl);
}
