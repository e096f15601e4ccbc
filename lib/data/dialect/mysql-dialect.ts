import type { ForeignKeyRule } from '../entity/entity-options';
import type { SqlType } from '../entity/sql-type';
import { normalizeVerbatim, splitTypeText, type SqlDialect } from './sql-dialect';

/** Integer types whose `(n)` is only a display width (dropped by MySQL 8.0.19+, shown by MariaDB). */
const INTEGERS = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint']);

function withSign(text: string, type: SqlType): string {
  return type.unsigned ? `${text} unsigned` : text;
}

/** MySQL 8 and MariaDB 10.x (one dialect; introspection tells them apart where their catalogs differ). */
export const mysqlDialect: SqlDialect = {
  name: 'mysql',

  renderType(type) {
    switch (type.name) {
      case 'varchar':
      case 'char':
        return `${type.name}(${type.length ?? 255})`;
      case 'boolean':
        return 'tinyint(1)';
      case 'tinyint':
      case 'smallint':
      case 'int':
      case 'bigint':
      case 'float':
      case 'double':
        return withSign(type.name, type);
      case 'decimal':
        return withSign(type.precision === undefined ? 'decimal' : `decimal(${type.precision},${type.scale ?? 0})`, type);
      case 'datetime':
      case 'timestamp':
      case 'time':
        return type.precision ? `${type.name}(${type.precision})` : type.name;
      case 'uuid':
        return 'char(36)'; // MySQL has no uuid type (MariaDB ≥ 10.7 does); char(36) works on both
      case 'text':
      case 'date':
      case 'json':
      case 'blob':
        return type.name;
      default:
        return withSign(type.name, type);
    }
  },

  parseType(text) {
    const parts = splitTypeText(text);
    const unsigned = parts?.rest.split(' ').includes('unsigned') === true;
    const sign = unsigned ? { unsigned } : {};
    if (parts === undefined) return { name: normalizeVerbatim(text) };
    const { base, args } = parts;
    if (base === 'tinyint' && args[0] === 1 && !unsigned) return { name: 'boolean' };
    if (base === 'boolean' || base === 'bool') return { name: 'boolean' };
    if (INTEGERS.has(base)) return { name: base === 'integer' ? 'int' : base, ...sign };
    switch (base) {
      case 'varchar':
      case 'char':
        return { name: base, length: args[0] ?? 1 };
      case 'decimal':
      case 'numeric':
        return { name: 'decimal', precision: args[0] ?? 10, scale: args[1] ?? 0, ...sign };
      case 'float':
        return { name: 'float', ...sign };
      case 'double':
      case 'real':
      case 'double precision':
        return { name: 'double', ...sign };
      case 'datetime':
      case 'timestamp':
      case 'time':
        return { name: base, precision: args[0] ?? 0 };
      case 'text':
      case 'date':
      case 'json':
      case 'blob':
        if (args.length === 0) return { name: base };
        break;
    }
    const verbatim = normalizeVerbatim(unsigned ? text.replace(/\s+unsigned\b/i, '') : text);
    return { name: verbatim, ...sign };
  },

  normalizeRule(rule: ForeignKeyRule): ForeignKeyRule {
    // InnoDB checks NO ACTION immediately, exactly like RESTRICT; MariaDB reports RESTRICT for both.
    return rule === 'restrict' ? 'no action' : rule;
  },
};
