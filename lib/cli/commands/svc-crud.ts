/** `doudou svc crud --table T`: a CRUD REST service over one table (lib/data's generateCrud()). */
import * as path from 'node:path';
import type { Command } from 'commander';
import { kebabCase } from '../../data/codegen/ts-literals';
import { withDatabase } from '../project-database';

interface CrudFlags {
  table: string;
  out?: string;
  name?: string;
  force?: boolean;
  importFrom: string;
}

export function registerSvcCrud(parent: Command): void {
  parent
    .command('crud')
    .description('generate a CRUD REST service over a table: entity, DTOs, contract, implementation, main and a spec')
    .requiredOption('-t, --table <name>', 'the table (it needs a one-column primary key)')
    .option('-o, --out <dir>', 'output directory (default: src/<table>)')
    .option('-n, --name <service>', 'service name (default: the table name)')
    .option('--force', 'also overwrite service.ts and main.ts when they exist')
    .option('--import-from <module>', 'where the generated code imports ts-doudou from', 'ts-doudou')
    .addHelpText(
      'after',
      '\nThe table is read from the database of GDD_DB_*. entity.ts, dto.ts, contract.ts and the spec are rewritten on\n' +
        'every run; service.ts and main.ts are yours once they exist (--force replaces them).\n\nExamples:\n  doudou svc crud --table orders\n  doudou svc crud --table order_items --out src/items --name items',
    )
    .action(async (flags: CrudFlags) => {
      const cwd = process.cwd();
      const out = path.resolve(cwd, flags.out ?? path.join('src', kebabCase(flags.table)));
      // the generator loads when the command runs, not with every `doudou` command
      const { generateCrud } = await import('../../data/codegen/crud/generate-crud');
      await withDatabase(cwd, async (db) => {
        const result = await generateCrud(db, {
          table: flags.table,
          out,
          service: flags.name,
          force: flags.force,
          importFrom: flags.importFrom,
        });
        for (const file of result.written) process.stdout.write(`${path.relative(cwd, file)}\n`);
        for (const file of result.kept) process.stderr.write(`kept ${path.relative(cwd, file)} (yours; --force replaces it)\n`);
        process.stderr.write(
          `CRUD service over ${flags.table} in ${path.relative(cwd, out) || '.'}: build it, then run its spec or node dist/…/main.js\n`,
        );
      });
    });
}
