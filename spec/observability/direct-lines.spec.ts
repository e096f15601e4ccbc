import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import winston from 'winston';
import { DirectLines } from '../../lib/observability/direct-lines';
import { createLogger, type Logger, type LoggerOptions } from '../../lib/observability/logger';
import { waitFor } from '../support/wait-for';

/** Keeps every chunk written, as it was written. */
class ChunkSink extends Writable {
  readonly chunks: string[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(String(chunk));
    done();
  }
  get lines(): string[] {
    return this.chunks
      .join('')
      .split('\n')
      .filter((l) => l !== '');
  }
}

function logger(options: Partial<LoggerOptions> = {}): { logger: Logger; sink: ChunkSink } {
  const sink = new ChunkSink();
  const made = createLogger({
    level: 'info',
    format: 'text',
    serviceName: 'usersvc',
    env: 'prod',
    hostname: 'pod-1',
    stream: sink,
    ...options,
  });
  return { logger: made, sink };
}

const TIMESTAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;
const sameTime = (line: string): string => line.replace(TIMESTAMP, '<time>');

/** Entries shaped like access lines and like anything else a service logs. */
const ENTRIES: Array<[string, Record<string, unknown>]> = [
  [
    'GET /users/:id 200 0.52ms 71B abc',
    {
      method: 'GET',
      route: '/users/:id',
      url: '/users/7?x=1',
      status: 200,
      ms: 0.52,
      bytes: 71,
      requestId: 'abc',
      remoteAddr: '127.0.0.1',
    },
  ],
  [
    '- unmatched 408 15000ms 0B r-2 read-timeout',
    {
      method: undefined,
      route: 'unmatched',
      url: undefined,
      status: 408,
      ms: 15000,
      bytes: 0,
      requestId: 'r-2',
      remoteAddr: '::1',
      outcome: 'read-timeout',
    },
  ],
  [
    'with "quotes" and spaces',
    { url: '/a b/"c"=d', note: 'naïve ✓', tags: ['x', 'y'], nested: { deep: { deeper: { deepest: 's3cr3t-value' } } } },
  ],
  ['credentials', { target: 'redis://user:hunter22@cache:6379/0', body: { password: 's3cr3t-value', list: ['s3cr3t-value'] } }],
  ['numbers and odd values', { big: 12n, neg: -1.5, zero: 0, no: false, empty: '', nil: null, err: new Error('boom s3cr3t-value') }],
];

