/** The data layer's public surface (re-exported by lib/index.ts). */
export { Table, Column, Index, ForeignKey, registeredEntities } from './entity/decorators';
export type {
  ColumnOptions,
  ColumnTypeSpec,
  ForeignKeyOptions,
  ForeignKeyRule,
  ForeignKeyTarget,
  IndexOptions,
  TableOptions,
} from './entity/entity-options';
export type { ColumnDescriptor, EntityDescriptor } from './entity/entity-descriptor';
export type { JsKind, SqlType } from './entity/sql-type';
export { describeEntity } from './entity/describe-entity';
export type { ColumnDefault, ColumnModel, ForeignKeyModel, IndexColumn, IndexModel, TableModel } from './schema/table-model';
export { Database, type DatabaseOptions, type DynamicSchema, type QuerySpan, type ServerInfo } from './database/database';
export { TransactionContext, type DataContext, type IsolationLevel, type TransactionOptions } from './database/data-context';
export { Dao, MAX_PAGE_SIZE } from './dao/dao';
export type {
  Condition,
  FieldName,
  FindOptions,
  InsertRow,
  Key,
  OrderBy,
  Page,
  PageRequest,
  Changes,
  Row,
  RowLock,
  UpsertOptions,
  Where,
} from './dao/dao-types';
export {
  DataErrorCodes,
  DataError,
  DatabaseError,
  DatabaseUnavailableError,
  DuplicateKeyError,
  ForeignKeyViolationError,
  MissingValueError,
  TransactionConflictError,
  type DataErrorCode,
} from './database/database-errors';
export { DataConfigError, DataConfigErrorCodes, type DataConfigErrorCode } from './data-config-errors';
export type { QueryKind } from './database/query-kind';
export { introspectSchema } from './schema/introspect';
export { syncSchema, type SyncOptions, type SyncResult } from './schema/sync-schema';
export type { DdlStatement } from './schema/ddl-statements';
export type { SchemaChange } from './schema/schema-plan';
export { sql } from 'kysely';
export { reverseSchema, type ReverseOptions } from './schema/reverse-schema';
export { entityFiles, entitySource, type EntitySourceOptions } from './codegen/entity-source';
export type { GeneratedFile } from './codegen/ts-literals';
