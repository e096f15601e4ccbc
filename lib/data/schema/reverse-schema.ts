/** `reverseSchema()`: what `doudou ddl reverse` runs — live tables → entity class files. */
import type { Database } from '../database/database';
import { entityFiles, type EntitySourceOptions } from '../codegen/entity-source';
import type { GeneratedFile } from '../codegen/ts-literals';
import { writeGeneratedFiles } from '../codegen/write-files';
import { introspectSchema } from './introspect';

export interface ReverseOptions extends EntitySourceOptions {
  /** Only tables matching these globs (`order*,user?`). Default: all. */
  tables?: string;
  /** Write the files into this directory; without it they are only returned. */
  out?: string;
}

export async function reverseSchema(db: Database, options: ReverseOptions = {}): Promise<GeneratedFile[]> {
  const tables = await introspectSchema(db, { tables: options.tables });
  const files = entityFiles(tables, options);
  if (options.out !== undefined) await writeGeneratedFiles(options.out, files);
  return files;
}
