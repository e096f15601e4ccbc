import assert from 'node:assert/strict';
import { parseMysqlDefault } from '../../../lib/data/schema/introspect-mysql';

describe('data/schema/introspect-mysql: column defaults', () => {
  const varchar = { name: 'varchar', length: 20 };
  const int = { name: 'int' };
  const bool = { name: 'boolean' };

  it('reads MariaDB defaults: quoted literals, NULL, current_timestamp(n), expressions', () => {
    assert.deepEqual(parseMysqlDefault("'it''s'", varchar, '', true), { kind: 'value', value: "it's" });
    assert.deepEqual(parseMysqlDefault('1', int, '', true), { kind: 'value', value: 1 });
    assert.deepEqual(parseMysqlDefault('1', bool, '', true), { kind: 'value', value: true });
    assert.equal(parseMysqlDefault('NULL', varchar, '', true), undefined);
    assert.equal(parseMysqlDefault(null, varchar, '', true), undefined);
    assert.deepEqual(parseMysqlDefault('current_timestamp(3)', { name: 'datetime', precision: 3 }, '', true), { kind: 'now' });
    assert.deepEqual(parseMysqlDefault('uuid()', varchar, '', true), { kind: 'sql', sql: 'uuid()' });
  });

  it('reads MySQL 8 defaults: bare literals, DEFAULT_GENERATED expressions', () => {
    assert.deepEqual(parseMysqlDefault("it's", varchar, '', false), { kind: 'value', value: "it's" });
    assert.deepEqual(parseMysqlDefault('0', bool, '', false), { kind: 'value', value: false });
    assert.deepEqual(parseMysqlDefault('CURRENT_TIMESTAMP(3)', { name: 'datetime', precision: 3 }, 'DEFAULT_GENERATED', false), {
      kind: 'now',
    });
    assert.deepEqual(parseMysqlDefault('(uuid())', varchar, 'DEFAULT_GENERATED', false), { kind: 'sql', sql: 'uuid()' });
  });
});
