import assert from 'node:assert/strict';
import { parsePostgresDefault } from '../../../lib/data/schema/introspect-postgres';

describe('data/schema/introspect-postgres: column defaults', () => {
  it('reads literals with casts, booleans, now and serial sequences', () => {
    assert.deepEqual(parsePostgresDefault("'it''s'::character varying", { name: 'varchar', length: 9 }), { kind: 'value', value: "it's" });
    assert.deepEqual(parsePostgresDefault("'-1'::integer", { name: 'int' }), { kind: 'value', value: -1 });
    assert.deepEqual(parsePostgresDefault('0.00', { name: 'decimal', precision: 12, scale: 2 }), { kind: 'value', value: '0.00' });
    assert.deepEqual(parsePostgresDefault('true', { name: 'boolean' }), { kind: 'value', value: true });
    assert.deepEqual(parsePostgresDefault('CURRENT_TIMESTAMP', { name: 'datetime', precision: 3 }), { kind: 'now' });
    assert.deepEqual(parsePostgresDefault('now()', { name: 'datetime', precision: 3 }), { kind: 'now' });
    assert.equal(parsePostgresDefault("nextval('t_id_seq'::regclass)", { name: 'int' }), 'identity');
    assert.deepEqual(parsePostgresDefault('gen_random_uuid()', { name: 'uuid' }), { kind: 'sql', sql: 'gen_random_uuid()' });
  });
});
