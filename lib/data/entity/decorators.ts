import { DataConfigError } from '../data-config-errors';
import { classOf, type Class } from '../../decorators/class-type';
import { recordColumn, recordForeignKey, recordIndex, recordTable } from './entity-metadata';
import type { ColumnOptions, ForeignKeyOptions, ForeignKeyTarget, IndexOptions, TableOptions } from './entity-options';

/**
 * The entity decorators. They only record facts; `describeEntity()` checks them and raises every mistake
 * as a start-up ConfigError naming the class and property.
 */

const registered: Class[] = [];

/** Marks a class as a table: `@Table('orders')` or `@Table({ name: 'orders' })`; default name: snake_case class name. */
export function Table(nameOrOptions: string | TableOptions = {}): (target: Class) => void {
  const options: TableOptions = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : { ...nameOrOptions };
  return (target) => {
    recordTable(target, options);
    if (!registered.includes(target)) registered.push(target);
  };
}

/** Every `@Table` class imported so far, in load order: what `ddl sync` compares with the database. */
export function registeredEntities(): Class[] {
  return [...registered];
}

/** A table column; its type comes from reflection unless `type` says it. Also on base classes without `@Table`. */
export function Column(options: ColumnOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    if (typeof target === 'function' || typeof propertyKey !== 'string') {
      const where = typeof target === 'function' ? `${target.name}.${String(propertyKey)}` : String(propertyKey);
      throw new DataConfigError('BAD_COLUMN', `@Column on ${where}: only string-named instance properties can be columns`);
    }
    recordColumn(classOf(target), { property: propertyKey, options: { ...options } });
  };
}

/**
 * An index over properties, each optionally with a direction: `@Index('idx_user_created', ['userId', 'createdAt desc'])`,
 * `@Index(['email'], { unique: true })` (default name `idx_<table>_<columns>`).
 */
export function Index(
  nameOrColumns: string | readonly string[],
  columnsOrOptions?: readonly string[] | IndexOptions,
  maybe?: IndexOptions,
) {
  const named = typeof nameOrColumns === 'string';
  const columns = named ? ((columnsOrOptions as readonly string[] | undefined) ?? []) : nameOrColumns;
  const options = (named ? maybe : (columnsOrOptions as IndexOptions | undefined)) ?? {};
  return (target: Class): void => {
    recordIndex(target, { name: named ? nameOrColumns : undefined, columns: [...columns], options: { ...options } });
  };
}

/**
 * A foreign key from properties of this entity to another table:
 * `@ForeignKey(['userId'], () => UserRow, { onDelete: 'cascade' })`, or to a table by name with its column
 * names: `@ForeignKey(['userId'], 'users', { referencedColumns: ['id'] })`.
 */
export function ForeignKey(columns: readonly string[], references: ForeignKeyTarget, options: ForeignKeyOptions = {}) {
  return (target: Class): void => {
    recordForeignKey(target, { columns: [...columns], target: references, options: { ...options } });
  };
}
