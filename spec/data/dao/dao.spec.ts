import assert from 'node:assert/strict';
import { sql, syncSchema, type Database } from '../../../lib';
import { describeOnDatabases } from '../../support/databases';
import { waitFor } from '../../support/wait-for';
import { Customer, Order, Pair, SHOP } from '../../support/shop-entities';

describeOnDatabases('Dao', (schema) => {
  let db: Database;
  before(async () => {
    db = schema().database();
    await syncSchema(db, SHOP);
  });
  beforeEach(async () => {
    await sql`delete from orders`.execute(db.kysely);
    await sql`delete from customers`.execute(db.kysely);
    await sql`delete from pairs`.execute(db.kysely);
  });

  const customers = () => db.dao(Customer);
  const add = (email: string, more: Partial<Customer> = {}) => customers().insert({ email, name: email.split('@')[0], ...more });

  describe('insert and get', () => {
    it('returns the row as stored: generated id, defaults, JSON and decimals', async () => {
      const before = Date.now();
      const row = await add('ada@example.com', { prefs: { theme: 'dark', tags: ['a'] } });
      assert.ok(Number.isInteger(row.id) && row.id > 0);
      assert.deepEqual(
        { email: row.email, credits: row.credits, active: row.active, note: row.note, balance: row.balance, prefs: row.prefs },
        { email: 'ada@example.com', credits: 0, active: true, note: null, balance: '0.00', prefs: { theme: 'dark', tags: ['a'] } },
      );
      assert.ok(row.createdAt instanceof Date && Math.abs(row.createdAt.getTime() - before) < 60_000, 'createdAt is now, in UTC');
      assert.deepEqual(await customers().get(row.id), row);
    });

    it('keeps a Date to the millisecond', async () => {
      const at = new Date('2024-02-29T23:59:58.123Z');
      const row = await add('t@example.com', { lastSeen: at });
      assert.equal(row.lastSeen?.toISOString(), at.toISOString());
      assert.equal((await customers().findOne({ lastSeen: at }))?.id, row.id);
    });

    it('answers undefined for a key that is not there, and reads composite keys', async () => {
      assert.equal(await customers().get(987654), undefined);
      await db.dao(Pair).insert({ a: 1, b: 'x', v: 'one' });
      assert.deepEqual(await db.dao(Pair).get({ a: 1, b: 'x' }), { a: 1, b: 'x', v: 'one' });
      await assert.rejects(db.dao(Pair).get(1), { name: 'DataError', code: 'BAD_KEY', message: /composite key: give \{ a, b \}/ });
    });

    it('refuses a missing required field before sending anything (400 MISSING_VALUE naming it)', async () => {
      await assert.rejects(customers().insert({ name: 'x' }), {
        name: 'MissingValueError',
        status: 400,
        code: 'MISSING_VALUE',
        message: 'missing value for Customer.email',
      });
      await assert.rejects(customers().insert({ email: 'x@example.com', name: 'x', nope: 1 } as never), {
        code: 'UNKNOWN_FIELD',
        message: /Customer has no field 'nope'/,
      });
    });

    it('turns a duplicate unique value into 409 DUPLICATE', async () => {
      await add('dup@example.com');
      await assert.rejects(add('dup@example.com'), {
        name: 'DuplicateKeyError',
        status: 409,
        code: 'DUPLICATE',
        constraint: 'uq_customers_email',
      });
    });

    it('inserts many in one statement', async () => {
      const n = await db.dao(Pair).insertMany([
        { a: 1, b: 'a', v: '1' },
        { a: 1, b: 'b', v: '2' },
        { a: 2, b: 'a', v: '3' },
      ]);
      assert.equal(n, 3);
      assert.equal(await db.dao(Pair).count({ a: 1 }), 2);
    });
  });

  describe('find, count and page', () => {
    beforeEach(async () => {
      for (let i = 1; i <= 7; i++) await add(`u${i}@example.com`, { credits: i * 10, note: i % 2 === 0 ? `even ${i}` : null });
    });

    it('filters with equality, comparisons, lists, null checks, text matching and $or', async () => {
      const emails = async (where: Parameters<ReturnType<typeof customers>['find']>[0]) =>
        (await customers().find(where)).map((c) => c.email).sort();
      assert.deepEqual(await emails({ where: { credits: 30 } }), ['u3@example.com']);
      assert.deepEqual(await emails({ where: { credits: { gt: 50 } } }), ['u6@example.com', 'u7@example.com']);
      assert.deepEqual(await emails({ where: { credits: { gte: 20, lt: 40 } } }), ['u2@example.com', 'u3@example.com']);
      assert.deepEqual(await emails({ where: { email: { in: ['u1@example.com', 'u5@example.com', 'zz'] } } }), [
        'u1@example.com',
        'u5@example.com',
      ]);
      assert.deepEqual(await emails({ where: { email: { in: [] } } }), []);
      assert.equal((await emails({ where: { note: null } })).length, 4);
      assert.equal((await emails({ where: { note: { isNull: false } } })).length, 3);
      assert.deepEqual(await emails({ where: { note: { contains: 'en 4' } } }), ['u4@example.com']);
      assert.deepEqual(await emails({ where: { email: { startsWith: 'u7' } } }), ['u7@example.com']);
      assert.deepEqual(await emails({ where: { $or: [{ credits: 10 }, { credits: 70 }] } }), ['u1@example.com', 'u7@example.com']);
    });

    it('sorts, limits and offsets', async () => {
      const rows = await customers().find({ orderBy: { credits: 'desc' }, limit: 2, offset: 1 });
      assert.deepEqual(
        rows.map((r) => r.credits),
        [60, 50],
      );
      await assert.rejects(customers().find({ offset: 1 }), { code: 'BAD_QUERY', message: /offset needs a limit/ });
      await assert.rejects(customers().find({ orderBy: { credits: 'up' as 'asc' } }), { code: 'BAD_QUERY' });
    });

    it('counts', async () => {
      assert.equal(await customers().count(), 7);
      assert.equal(await customers().count({ credits: { lte: 20 } }), 2);
    });

    it('pages with the total, in a stable order', async () => {
      const first = await customers().page({ page: 1, size: 3, where: { credits: { gt: 10 } }, orderBy: { active: 'desc' } });
      assert.deepEqual([first.total, first.page, first.size, first.hasNext, first.items.length], [6, 1, 3, true, 3]);
      const last = await customers().page({ page: 2, size: 3, where: { credits: { gt: 10 } }, orderBy: { active: 'desc' } });
      assert.deepEqual([last.items.length, last.hasNext], [3, false]);
      const ids = [...first.items, ...last.items].map((c) => c.id);
      assert.equal(new Set(ids).size, 6, 'no row on two pages');
      assert.deepEqual((await customers().page({ page: 9, size: 3 })).items, []);
      await assert.rejects(customers().page({ page: 0, size: 3 }), { code: 'BAD_QUERY', message: /page must be an integer from 1/ });
    });
  });

  describe('update and delete', () => {
    it('writes only the fields given, and moves updatedAt', async () => {
      const row = await add('upd@example.com', { note: 'keep me' });
      await sql`update customers set credits = ${42} where id = ${row.id}`.execute(db.kysely);
      await waitFor(() => Date.now() > row.updatedAt.getTime() + 5, { message: 'the clock to move' });
      const updated = await customers().update(row.id, { name: 'Renamed', email: undefined });
      assert.ok(updated);
      assert.deepEqual([updated.name, updated.email, updated.credits, updated.note], ['Renamed', 'upd@example.com', 42, 'keep me']);
      assert.ok(updated.updatedAt.getTime() > row.updatedAt.getTime(), 'onUpdateNow column set by the DAO');
      assert.equal((await customers().update(row.id, { note: null }))?.note, null, 'null is written as NULL');
      assert.equal(await customers().update(123456, { name: 'ghost' }), undefined);
      await assert.rejects(customers().update(row.id, { name: null as never }), { code: 'MISSING_VALUE', message: /Customer\.name/ });
      await assert.rejects(customers().update(row.id, { id: 5 }), { code: 'BAD_KEY', message: /cannot change the primary key/ });
    });

    it('updates and deletes many by filter, and refuses an empty filter', async () => {
      for (const e of ['a@x.io', 'b@x.io', 'c@y.io']) await add(e);
      assert.equal(await customers().updateMany({ email: { endsWith: '@x.io' } }, { credits: 5 }), 2);
      assert.deepEqual((await customers().find({ where: { credits: 5 } })).map((c) => c.email).sort(), ['a@x.io', 'b@x.io']);
      await assert.rejects(customers().updateMany({}, { credits: 1 }), { code: 'EMPTY_FILTER' });
      await assert.rejects(customers().deleteMany({}), { code: 'EMPTY_FILTER' });
      assert.equal(await customers().deleteMany({ credits: 5 }), 2);
      assert.equal(await customers().count(), 1);
    });

    it('deletes by key, cascading to referencing rows', async () => {
      const c = await add('gone@example.com');
      await db.dao(Order).insert({ customerId: c.id, item: 'tea' });
      assert.equal(await customers().delete(c.id), true);
      assert.equal(await customers().delete(c.id), false);
      assert.equal(await db.dao(Order).count({ customerId: c.id }), 0);
    });

    it('upserts: inserts a new row, updates the existing one with the same conflict key', async () => {
      const created = await customers().upsert({ email: 'up@example.com', name: 'First', credits: 1 }, { conflict: ['email'] });
      const again = await customers().upsert(
        { email: 'up@example.com', name: 'Second', credits: 2 },
        { conflict: ['email'], update: ['name'] },
      );
      assert.equal(again.id, created.id);
      assert.deepEqual([again.name, again.credits], ['Second', 1]);
      await db.dao(Pair).upsert({ a: 9, b: 'k', v: 'one' });
      assert.equal((await db.dao(Pair).upsert({ a: 9, b: 'k', v: 'two' })).v, 'two');
      await assert.rejects(customers().upsert({ email: 'x@example.com', name: 'x' }), {
        code: 'BAD_KEY',
        message: /conflict fields \(id\)/,
      });
    });

    it('refuses a foreign key to a missing row with 409 FOREIGN_KEY_VIOLATION', async () => {
      await assert.rejects(db.dao(Order).insert({ customerId: 999_999, item: 'x' }), { code: 'FOREIGN_KEY_VIOLATION', status: 409 });
    });
  });
});
