import assert from 'node:assert/strict';
import { postgresDialect } from '../../../lib/data/dialect/postgres-dialect';

describe('data/dialect/postgres-dialect', () => {
  it('reads format_type() output', () => {
    const cases: Array<[string, object]> = [
      ['integer', { name: 'int' }],
      ['smallint', { name: 'smallint' }],
      ['character varying(120)', { name: 'varchar', length: 120 }],
      ['character varying', { name: 'text' }],
      ['character(2)', { name: 'char', length: 2 }],
      ['numeric(12,2)', { name: 'decimal', precision: 12, scale: 2 }],
      ['numeric', { name: 'decimal' }],
      ['double precision', { name: 'double' }],
      ['timestamp(3) with time zone', { name: 'datetime', precision: 3 }],
      ['timestamp with time zone', { name: 'datetime', precision: 6 }],
      ['timestamp without time zone', { name: 'timestamp', precision: 6 }],
      ['time(0) without time zone', { name: 'time', precision: 0 }],
      ['jsonb', { name: 'json' }],
      ['json', { name: 'json' }],
      ['bytea', { name: 'blob' }],
      ['uuid', { name: 'uuid' }],
      ['inet', { name: 'inet' }],
      ['text[]', { name: 'text[]' }],
    ];
    for (const [text, expected] of cases) assert.deepEqual(postgresDialect.parseType(text), expected, text);
  });

  it('writes neutral types so that they read back in its own terms (no tinyint, no unsigned)', () => {
    assert.deepEqual(postgresDialect.parseType(postgresDialect.renderType({ name: 'tinyint' })), { name: 'smallint' });
    assert.deepEqual(postgresDialect.parseType(postgresDialect.renderType({ name: 'int', unsigned: true })), { name: 'int' });
    assert.deepEqual(postgresDialect.parseType(postgresDialect.renderType({ name: 'datetime', precision: 3 })), {
      name: 'datetime',
      precision: 3,
    });
    assert.equal(postgresDialect.renderType({ name: 'json' }), 'jsonb');
    assert.equal(postgresDialect.renderType({ name: 'double' }), 'double precision');
  });
});
