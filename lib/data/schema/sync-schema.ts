/**
 * `syncSchema()`: what `doudou ddl sync` runs. Entities → desired tables, introspection → live tables, the
 * plan → statements; then runs them (PostgreSQL: in one transaction, so a failure changes nothing) unless
 * it is a dry run. A second run finds nothing to do.
 */
import type { Class } from '../../decorators/class-type';
import type { Database } from '../database/database';
import { describeEntity } from '../entity/describe-entity';
import { ddlStatements, type DdlStatement } from './ddl-statements';
import { introspectSchema, tableMatcher } from './introspect';
import { planSchema, type SchemaPlan } from './schema-plan';

export interface SyncOptions {
  /** Only print (return) the statements. Default false. */
  dryRun?: boolean;
  /** Also drop tables, columns, indexes and foreign keys the entities do not have. Default false. */
  allowDrop?: boolean;
  /** Only tables matching these globs (`order*,user?`), on both sides. Default: all. */
  tables?: string;
}

export interface SyncResult {
  readonly statements: readonly DdlStatement[];
  readonly skipped: SchemaPlan['skipped'];
  /** True when the statements were run. */
  readonly executed: boolean;
}

export async function syncSchema(db: Database, entities: readonly Class[], options: SyncOptions = {}): Promise<SyncResult> {
  const wanted = tableMatcher(options.tables);
  const desired = entities.map((e) => describeEntity(e).table).filter((t) => wanted(t.name));
  const actual = await introspectSchema(db, { tables: options.tables });
  const plan = planSchema(db.dialect, desired, actual, { allowDrop: options.allowDrop });
  const statements = ddlStatements({ kysely: db.kysely, dialect: db.dialect, charset: db.config.charset }, plan.changes);
  const execute = options.dryRun !== true && statements.length > 0;
  if (execute) {
    if (db.driver === 'postgres') {
      await db.kysely.transaction().execute(async (trx) => {
        for (const s of statements) await trx.executeQuery(s.query);
      });
    } else {
      // MySQL commits each DDL statement implicitly; there is no transaction to put them in
      for (const s of statements) await db.kysely.executeQuery(s.query);
    }
  }
  return { statements, skipped: plan.skipped, executed: execute };
}
