/**
 * What can go wrong in the database, as typed errors. The ones a client can cause or act on are HttpErrors,
 * so a route that lets them through answers with their status (a duplicate key is 409 DUPLICATE, not 500);
 * any other driver error becomes a DatabaseError, which the HTTP layer answers as a generic 500 and logs.
 * Mapping happens once, where queries run, so DAO calls and raw Kysely queries throw the same errors.
 */
import { DoudouError, HttpError, defineErrorCodes, type CodeOf, type CodesWithStatus } from '../../errors';
import type { DialectName } from '../dialect/sql-dialect';

export const DataErrorCodes = defineErrorCodes('data', 'DataError', {
  DUPLICATE: {
    status: 409,
    thrownBy: 'DuplicateKeyError',
    meaning: 'A unique or primary key already has this value (MySQL 1062, PostgreSQL 23505).',
  },
  FOREIGN_KEY_VIOLATION: {
    status: 409,
    thrownBy: 'ForeignKeyViolationError',
    meaning: 'A foreign key points at a row that does not exist, or a referenced row is still referenced.',
  },
  TRANSACTION_CONFLICT: {
    status: 409,
    thrownBy: 'TransactionConflictError',
    meaning: 'A deadlock or serialization failure aborted the transaction; retrying it may succeed.',
  },
  DB_UNAVAILABLE: {
    status: 503,
    thrownBy: 'DatabaseUnavailableError',
    meaning: 'The database cannot be reached (refused, timed out, connection lost).',
  },
  MISSING_VALUE: { status: 400, thrownBy: 'MissingValueError', meaning: 'An insert leaves out a NOT NULL column that has no default.' },
  DB_ERROR: {
    thrownBy: 'DatabaseError',
    meaning: 'Any other error the database reported; the client sees a generic 500, the log has the cause.',
  },
  UNKNOWN_FIELD: { meaning: 'A DAO call was given a property that is not a column of the entity.' },
  EMPTY_FILTER: { meaning: 'updateMany/deleteMany without a filter (use a filter that matches everything on purpose).' },
  BAD_QUERY: { meaning: 'A filter, sort or page the DAO cannot turn into SQL (unknown operator, a json column in a filter, page 0).' },
  BAD_KEY: { meaning: 'get/update/delete by key on an entity without a primary key, or with a key of the wrong shape.' },
});

export type DataErrorCode = CodeOf<typeof DataErrorCodes>;

export interface DatabaseErrorDetails {
  /** The constraint or key the database named, when it did. */
  constraint?: string;
  table?: string;
}

/** A unique or primary key already holds this value. */
export class DuplicateKeyError extends HttpError<'DUPLICATE'> {
  readonly constraint?: string;
  constructor(constraint: string | undefined, options?: ErrorOptions) {
    super(
      DataErrorCodes.statusOf('DUPLICATE'),
      'DUPLICATE',
      constraint ? `a row with the same ${constraint} already exists` : 'a row with the same key already exists',
      {
        ...(constraint ? { constraint } : {}),
      },
      options,
    );
    this.constraint = constraint;
  }
}

export class ForeignKeyViolationError extends HttpError<'FOREIGN_KEY_VIOLATION'> {
  readonly constraint?: string;
  constructor(constraint: string | undefined, options?: ErrorOptions) {
    super(
      DataErrorCodes.statusOf('FOREIGN_KEY_VIOLATION'),
      'FOREIGN_KEY_VIOLATION',
      `the row references a missing row, or is still referenced${constraint ? ` (${constraint})` : ''}`,
      {
        ...(constraint ? { constraint } : {}),
      },
      options,
    );
    this.constraint = constraint;
  }
}

export class TransactionConflictError extends HttpError<'TRANSACTION_CONFLICT'> {
  constructor(options?: ErrorOptions) {
    super(
      DataErrorCodes.statusOf('TRANSACTION_CONFLICT'),
      'TRANSACTION_CONFLICT',
      'the transaction conflicted with another one; retry it',
      undefined,
      options,
    );
  }
}

