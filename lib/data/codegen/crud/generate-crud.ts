/**
 * `generateCrud()`: what `doudou svc crud --table T` runs. Introspects one table and writes a CRUD service
 * over it: entity.ts, dto.ts, contract.ts, service.ts, main.ts and <table>.spec.ts. An existing service.ts
 * or spec (edited by the user) is kept unless `force`.
 */
import { DataConfigError } from '../../data-config-errors';
import type { Database } from '../../database/database';
import { introspectSchema } from '../../schema/introspect';
import type { TableModel } from '../../schema/table-model';
import { entitySource } from '../entity-source';
import { kebabCase, type GeneratedFile } from '../ts-literals';
import { writeGeneratedFiles, type WrittenFiles } from '../write-files';
import { crudModel } from './crud-model';
import { dtoSource } from './crud-dto-source';
import { contractSource, mainSource, serviceSource } from './crud-service-source';
import { specSource } from './crud-spec-source';

export interface CrudOptions {
  /** The service name (@Service / @Contract). Default: the table name in kebab-case. */
  service?: string;
  /** Where generated code imports ts-doudou from. Default 'ts-doudou'. */
  importFrom?: string;
}

/** Files the user is expected to edit: kept when they exist, unless forced. */
const EDITABLE = new Set(['service.ts', 'main.ts']);

export function crudFiles(table: TableModel, options: CrudOptions = {}): GeneratedFile[] {
  const importFrom = options.importFrom ?? 'ts-doudou';
  const m = crudModel(table, options.service);
  return [
    { path: 'entity.ts', contents: entitySource(table, { importFrom }) },
    { path: 'dto.ts', contents: dtoSource(m, importFrom) },
    { path: 'contract.ts', contents: contractSource(m, importFrom) },
    { path: 'service.ts', contents: serviceSource(m, importFrom) },
    { path: 'main.ts', contents: mainSource(m, importFrom) },
    { path: `${kebabCase(table.name)}.spec.ts`, contents: specSource(m, importFrom) },
  ];
}

export interface GenerateCrudOptions extends CrudOptions {
  table: string;
  /** Output directory. */
  out: string;
  /** Overwrite service.ts and main.ts too. Default false. */
  force?: boolean;
}

export async function generateCrud(db: Database, options: GenerateCrudOptions): Promise<WrittenFiles & { files: GeneratedFile[] }> {
  const table = (await introspectSchema(db)).find((t) => t.name === options.table);
  if (table === undefined)
    throw new DataConfigError(
      'TABLE_NOT_FOUND',
      `there is no table ${options.table} in ${db.config.schema || db.config.database || 'the database'}`,
    );
  const files = crudFiles(table, options);
  const regenerated = files.filter((f) => options.force === true || !EDITABLE.has(f.path));
  const editable = files.filter((f) => options.force !== true && EDITABLE.has(f.path));
  const first = await writeGeneratedFiles(options.out, regenerated);
  const second = await writeGeneratedFiles(options.out, editable, { overwrite: false });
  return { files, written: [...first.written, ...second.written], kept: second.kept };
}
