/**
 * Start-up mistakes of the data layer: an entity that cannot become a table, a database that is not
 * configured. ConfigErrors (never sent to a client), naming the class, property or variable at fault.
 */
import { ConfigError, defineErrorCodes, type CodeOf } from '../errors';

export const DataConfigErrorCodes = defineErrorCodes('data', 'DataConfigError', {
  NOT_AN_ENTITY: { meaning: 'The class (or a class it extends) is not decorated with @Table.' },
  ENTITY_WITHOUT_COLUMNS: { meaning: 'An entity has no @Column() properties.' },
  BAD_COLUMN: { meaning: '@Column on something other than a string-named instance property.' },
  DUPLICATE_COLUMN: { meaning: 'Two properties of one entity map to the same column name.' },
  INVALID_IDENTIFIER: { meaning: 'A table, column, index or foreign-key name is not letters, digits and _ (at most 63).' },
  COLUMN_TYPE_INVALID: { meaning: '`{ type }` of a column is neither an SQL type name nor String, Number, Boolean, Date, ….' },
  COLUMN_TYPE_UNKNOWN: { meaning: "Reflection cannot see a column's type: say it with `{ type: String }` or an SQL type." },
  COLUMN_TYPE_MISMATCH: { meaning: "The property's type cannot be stored in the SQL type given." },
  COLUMN_SIZE_INVALID: { meaning: 'length, precision, scale or unsigned out of range or on a type that has none.' },
  COLUMN_DEFAULT_CONFLICT: {
    meaning: 'Contradicting defaults: more than one of default/defaultNow/defaultSql, a default that does not fit, one on an auto column.',
  },
  NULLABLE_PRIMARY_KEY: { meaning: 'A primary-key column marked nullable.' },
  AUTO_NOT_INTEGER: { meaning: '`auto` on a column that is not an integer type.' },
  UNKNOWN_COLUMN: { meaning: 'An index or foreign key names a property that is not a @Column of the entity.' },
  EMPTY_INDEX: { meaning: '@Index lists no columns.' },
  DUPLICATE_INDEX: { meaning: 'Two indexes share a name (in one entity, or in one PostgreSQL schema).' },
  FOREIGN_KEY_INVALID: {
    meaning: 'A foreign key without columns, without a target key, with mismatched column counts or types, or an unknown rule.',
  },
  ENTITIES_NOT_FOUND: {
    meaning: 'ddl / svc crud: a module or directory given for the entities does not exist (build the project first?).',
  },
  TABLE_NOT_FOUND: { meaning: 'svc crud --table: the database has no table of that name.' },
  CRUD_NEEDS_SINGLE_KEY: { meaning: 'svc crud needs a table whose primary key is one number or string column.' },
  CRUD_BINARY_COLUMN: { meaning: 'svc crud cannot carry binary columns in JSON.' },
  NAME_COLLISION: { meaning: 'ddl reverse: two tables would become the same class name; reverse them separately.' },
  DB_NOT_CONFIGURED: { meaning: 'GDD_DB_DRIVER is empty: set it to mysql (MySQL, MariaDB) or postgres.' },
  DB_DRIVER_MISSING: { meaning: 'The database driver package (mysql2, pg) is not installed.' },
});

export type DataConfigErrorCode = CodeOf<typeof DataConfigErrorCodes>;

export class DataConfigError extends ConfigError<DataConfigErrorCode> {}
