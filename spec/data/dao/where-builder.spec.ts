import assert from 'node:assert/strict';
import { sql, syncSchema, type Database } from '../../../lib';
import { describeOnDatabases } from '../../support/databases';
import { Customer, SHOP } from '../../support/shop-entities';

/** What attackers type into a name field or a search box, for MySQL and for PostgreSQL. */
const HOSTILE = [
  "'; DROP TABLE customers; --",
  "x' OR '1'='1",
  '" OR ""="',
  "\\'; DELETE FROM customers; -- ",
  '%',
  '_',
  '100% _sure_',
  '$1',
  '?',
  '`; select 1; --',
  "Robert'); DROP TABLE orders;--",
];

describeOnDatabases('bound parameters', (schema) => {
  let db: Database;
  const statements: string[] = [];
  before(async () => {
    // every statement this Database sends passes the span hook: the SQL text it sees is all that is sent as SQL
    db = schema().database({ startSpan: (_kind, text) => (statements.push(text), undefined) });
    await syncSchema(db, SHOP);
    statements.length = 0; // from here on only DAO statements
  });

  it('stores every injection string literally and reads it back unchanged', async () => {
    for (const [i, text] of HOSTILE.entries()) {
      const row = await db.dao(Customer).insert({ email: `h${i}@example.com`, name: text.slice(0, 64), note: text });
      assert.equal(row.note, text);
      assert.equal((await db.dao(Customer).get(row.id))?.name, text.slice(0, 64));
    }
    assert.equal(await db.dao(Customer).count(), HOSTILE.length, 'nothing was dropped or deleted');
  });

  it('matches them literally in filters: equality, lists, and contains with % and _ meaning themselves', async () => {
    for (const text of HOSTILE) {
      const found = await db.dao(Customer).find({ where: { note: text } });
      assert.deepEqual(
        found.map((c) => c.note),
        [text],
        JSON.stringify(text),
      );
    }
    assert.equal(await db.dao(Customer).count({ note: { in: ["x' OR '1'='1", 'nothing'] } }), 1);
    assert.deepEqual((await db.dao(Customer).find({ where: { note: { contains: '%' } } })).map((c) => c.note).sort(), ['%', '100% _sure_']);
    assert.deepEqual((await db.dao(Customer).find({ where: { note: { contains: '_' } } })).map((c) => c.note).sort(), ['100% _sure_', '_']);
    assert.equal(await db.dao(Customer).count({ note: { startsWith: "'; DROP" } }), 1);
    assert.equal(
      await db.dao(Customer).updateMany({ note: "x' OR '1'='1" }, { credits: 1 }),
      1,
      'an update filter matches one row, not all',
    );
    assert.equal(await db.dao(Customer).deleteMany({ name: "' OR 1=1 --" }), 0);
  });

  it('never puts a value into the SQL text: values travel as bound parameters', async () => {
    assert.ok(statements.length > HOSTILE.length * 2);
    for (const text of HOSTILE.filter((t) => t.length > 2)) {
      const leaked = statements.find((s) => s.includes(text));
      assert.equal(leaked, undefined, `${JSON.stringify(text)} appeared in ${leaked}`);
    }
    const tables = await sql<{ n: number }>`select count(*) as n from customers`.execute(db.kysely);
    assert.equal(Number(tables.rows[0].n), HOSTILE.length);
  });
});