describe('observability/direct-lines', () => {
  for (const format of ['text', 'json'] as const) {
    for (const env of ['dev', 'prod']) {
      it(`writes the bytes winston's pipeline writes (${format}, ${env}), secrets masked`, async () => {
        const piped = logger({ format, env, secrets: ['s3cr3t-value'] });
        const direct = logger({ format, env, secrets: ['s3cr3t-value'] });
        const writer = DirectLines.of(direct.logger)!;
        assert.ok(writer.accepts('info'));
        for (const [message, meta] of ENTRIES) piped.logger.info(message, meta);
        writer.write(
          'info',
          ENTRIES.map(([message, meta]) => writer.line('info', message, meta)),
        );
        await waitFor(() => piped.sink.lines.length >= ENTRIES.length);
        assert.deepEqual(direct.sink.lines.map(sameTime), piped.sink.lines.map(sameTime));
        assert.ok(!direct.sink.chunks.join('').includes('s3cr3t-value'));
        piped.logger.close();
        direct.logger.close();
      });
    }
  }

  /** Lines of fixed keys (the access line's), with values that need quoting, masking, or are left out. */
  const FIELD_KEYS = ['method', 'route', 'url', 'status', 'ms', 'bytes', 'requestId', 'remoteAddr', 'outcome', 'traceId', 'reqBody'];
  const FIELD_LINES: Array<[string, unknown[]]> = [
    ['GET /users/:id 200 0.52ms 71B abc', ['GET', '/users/:id', '/users/7?x=1', 200, 0.52, 71, 'abc', '127.0.0.1']],
    ['- unmatched 408 15000ms 0B r-2 read-timeout', [undefined, 'unmatched', undefined, 408, 15000, 0, 'r-2', '::1', 'read-timeout']],
    [
      'POST /a 201 1ms 2B id with "quotes"',
      [
        'POST',
        '/a',
        '/a b/"c"=d?token=s3cr3t-value',
        201,
        1,
        2,
        'id with "quotes"',
        '10.0.0.1',
        undefined,
        'f00d',
        { password: 's3cr3t-value', n: 12n },
      ],
    ],
    [
      's3cr3t-value in the message',
      ['GET', '/x', 'redis://user:hunter22@cache:6379/0', null, -1.5, 0, '', 'naïve ✓', 'aborted', undefined, ['x']],
    ],
  ];

  for (const format of ['text', 'json'] as const) {
    for (const env of ['dev', 'prod']) {
      it(`renders lines of fixed keys as winston's pipeline writes the same meta (${format}, ${env})`, async () => {
        const piped = logger({ format, env, secrets: ['s3cr3t-value'] });
        const direct = logger({ format, env, secrets: ['s3cr3t-value'] });
        const writer = DirectLines.of(direct.logger)!;
        const fields = writer.fields('info', FIELD_KEYS)!;
        for (const [message, values] of FIELD_LINES) {
          const meta: Record<string, unknown> = {};
          FIELD_KEYS.forEach((key, i) => (meta[key] = values[i]));
          piped.logger.info(message, meta);
        }
        writer.write(
          'info',
          FIELD_LINES.map(([message, values]) => fields.render(message, values)),
        );
        await waitFor(() => piped.sink.lines.length >= FIELD_LINES.length);
        assert.deepEqual(direct.sink.lines.map(sameTime), piped.sink.lines.map(sameTime));
        assert.ok(!direct.sink.chunks.join('').includes('s3cr3t-value'));
        piped.logger.close();
        direct.logger.close();
      });
    }
  }

  it('compiles fixed keys once per default meta, and not when a key is reserved or in the default meta', () => {
    const { logger: made } = logger({ env: 'prod' });
    const writer = DirectLines.of(made)!;
    const keys = ['route'];
    assert.equal(writer.fields('info', keys), writer.fields('info', keys));
    assert.match(writer.fields('info', keys)!.render('m', ['/a']), / INFO {2}m service=usersvc hostname=pod-1 route=\/a$/);
    made.defaultMeta = { service: 'renamed' };
    assert.match(writer.fields('info', keys)!.render('m', ['/a']), / m service=renamed route=\/a$/);
    assert.equal(writer.fields('info', ['level']), undefined);
    assert.equal(writer.fields('info', ['service']), undefined);
    made.close();
  });

  it('writes a batch of lines with one write per transport, each line ended', () => {
    const { logger: made, sink } = logger();
    const writer = DirectLines.of(made)!;
    writer.write('info', [writer.line('info', 'one', {}), writer.line('info', 'two', { n: 2 })]);
    assert.equal(sink.chunks.length, 1);
    assert.match(
      sink.chunks[0]!,
      /^<?\S+ INFO {2}one service=usersvc hostname=pod-1\n\S+ INFO {2}two service=usersvc hostname=pod-1 n=2\n$/,
    );
    made.close();
  });

  it('takes the default meta the logger has when the line is made', () => {
    const { logger: made } = logger({ format: 'json' });
    made.defaultMeta = { service: 'renamed' };
    const line = JSON.parse(DirectLines.of(made)!.line('info', 'hi', {})) as Record<string, unknown>;
    assert.deepEqual([line.service, line.hostname], ['renamed', undefined]);
    made.close();
  });

  it('refuses once the logger no longer writes the level or was reconfigured', () => {
    const cases: Array<[string, (l: Logger) => void]> = [
      ['level above info', (l) => (l.level = 'warn')],
      ['silenced', (l) => (l.silent = true)],
      ['a transport added', (l) => l.add(new winston.transports.Stream({ stream: new ChunkSink() }))],
      ['its transport removed', (l) => l.remove(l.transports[0]!)],
      ['the format replaced', (l) => (l.format = winston.format.json())],
      ['a transport given its own level', (l) => (l.transports[0]!.level = 'error')],
      ['a transport given its own format', (l) => (l.transports[0]!.format = winston.format.simple())],
    ];
    for (const [what, change] of cases) {
      const { logger: made } = logger();
      const writer = DirectLines.of(made)!;
      assert.ok(writer.accepts('info'), what);
      change(made);
      assert.equal(writer.accepts('info'), false, what);
      made.close();
    }
  });

  it('does not write directly for loggers createLogger() did not build, nor to object-mode streams', () => {
    assert.equal(
      DirectLines.of(winston.createLogger({ transports: [new winston.transports.Stream({ stream: new ChunkSink() })] })),
      undefined,
    );
    const objects = new Writable({ objectMode: true, write: (_c, _e, done) => done() });
    const made = createLogger({ level: 'info', format: 'json', serviceName: 's', env: 'dev', stream: objects });
    assert.equal(DirectLines.of(made), undefined);
    assert.equal(DirectLines.of(made.child({ module: 'x' })), undefined);
    made.close();
  });
});