export class DatabaseUnavailableError extends HttpError<'DB_UNAVAILABLE'> {
  constructor(reason: string, options?: ErrorOptions) {
    super(DataErrorCodes.statusOf('DB_UNAVAILABLE'), 'DB_UNAVAILABLE', `the database is unavailable: ${reason}`, undefined, options);
  }
}

/** An insert without a value for a NOT NULL column that has no default. */
export class MissingValueError extends HttpError<'MISSING_VALUE'> {
  constructor(readonly fields: readonly string[]) {
    super(
      DataErrorCodes.statusOf('MISSING_VALUE'),
      'MISSING_VALUE',
      `missing value for ${fields.join(', ')}`,
      fields.map((field) => ({ field, message: 'is required' })),
    );
  }
}

/**
 * Errors that are the program's, not the client's: the message is for the log (the HTTP layer answers
 * them as a generic 500), the code says which mistake it was.
 */
export class DataError extends DoudouError<Exclude<DataErrorCode, CodesWithStatus<(typeof DataErrorCodes)['table']>>> {}

/** Any other error the database reported. `sqlState` / `driverCode` say what the server said. */
export class DatabaseError extends DataError {
  readonly driverCode?: string;
  readonly sqlState?: string;
  constructor(message: string, info: { driverCode?: string; sqlState?: string }, options?: ErrorOptions) {
    super(DataErrorCodes.DB_ERROR, message, options);
    this.driverCode = info.driverCode;
    this.sqlState = info.sqlState;
  }
}

interface DriverErrorLike {
  code?: unknown;
  errno?: unknown;
  sqlState?: unknown;
  sqlMessage?: unknown;
  constraint?: unknown;
  message?: unknown;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'PROTOCOL_CONNECTION_LOST']);

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function mysqlKeyName(message: string): string | undefined {
  // "Duplicate entry 'x' for key 'users.uq_users_email'" (MySQL 8 prefixes the table)
  const key = /for key '([^']+)'/.exec(message)?.[1];
  return key?.includes('.') ? key.slice(key.lastIndexOf('.') + 1) : key;
}

function mysqlForeignKeyName(message: string): string | undefined {
  return /CONSTRAINT `([^`]+)` FOREIGN KEY/.exec(message)?.[1];
}

function isTyped(err: unknown): boolean {
  return err instanceof HttpError || err instanceof DataError;
}

/** Turns what a driver threw into one of the typed errors above (typed errors pass through unchanged). */
export function toDatabaseError(err: unknown, dialect: DialectName): Error {
  if (isTyped(err)) return err as Error;
  const e = (typeof err === 'object' && err !== null ? err : {}) as DriverErrorLike;
  const code = text(e.code);
  const message = text(e.sqlMessage) ?? text(e.message) ?? String(err);
  const cause = { cause: err };
  if (code !== undefined && UNREACHABLE.has(code)) return new DatabaseUnavailableError(code, cause);
  if (/timeout exceeded when trying to connect|Connection terminated|connect ETIMEDOUT|Pool is closed/i.test(message)) {
    return new DatabaseUnavailableError(message, cause);
  }
  if (dialect === 'mysql') {
    switch (e.errno) {
      case 1062:
      case 1586:
        return new DuplicateKeyError(mysqlKeyName(message), cause);
      case 1451:
      case 1452:
        return new ForeignKeyViolationError(mysqlForeignKeyName(message), cause);
      case 1213: // deadlock
      case 1205: // lock wait timeout
        return new TransactionConflictError(cause);
    }
  } else {
    switch (code) {
      case '23505':
        return new DuplicateKeyError(text(e.constraint), cause);
      case '23503':
        return new ForeignKeyViolationError(text(e.constraint), cause);
      case '40001': // serialization_failure
      case '40P01': // deadlock_detected
        return new TransactionConflictError(cause);
      case '57P01': // admin_shutdown
      case '08006': // connection_failure
        return new DatabaseUnavailableError(message, cause);
    }
  }
  const sqlState = text(e.sqlState) ?? (dialect === 'postgres' ? code : undefined);
  return new DatabaseError(message, { driverCode: code, sqlState }, cause);
}
