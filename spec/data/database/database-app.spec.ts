import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import winston from 'winston';
import { App, Body, Column, Database, Get, Path, Post, Prop, Service, Table, sql, syncSchema, type ListeningAddress } from '../../../lib';
import { unregisterService } from '../../../lib/decorators/service';
import { describeOnDatabases } from '../../support/databases';
import { JaegerAgentStandIn } from '../../support/jaeger-agent';

@Table('notes')
class NoteRow {
  @Column({ pk: true, auto: true }) id!: number;
  @Column({ length: 80, unique: true }) title!: string;
}

class NewNote {
  @Prop({ minLength: 1, maxLength: 80 }) title!: string;
}

class Note {
  @Prop({ integer: true }) id!: number;
  @Prop() title!: string;
}

/** A hand-written service over the DAO: what the App wires a Database into. */
@Service('notes')
class NotesService {
  constructor(private readonly db: Database) {}

  @Post('/notes', { returns: Note })
  async createNote(@Body() note: NewNote): Promise<Note> {
    return this.db.dao(NoteRow).insert({ title: note.title });
  }

  @Get('/notes/:id', { returns: Note })
  async getNote(@Path('id', { integer: true }) id: number): Promise<Note> {
    const found = await this.db.dao(NoteRow).get(id);
    if (found === undefined) throw new Error('unreachable in these specs');
    return found;
  }

  @Get('/broken')
  async getBroken(): Promise<void> {
    await sql`select no_such_column from notes`.execute(this.db.kysely);
  }
}
unregisterService(NotesService);

const quiet = winston.createLogger({ silent: true });
const cwd = mkdtempSync(path.join(tmpdir(), 'tsd-db-app-'));

function startApp(env: Record<string, string>): { app: App; listening: Promise<ListeningAddress> } {
  const app = new App({
    services: [NotesService],
    providers: [Database.provider()],
    env: { GDD_DRAIN_WINDOW: '100ms', ...env },
    cwd,
    logger: quiet,
    handleSignals: false,
    config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
  });
  return { app, listening: app.listen() };
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describeOnDatabases('Database in an App', (schema) => {
  let app: App;
  let base: string;
  let agent: JaegerAgentStandIn;
  before(async () => {
    await syncSchema(schema().database(), [NoteRow]);
    agent = await JaegerAgentStandIn.start();
    const started = startApp({ ...schema().env, ...agent.env('notes'), GDD_SERVICE_NAME: 'notes' });
    app = started.app;
    base = (await started.listening).url;
  });
  after(async () => {
    await app?.close();
    await agent?.close();
  });

  it('injects one Database into the service, from GDD_DB_*', async () => {
    const res = await post(`${base}/notes`, { title: 'first' });
    assert.equal(res.status, 200);
    const note = (await res.json()) as Note;
    assert.equal(((await (await fetch(`${base}/notes/${note.id}`)).json()) as Note).title, 'first');
    assert.equal(app.container.get(Database).config.schema, schema().name);
  });

  it('answers a duplicate key with 409 DUPLICATE in the usual error shape', async () => {
    await post(`${base}/notes`, { title: 'twice' });
    const res = await post(`${base}/notes`, { title: 'twice' });
    assert.equal(res.status, 409);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    assert.equal(body.error.code, 'DUPLICATE');
    assert.match(body.error.message, /uq_notes_title/);
    assert.ok(body.error.requestId);
  });

  it('answers any other database error with a generic 500 that leaks no SQL', async () => {
    const res = await fetch(`${base}/broken`);
    assert.equal(res.status, 500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.deepEqual([body.error.code, body.error.message], ['INTERNAL', 'internal server error']);
  });

  it('reports the database on /go-doudou/health', async () => {
    const res = await fetch(`${base}/go-doudou/health`);
    assert.equal(res.status, 200);
    const report = (await res.json()) as { status: string; checks: { database: Record<string, unknown> } };
    assert.equal(report.status, 'up');
    assert.equal(report.checks.database.status, 'up');
    assert.equal(report.checks.database.database, schema().name);
    assert.equal(typeof report.checks.database.latencyMs, 'number');
    assert.equal(report.checks.database.maxConnections, 10);
  });

  it('counts and times queries by kind, errors by code, and pool use, on /go-doudou/prometheus', async () => {
    const text = await (await fetch(`${base}/go-doudou/prometheus`)).text();
    const labels = `driver="${schema().config.driver}",database="${schema().name}"`;
    const value = (re: RegExp): number => Number(re.exec(text)?.[1] ?? NaN);
    assert.ok(value(new RegExp(`go_doudou_db_query_count\\{${labels},kind="insert"\\} (\\d+)`)) >= 3);
    assert.ok(value(new RegExp(`go_doudou_db_query_count\\{${labels},kind="select"\\} (\\d+)`)) >= 1);
    assert.equal(value(new RegExp(`go_doudou_db_query_error_count\\{${labels},kind="insert",code="DUPLICATE"\\} (\\d+)`)), 1);
    assert.equal(value(new RegExp(`go_doudou_db_query_error_count\\{${labels},kind="select",code="DB_ERROR"\\} (\\d+)`)), 1);
    assert.match(text, new RegExp(`go_doudou_db_query_duration_seconds_bucket\\{le="0.005",${labels},kind="insert"\\} \\d+`));
    assert.equal(value(new RegExp(`go_doudou_db_pool_connections_in_use\\{${labels}\\} (\\d+)`)), 0);
    assert.equal(value(new RegExp(`go_doudou_db_pool_connections_max\\{${labels}\\} (\\d+)`)), 10);
  });

  it('traces each query as a child of the request span, with the statement and without its values', async () => {
    const res = await post(`${base}/notes`, { title: 'traced secret title' });
    assert.equal(res.status, 200);
    const server = await agent.waitForSpan((s) => s.operationName === 'HTTP POST: /notes' && s.tags['http.status_code'] === 200);
    const query = await agent.waitForSpan((s) => s.operationName === 'SQL INSERT' && s.traceId === server.traceId);
    assert.equal(query.parentSpanId, server.spanId);
    assert.equal(query.tags['span.kind'], 'client');
    assert.equal(query.tags['db.type'], 'sql');
    assert.equal(query.tags['db.instance'], schema().name);
    assert.match(String(query.tags['db.statement']), /^insert into .notes. \(.title.\) values/);
    assert.ok(!JSON.stringify(agent.spans).includes('traced secret title'), 'parameters never reach a span');
  });

  it('closes the pool when the App shuts down', async () => {
    const db = app.container.get(Database);
    await app.close();
    await assert.rejects(sql`select 1`.execute(db.kysely));
  });
});

describe('Database in an App, with the database down', () => {
  it('answers /go-doudou/health with 503 naming the problem', async () => {
    const { app, listening } = startApp({
      GDD_DB_DRIVER: 'postgres',
      GDD_DB_HOST: '127.0.0.1',
      GDD_DB_PORT: '1',
      GDD_DB_CONNECT_TIMEOUT: '2s',
    });
    try {
      const res = await fetch(`${(await listening).url}/go-doudou/health`);
      assert.equal(res.status, 503);
      const report = (await res.json()) as { status: string; checks: { database: { status: string; error: string } } };
      assert.equal(report.status, 'down');
      assert.equal(report.checks.database.status, 'down');
      assert.match(report.checks.database.error, /unavailable: ECONNREFUSED/);
    } finally {
      await app.close();
    }
  });
});
