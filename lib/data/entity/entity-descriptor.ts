/**
 * Entity descriptors: what `describeEntity()` makes of a decorated class — plain, frozen, and the only thing
 * the DAO, `ddl sync` and `svc crud` read (they never call Reflect).
 */
import type { Class } from '../../decorators/class-type';
import type { ColumnModel, TableModel } from '../schema/table-model';
import type { JsKind } from './sql-type';

export interface ColumnDescriptor extends ColumnModel {
  /** The entity property. */
  readonly property: string;
  /** How the value travels in JavaScript. */
  readonly js: JsKind;
  readonly primary: boolean;
  /** Set to the current time by the DAO on every update. */
  readonly onUpdateNow: boolean;
  /** The class that declares the property (a base class for shared columns). */
  readonly declaredBy: string;
}

export interface EntityDescriptor {
  readonly target: Class;
  readonly className: string;
  /** The table: columns (as ColumnDescriptors), primary key, indexes and foreign keys by column name. */
  readonly table: Omit<TableModel, 'columns'> & { readonly columns: readonly ColumnDescriptor[] };
  /** Primary-key columns, in key order. */
  readonly primaryKey: readonly ColumnDescriptor[];
  /** Columns by property name. */
  readonly byProperty: ReadonlyMap<string, ColumnDescriptor>;
}
