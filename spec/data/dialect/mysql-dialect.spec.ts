import assert from 'node:assert/strict';
import { mysqlDialect } from '../../../lib/data/dialect/mysql-dialect';

describe('data/dialect/mysql-dialect', () => {
  it('reads the type text MySQL 8 and MariaDB report, display widths and all', () => {
    const cases: Array<[string, object]> = [
      ['int(11)', { name: 'int' }],
      ['int', { name: 'int' }],
      ['bigint(20) unsigned', { name: 'bigint', unsigned: true }],
      ['bigint unsigned zerofill', { name: 'bigint', unsigned: true }],
      ['tinyint(1)', { name: 'boolean' }],
      ['tinyint(3) unsigned', { name: 'tinyint', unsigned: true }],
      ['varchar(200)', { name: 'varchar', length: 200 }],
      ['decimal(12,2)', { name: 'decimal', precision: 12, scale: 2 }],
      ['decimal', { name: 'decimal', precision: 10, scale: 0 }],
      ['datetime', { name: 'datetime', precision: 0 }],
      ['datetime(3)', { name: 'datetime', precision: 3 }],
      ['double', { name: 'double' }],
      ['json', { name: 'json' }],
      ['mediumint(8) unsigned', { name: 'mediumint', unsigned: true }],
      ["enum('A','b')", { name: "enum('A','b')" }],
      ['LONGTEXT', { name: 'longtext' }],
    ];
    for (const [text, expected] of cases) assert.deepEqual(mysqlDialect.parseType(text), expected, text);
  });

  it('writes neutral types so that they read back the same', () => {
    const types = [
      { name: 'varchar', length: 64 },
      { name: 'boolean' },
      { name: 'int', unsigned: true },
      { name: 'decimal', precision: 10, scale: 2 },
      { name: 'datetime', precision: 3 },
      { name: 'time', precision: 0 },
      { name: 'json' },
    ];
    for (const type of types) assert.deepEqual(mysqlDialect.parseType(mysqlDialect.renderType(type)), type, JSON.stringify(type));
    assert.equal(mysqlDialect.renderType({ name: 'boolean' }), 'tinyint(1)');
    assert.equal(mysqlDialect.renderType({ name: 'uuid' }), 'char(36)');
  });

  it('treats RESTRICT as NO ACTION, as InnoDB does', () => {
    assert.equal(mysqlDialect.normalizeRule('restrict'), 'no action');
    assert.equal(mysqlDialect.normalizeRule('cascade'), 'cascade');
  });
});
