/** The project's database for a data command: opened from its GDD_DB_*, closed after, failures as one-line CliErrors. */
import { ConfigError, HttpError } from '../errors';
import type { Database } from '../data/database/database';
import { DataError } from '../data/database/database-errors';
import { CliError, CliErrorCodes } from './cli-errors';
import { readServiceProject } from './service-project';

/** Runs `work` against the project's database, closing it afterwards; data-layer errors become one-line CLI failures. */
export async function withDatabase<T>(cwd: string, work: (db: Database) => Promise<T>): Promise<T> {
  let db: Database | undefined;
  try {
    // loaded here rather than at the top: the database drivers' code is for the data commands only
    const { Database } = await import('../data/database/database');
    db = Database.fromConfig(readServiceProject(cwd).config);
    return await work(db);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataError || err instanceof HttpError) {
      throw new CliError(CliErrorCodes.CLI_DATA_FAILED, err.message, { cause: err });
    }
    throw err;
  } finally {
    await db?.close();
  }
}
