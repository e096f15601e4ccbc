import type * as Pg from 'pg';
import { PostgresDialect, type Dialect } from 'kysely';
import type { DbConfig } from '../../config/types';
import { ConfigError } from '../../errors';
import { isValidIdentifier } from '../entity/identifiers';
import { loadDriverModule } from './driver-module';

/** pg type OIDs whose default parsing would not round-trip (pg_type.oid). */
const DATE_OID = 1082;
const TIMESTAMP_OID = 1114;

/**
 * How values come back: `date` stays 'YYYY-MM-DD' (pg's default makes a local-midnight Date) and
 * `timestamp without time zone` is read as UTC, the zone the DAO writes it in; everything else as pg does.
 */
function typeParsers(pg: typeof Pg): Pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === DATE_OID) return (text: string) => text;
      if (oid === TIMESTAMP_OID) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
      return pg.types.getTypeParser(oid, format as 'text');
    }) as Pg.CustomTypesConfig['getTypeParser'],
  };
}

/** A pg pool from GDD_DB_*, wrapped as a Kysely dialect; GDD_DB_SCHEMA becomes the connection's search_path. */
export function createPostgresDialect(config: DbConfig, resolveFrom?: string): Dialect {
  const pg = loadDriverModule<typeof Pg>('pg', resolveFrom);
  if (config.schema !== '' && !isValidIdentifier(config.schema)) {
    throw new ConfigError('INVALID_CONFIG', `GDD_DB_SCHEMA '${config.schema}' is not a valid schema name (letters, digits, _)`);
  }
  const pool = new pg.Pool({
    host: config.host,
    port: config.port || 5432,
    user: config.user || undefined,
    password: config.password || undefined,
    database: config.database || undefined,
    max: config.pool.maxOpen,
    idleTimeoutMillis: config.pool.maxIdleTimeMs,
    connectionTimeoutMillis: config.connectTimeoutMs,
    ...(config.schema !== '' ? { options: `-c search_path=${config.schema}` } : {}),
    types: typeParsers(pg),
  });
  // an idle client losing its server must not crash the process; the next query reports it
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}
