import assert from 'node:assert/strict';
import { Column, ForeignKey, Index, Table, introspectSchema, sql, syncSchema, type Database, type TableModel } from '../../../lib/data';
import { POSTGRES, describeOnDatabase, describeOnDatabases } from '../../support/databases';

// ── version 1 of a small schema ──
class Timestamps {
  @Column({ pk: true, auto: true }) id!: number;
  @Column({ defaultNow: true }) createdAt!: Date;
}

@Table('members')
class MemberV1 extends Timestamps {
  @Column({ length: 64, unique: true }) email!: string;
  @Column({ default: true }) active!: boolean;
}

@Table('tickets')
@Index('idx_tickets_member_created', ['memberId', 'createdAt desc'])
@ForeignKey(['memberId'], () => MemberV1, { onDelete: 'cascade' })
class TicketV1 extends Timestamps {
  @Column() memberId!: number;
  @Column({ length: 100 }) title!: string;
  @Column({ default: 1 }) priority!: number;
  @Column({ nullable: true, type: 'text' }) note!: string | null;
}

// ── version 2: a column added, a type widened, a default changed, an index added, a foreign-key rule changed ──
@Table('tickets')
@Index('idx_tickets_member_created', ['memberId', 'createdAt desc'])
@Index(['status'])
@ForeignKey(['memberId'], () => MemberV1, { onDelete: 'restrict' })
class TicketV2 extends Timestamps {
  @Column() memberId!: number;
  @Column({ length: 200 }) title!: string;
  @Column({ type: 'bigint', default: 3 }) priority!: number;
  @Column({ nullable: true, type: 'text' }) note!: string | null;
  @Column({ length: 20, default: 'open' }) status!: string;
}

// ── version 3: `note` removed from the entity ──
@Table('tickets')
@Index('idx_tickets_member_created', ['memberId', 'createdAt desc'])
@Index(['status'])
@ForeignKey(['memberId'], () => MemberV1, { onDelete: 'restrict' })
class TicketV3 extends Timestamps {
  @Column() memberId!: number;
  @Column({ length: 200 }) title!: string;
  @Column({ type: 'bigint', default: 3 }) priority!: number;
  @Column({ length: 20, default: 'open' }) status!: string;
}

@Table('scratch')
class Scratch {
  @Column({ pk: true }) code!: string;
}

async function table(db: Database, name: string): Promise<TableModel | undefined> {
  return (await introspectSchema(db, { tables: name }))[0];
}

async function sqls(
  db: Database,
  entities: Parameters<typeof syncSchema>[1],
  options: Parameters<typeof syncSchema>[2] = {},
): Promise<string[]> {
  return (await syncSchema(db, entities, options)).statements.map((s) => s.sql);
}

