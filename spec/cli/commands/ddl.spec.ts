import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { introspectSchema } from '../../../lib/data';
import { runDoudou } from '../../support/cli-process';
import { compileTs, tsProjectDir } from '../../support/compile-ts';
import { describeOnDatabases } from '../../support/databases';

const ENTITIES = `
import { Column, ForeignKey, Index, Table } from 'ts-doudou';

@Table('authors')
export class AuthorRow {
  @Column({ pk: true, auto: true }) id!: number;
  @Column({ length: 80, unique: true }) name!: string;
}

@Table('books')
@Index(['authorId', 'title'])
@ForeignKey(['authorId'], () => AuthorRow, { onDelete: 'cascade' })
export class BookRow {
  @Column({ pk: true, auto: true }) id!: number;
  @Column() authorId!: number;
  @Column({ length: 200 }) title!: string;
  @Column({ type: 'text', nullable: true }) blurb!: string | null;
}
`;

describeOnDatabases('doudou ddl', (schema) => {
  let project: ReturnType<typeof tsProjectDir>;
  const doudou = (args: string[], env: Record<string, string> = {}) =>
    runDoudou(args, { cwd: project.dir, env: { ...schema().env, ...env } });

  before(function () {
    this.timeout(120_000);
    project = tsProjectDir('tsd-cli-ddl-');
    writeFileSync(path.join(project.dir, 'package.json'), JSON.stringify({ name: 'shop', doudou: { entities: 'dist/entities' } }));
    mkdirSync(path.join(project.dir, 'entities'));
    writeFileSync(path.join(project.dir, 'entities', 'shop.ts'), ENTITIES);
    const result = compileTs(project.dir);
    assert.deepEqual(result.errors, []);
  });
  after(() => project?.remove());

  it('sync --dry-run prints CREATE statements and runs none', async () => {
    const run = await doudou(['ddl', 'sync', '--entities', 'dist/entities/shop.js', '--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^create table .authors./m);
    assert.match(run.stdout, /^create table .books./m);
    assert.match(run.stdout, /foreign key \(.author_id.\) references .authors. \(.id.\) on delete cascade/);
    assert.ok(
      run.stdout
        .trim()
        .split('\n')
        .every((l) => l.endsWith(';')),
      'one statement per line, each ending in ;',
    );
    assert.match(run.stderr, /dry run: 5 statement\(s\) for 2 entities not run/);
    assert.deepEqual(await introspectSchema(schema().database()), []);
  });

  it('sync runs them (entities from package.json), and a second run has nothing to do', async () => {
    const first = await doudou(['ddl', 'sync']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /ran 5 statement\(s\) for 2 entities/);
    assert.deepEqual((await introspectSchema(schema().database())).map((t) => t.name).sort(), ['authors', 'books']);
    const second = await doudou(['ddl', 'sync']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout, '');
    assert.match(second.stderr, /the schema matches the 2 entities: nothing to do/);
  });

  it('sync reports drops it will not do without --allow-drop', async () => {
    await schema().admin('alter table books add column legacy int');
    const run = await doudou(['ddl', 'sync']);
    assert.match(run.stdout, /^-- skipped: drop column books\.legacy \(not in the entity; run with --allow-drop to drop it\)$/m);
    const dropped = await doudou(['ddl', 'sync', '--allow-drop']);
    assert.match(dropped.stdout, /drop column .legacy./);
  });

  it('reverse writes entity files for the matching tables', async () => {
    const run = await doudou(['ddl', 'reverse', '--tables', 'book*', '--out', 'src/generated']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), ['src/generated/books.ts', 'src/generated/index.ts']);
    const source = readFileSync(path.join(project.dir, 'src', 'generated', 'books.ts'), 'utf8');
    assert.match(source, /export class BookRow/);
    assert.match(source, /@ForeignKey\(\['authorId'\], 'authors'/);
  });

  it('fails with one line when the database is not configured or not reachable', async () => {
    const none = await doudou(['ddl', 'sync'], { GDD_DB_DRIVER: '' });
    assert.equal(none.code, 1);
    assert.equal(none.stderr.trim(), 'doudou: GDD_DB_DRIVER is empty: set it to mysql (MySQL, MariaDB) or postgres');
    const down = await doudou(['ddl', 'reverse'], { GDD_DB_HOST: '127.0.0.1', GDD_DB_PORT: '1', GDD_DB_CONNECT_TIMEOUT: '2s' });
    assert.equal(down.code, 1);
    assert.match(down.stderr, /^doudou: the database is unavailable: ECONNREFUSED/);
  });

  it('names the entity mistake, with class and property', async () => {
    writeFileSync(
      path.join(project.dir, 'dist', 'broken.js'),
      `
      const { Column, Table } = require('ts-doudou');
      class Broken {}
      Column({ nullable: true })(Broken.prototype, 'note');
      Table('broken')(Broken);
      exports.Broken = Broken;
    `,
    );
    const run = await doudou(['ddl', 'sync', '--entities', 'dist/broken.js', '--dry-run']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^doudou: Broken\.note: reflection saw no type metadata/);
  });
});
