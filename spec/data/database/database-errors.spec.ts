import assert from 'node:assert/strict';
import { sql, type Database } from '../../../lib/data';
import { describeOnDatabases } from '../../support/databases';

describeOnDatabases('database errors', (schema) => {
  let db: Database;
  before(async () => {
    await schema().admin('create table parents (id int primary key, email varchar(50) not null)');
    await schema().admin('create unique index uq_parents_email on parents (email)');
    await schema().admin(
      'create table children (id int primary key, parent_id int not null, constraint fk_children_parent foreign key (parent_id) references parents (id))',
    );
    db = schema().database();
    await sql`insert into parents (id, email) values (${1}, ${'a@example.com'})`.execute(db.kysely);
  });

  it('a duplicate unique value is DuplicateKeyError: 409 DUPLICATE naming the key', async () => {
    await assert.rejects(sql`insert into parents (id, email) values (${2}, ${'a@example.com'})`.execute(db.kysely), (err: Error) => {
      assert.equal(err.name, 'DuplicateKeyError');
      assert.deepEqual([(err as { status?: number }).status, (err as { code?: string }).code], [409, 'DUPLICATE']);
      assert.equal((err as { constraint?: string }).constraint, 'uq_parents_email');
      assert.ok(err.cause instanceof Error, 'the driver error is kept as the cause');
      return true;
    });
  });

  it('a duplicate primary key is DUPLICATE too', async () => {
    await assert.rejects(sql`insert into parents (id, email) values (${1}, ${'b@example.com'})`.execute(db.kysely), {
      code: 'DUPLICATE',
      status: 409,
    });
  });

  it('a missing referenced row is 409 FOREIGN_KEY_VIOLATION naming the constraint', async () => {
    await assert.rejects(sql`insert into children (id, parent_id) values (${1}, ${99})`.execute(db.kysely), {
      name: 'ForeignKeyViolationError',
      code: 'FOREIGN_KEY_VIOLATION',
      status: 409,
      constraint: 'fk_children_parent',
    });
  });

  it('anything else is a DatabaseError (a 500 whose message stays in the log) with the server code', async () => {
    await assert.rejects(
      sql`select nope from parents`.execute(db.kysely),
      (err: Error & { code?: string; sqlState?: string; status?: number }) => {
        assert.equal(err.name, 'DatabaseError');
        assert.equal(err.code, 'DB_ERROR');
        assert.equal(err.status, undefined, 'not an HttpError: the HTTP layer answers it as a generic 500');
        assert.match(err.sqlState ?? '', /^42/, 'syntax or access error class (MySQL 42S22, PostgreSQL 42703)');
        return true;
      },
    );
  });
});
