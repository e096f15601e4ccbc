/**
 * What can go wrong in the database, as typed errors. The ones a client can cause or act on are HttpErrors,
 * so a route that lets them through answers with their status (a duplicate key is 409 DUPLICATE, not 500);
 * any other driver error becomes a DatabaseError, which the HTTP layer answers as a generic 500 and logs.
 * Mapping happens once, where queries run, so DAO calls and raw Kysely queries throw the same errors.
 */
import { HttpError } from '../../errors';
import type { DialectName } from '../dialect/sql-dialect';

export const DataErrorCodes = {
  /** A unique or primary key already has this value (MySQL 1062, PostgreSQL 23505). HTTP 409. */
  DUPLICATE: 'DUPLICATE',
  /** A foreign key points at a row that does not exist, or a referenced row is still referenced. HTTP 409. */
  FOREIGN_KEY_VIOLATION: 'FOREIGN_KEY_VIOLATION',
  /** A deadlock or serialization failure aborted the transaction; retrying it may succeed. HTTP 409. */
  TRANSACTION_CONFLICT: 'TRANSACTION_CONFLICT',
  /** The database cannot be reached (refused, timed out, connection lost). HTTP 503. */
  DB_UNAVAILABLE: 'DB_UNAVAILABLE',
  /** Any other error the database reported; the client sees a generic 500, the log has the cause. */
  DB_ERROR: 'DB_ERROR',
  /** An insert leaves out a NOT NULL column that has no default. HTTP 400. */
  MISSING_VALUE: 'MISSING_VALUE',
  /** A DAO call was given a property that is not a column of the entity. */
  UNKNOWN_FIELD: 'UNKNOWN_FIELD',
  /** updateMany/deleteMany without a filter (use a filter that matches everything on purpose). */
  EMPTY_FILTER: 'EMPTY_FILTER',
  /** A filter, sort or page the DAO cannot turn into SQL (unknown operator, a json column in a filter, page 0). */
  BAD_QUERY: 'BAD_QUERY',
  /** get/update/delete by key on an entity without a primary key, or with a key of the wrong shape. */
  BAD_KEY: 'BAD_KEY',
} as const;

export type DataErrorCode = (typeof DataErrorCodes)[keyof typeof DataErrorCodes];

export interface DatabaseErrorDetails {
  /** The constraint or key the database named, when it did. */
  constraint?: string;
  table?: string;
}

/** A unique or primary key already holds this value. */
export class DuplicateKeyError extends HttpError {
  readonly constraint?: string;
  constructor(constraint: string | undefined, options?: ErrorOptions) {
    super(
      409,
      DataErrorCodes.DUPLICATE,
      constraint ? `a row with the same ${constraint} already exists` : 'a row with the same key already exists',
      {
        ...(constraint ? { constraint } : {}),
      },
    );
    this.name = 'DuplicateKeyError';
    this.constraint = constraint;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export class ForeignKeyViolationError extends HttpError {
  readonly constraint?: string;
  constructor(constraint: string | undefined, options?: ErrorOptions) {
    super(
      409,
      DataErrorCodes.FOREIGN_KEY_VIOLATION,
      `the row references a missing row, or is still referenced${constraint ? ` (${constraint})` : ''}`,
      {
        ...(constraint ? { constraint } : {}),
      },
    );
    this.name = 'ForeignKeyViolationError';
    this.constraint = constraint;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export class TransactionConflictError extends HttpError {
  constructor(options?: ErrorOptions) {
    super(409, DataErrorCodes.TRANSACTION_CONFLICT, 'the transaction conflicted with another one; retry it');
    this.name = 'TransactionConflictError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export class DatabaseUnavailableError extends HttpError {
  constructor(reason: string, options?: ErrorOptions) {
    super(503, DataErrorCodes.DB_UNAVAILABLE, `the database is unavailable: ${reason}`);
    this.name = 'DatabaseUnavailableError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** An insert without a value for a NOT NULL column that has no default. */
export class MissingValueError extends HttpError {
  constructor(readonly fields: readonly string[]) {
    super(
      400,
      DataErrorCodes.MISSING_VALUE,
      `missing value for ${fields.join(', ')}`,
      fields.map((field) => ({ field, message: 'is required' })),
    );
    this.name = 'MissingValueError';
  }
}

/**
 * Errors that are the program's, not the client's: the message is for the log (the HTTP layer answers
 * them as a generic 500), the code says which mistake it was.
 */
export class DataError extends Error {
  constructor(
    readonly code: Exclude<
      DataErrorCode,
      'DUPLICATE' | 'FOREIGN_KEY_VIOLATION' | 'TRANSACTION_CONFLICT' | 'DB_UNAVAILABLE' | 'MISSING_VALUE'
    >,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DataError';
  }
}

/** Any other error the database reported. `sqlState` / `driverCode` say what the server said. */
export class DatabaseError extends DataError {
  readonly driverCode?: string;
  readonly sqlState?: string;
  constructor(message: string, info: { driverCode?: string; sqlState?: string }, options?: ErrorOptions) {
    super(DataErrorCodes.DB_ERROR, message, options);
    this.name = 'DatabaseError';
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
