import assert from 'node:assert/strict';
import { sql, syncSchema, type Database } from '../../../lib';
import { describeOnDatabases } from '../../support/databases';
import { waitFor } from '../../support/wait-for';
import { Customer, SHOP } from '../../support/shop-entities';

/** Resolves when `released` is called: lets two transactions meet at a point of the test's choosing. */
function latch(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describeOnDatabases('transactions', (schema) => {
  let db: Database;
  before(async () => {
    db = schema().database();
    await syncSchema(db, SHOP);
  });
  beforeEach(() => sql`delete from customers`.execute(db.kysely));

  it('commits what the callback did when it resolves, and returns its value', async () => {
    const id = await db.transaction(async (tx) => {
      const c = await tx.dao(Customer).insert({ email: 'tx@example.com', name: 'tx' });
      await tx.dao(Customer).update(c.id, { credits: 7 });
      return c.id;
    });
    assert.equal((await db.dao(Customer).get(id))?.credits, 7);
  });

  it('rolls back everything when the callback throws, and rethrows the same error', async () => {
    const boom = new Error('boom');
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.dao(Customer).insert({ email: 'gone@example.com', name: 'gone' });
        assert.equal(await tx.dao(Customer).count({ email: 'gone@example.com' }), 1, 'visible inside');
        throw boom;
      }),
      (err) => err === boom,
    );
    assert.equal(await db.dao(Customer).count({ email: 'gone@example.com' }), 0);
    assert.equal(db.connectionsInUse, 0, 'the connection went back to the pool');
  });

  it('rolls back on a database error inside, which keeps its type', async () => {
    await db.dao(Customer).insert({ email: 'taken@example.com', name: 'a' });
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.dao(Customer).insert({ email: 'new@example.com', name: 'b' });
        await tx.dao(Customer).insert({ email: 'taken@example.com', name: 'c' });
      }),
      { code: 'DUPLICATE', status: 409 },
    );
    assert.equal(await db.dao(Customer).count({ email: 'new@example.com' }), 0);
  });

  it('serializes two transactions that lock the same row: no update is lost', async () => {
    const c = await db.dao(Customer).insert({ email: 'counter@example.com', name: 'n', credits: 0 });
    const firstHasLock = latch();
    const first = db.transaction(async (tx) => {
      const row = await tx.dao(Customer).get(c.id, { lock: 'update' });
      firstHasLock.release();
      // the server itself says the second transaction's read is blocked on our lock
      await waitFor(async () => (await schema().lockWaits()) > 0, {
        intervalMs: 250,
        message: 'the second transaction to wait for the row lock',
      });
      await tx.dao(Customer).update(c.id, { credits: (row?.credits ?? 0) + 10 });
    });
    const second = (async () => {
      await firstHasLock.promise;
      return db.transaction(async (tx) => {
        const row = await tx.dao(Customer).get(c.id, { lock: 'update' }); // waits until the first commits
        await tx.dao(Customer).update(c.id, { credits: (row?.credits ?? 0) + 5 });
      });
    })();
    await Promise.all([first, second]);
    assert.equal((await db.dao(Customer).get(c.id))?.credits, 15);
  });

  it('reports a deadlock between two transactions as 409 TRANSACTION_CONFLICT and lets the other finish', async function () {
    this.timeout(60_000); // PostgreSQL looks for deadlocks after deadlock_timeout (1 s)
    const a = await db.dao(Customer).insert({ email: 'a@example.com', name: 'a' });
    const b = await db.dao(Customer).insert({ email: 'b@example.com', name: 'b' });
    const bothLocked = { a: latch(), b: latch() };
    const crossing = (first: number, second: number, mine: ReturnType<typeof latch>, theirs: ReturnType<typeof latch>) =>
      db.transaction(async (tx) => {
        await tx.dao(Customer).update(first, { credits: 1 });
        mine.release();
        await theirs.promise;
        await tx.dao(Customer).update(second, { credits: 2 });
      });
    const results = await Promise.allSettled([
      crossing(a.id, b.id, bothLocked.a, bothLocked.b),
      crossing(b.id, a.id, bothLocked.b, bothLocked.a),
    ]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(failed.length, 1, 'exactly one of them is chosen as the victim');
    assert.equal((failed[0].reason as { code?: string }).code, 'TRANSACTION_CONFLICT');
    assert.equal((failed[0].reason as { status?: number }).status, 409);
    assert.equal(db.connectionsInUse, 0);
  });

  it('honours an isolation level', async () => {
    const c = await db.dao(Customer).insert({ email: 'iso@example.com', name: 'i' });
    const seen = await db.transaction(async (tx) => (await tx.dao(Customer).get(c.id))?.email, { isolationLevel: 'serializable' });
    assert.equal(seen, 'iso@example.com');
  });
});