describeOnDatabases('ddl sync', (schema, target) => {
  let db: Database;
  before(() => {
    db = schema().database();
  });

  it('prints the statements on a dry run and runs nothing', async () => {
    const statements = await sqls(db, [MemberV1, TicketV1], { dryRun: true });
    assert.equal(statements.filter((s) => /^create table/.test(s)).length, 2);
    assert.ok(statements.some((s) => /^create unique index .uq_members_email./.test(s)));
    assert.ok(statements.some((s) => /^create index .idx_tickets_member_created. on .tickets. \(.member_id., .created_at. desc\)/.test(s)));
    assert.ok(statements.some((s) => /foreign key \(.member_id.\) references .members. \(.id.\) on delete cascade/.test(s)));
    assert.deepEqual(await introspectSchema(db), []);
  });

  it('creates the tables from nothing, with the types, keys and defaults the entities say', async () => {
    const result = await syncSchema(db, [MemberV1, TicketV1]);
    assert.equal(result.executed, true);
    const tickets = await table(db, 'tickets');
    assert.ok(tickets);
    assert.deepEqual(
      tickets.columns.map((c) => c.name),
      ['id', 'created_at', 'member_id', 'title', 'priority', 'note'],
    );
    assert.deepEqual(tickets.primaryKey, ['id']);
    const title = tickets.columns.find((c) => c.name === 'title');
    assert.deepEqual(title?.type, { name: 'varchar', length: 100 });
    assert.equal(title?.nullable, false);
    assert.deepEqual(tickets.columns.find((c) => c.name === 'priority')?.default, { kind: 'value', value: 1 });
    assert.equal(tickets.columns.find((c) => c.name === 'id')?.autoIncrement, true);
    assert.deepEqual(tickets.indexes.find((i) => i.name === 'idx_tickets_member_created')?.columns, [
      { name: 'member_id', desc: false },
      { name: 'created_at', desc: true },
    ]);
    assert.deepEqual(
      tickets.foreignKeys.map((f) => [f.name, f.referencedTable, f.onDelete]),
      [['fk_tickets_member_id', 'members', 'cascade']],
    );
  });

  it('is idempotent: a second run finds nothing to do', async () => {
    const result = await syncSchema(db, [MemberV1, TicketV1]);
    assert.deepEqual(result.statements, []);
    assert.deepEqual(result.skipped, []);
    assert.equal(result.executed, false);
  });

  it('alters a table with rows: adds a column, changes a type and a default, adds an index, changes a foreign key', async () => {
    await sql`insert into members (email) values (${'ada@example.com'})`.execute(db.kysely);
    const member = await sql<{ id: number }>`select id from members`.execute(db.kysely);
    const memberId = Number(member.rows[0].id);
    await sql`insert into tickets (member_id, title) values (${memberId}, ${'first'})`.execute(db.kysely);

    const statements = await sqls(db, [MemberV1, TicketV2]);
    const mentions = (re: RegExp): boolean => statements.some((s) => re.test(s));
    assert.ok(mentions(/add column .status. varchar\(20\) default 'open' not null/), statements.join('\n'));
    assert.ok(
      mentions(target.driver === 'mysql' ? /modify column .title. varchar\(200\)/ : /alter column "title" type varchar\(200\)/),
      statements.join('\n'),
    );
    assert.ok(
      mentions(target.driver === 'mysql' ? /modify column .priority. bigint default 3/ : /alter column "priority" set default 3/),
      statements.join('\n'),
    );
    assert.ok(mentions(/create index .idx_tickets_status. on .tickets. \(.status.\)/));
    assert.ok(mentions(/drop (foreign key|constraint) .fk_tickets_member_id./));
    assert.ok(mentions(/add constraint .fk_tickets_member_id. foreign key .* on delete restrict/));

    const tickets = await table(db, 'tickets');
    assert.deepEqual(tickets?.columns.find((c) => c.name === 'title')?.type, { name: 'varchar', length: 200 });
    assert.deepEqual(tickets?.columns.find((c) => c.name === 'priority')?.type, { name: 'bigint' });
    const rows = await sql<{ title: string; status: string }>`select title, status from tickets`.execute(db.kysely);
    assert.deepEqual(rows.rows, [{ title: 'first', status: 'open' }], 'the row survives and gets the new default');
    assert.deepEqual(await sqls(db, [MemberV1, TicketV2]), [], 'and the second run is quiet again');
  });

  it('never drops a column without allowDrop: it reports it and keeps the data', async () => {
    const result = await syncSchema(db, [MemberV1, TicketV3]);
    assert.deepEqual(result.statements, []);
    assert.deepEqual(result.skipped, ['drop column tickets.note (not in the entity; run with --allow-drop to drop it)']);
    assert.ok((await table(db, 'tickets'))?.columns.some((c) => c.name === 'note'));
  });

  it('never drops a table without allowDrop, and drops columns and tables with it', async () => {
    await syncSchema(db, [MemberV1, TicketV3, Scratch]);
    const kept = await syncSchema(db, [MemberV1, TicketV3]);
    assert.ok(kept.skipped.includes('drop table scratch (no entity; run with --allow-drop to drop it)'));
    assert.ok(await table(db, 'scratch'));

    const dropped = await sqls(db, [MemberV1, TicketV3], { allowDrop: true });
    assert.ok(dropped.some((s) => /drop column .note./.test(s)));
    assert.ok(dropped.some((s) => /^drop table .scratch./.test(s)));
    assert.equal(await table(db, 'scratch'), undefined);
    assert.ok(!(await table(db, 'tickets'))?.columns.some((c) => c.name === 'note'));
    assert.deepEqual(await sqls(db, [MemberV1, TicketV3], { allowDrop: true }), []);
  });

  it('limits itself to the tables matching the globs', async () => {
    await syncSchema(db, [MemberV1, TicketV3, Scratch], { tables: 'scr*' });
    assert.ok(await table(db, 'scratch'));
    const other = await syncSchema(db, [MemberV1, TicketV1], { tables: 'members', dryRun: true });
    assert.deepEqual(other.statements, [], 'tickets differs from TicketV1, but is outside the globs');
  });
});

@Table('tickets')
class TicketWithRequiredColumn extends Timestamps {
  @Column() memberId!: number;
  @Column({ length: 100 }) title!: string;
  @Column() mandatory!: number;
}

describeOnDatabase(POSTGRES, 'ddl sync (transactional DDL)', (schema) => {
  it('changes nothing when one statement fails: the whole sync is one transaction', async () => {
    const db = schema().database();
    await syncSchema(db, [MemberV1, TicketV1]);
    await sql`insert into members (email) values (${'x@example.com'})`.execute(db.kysely);
    await sql`insert into tickets (member_id, title) select id, ${'t'} from members`.execute(db.kysely);
    // a NOT NULL column without a default cannot be added to a table that has rows
    await assert.rejects(syncSchema(db, [MemberV1, TicketWithRequiredColumn, Scratch]), { name: 'DatabaseError', sqlState: '23502' });
    assert.equal(await table(db, 'scratch'), undefined, 'the table created before the failure was rolled back');
  });
});
