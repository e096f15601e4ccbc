import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../lib/config';
import { createLogger, createLoggerFromConfig, type Logger, type LoggerOptions } from '../../lib/observability/logger';
import { waitFor } from '../support/wait-for';

/** A real stream transport target that keeps every line written. */
class LineSink extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(
      ...String(chunk)
        .split('\n')
        .filter((l) => l !== ''),
    );
    done();
  }
}

function capture(options: Partial<LoggerOptions>): { logger: Logger; sink: LineSink } {
  const sink = new LineSink();
  const logger = createLogger({
    level: 'info',
    format: 'text',
    serviceName: 'usersvc',
    env: 'dev',
    hostname: 'pod-1',
    stream: sink,
    ...options,
  });
  return { logger, sink };
}

describe('observability/logger', () => {
  it('writes text lines as timestamp, level, message and key=value meta', async () => {
    const { logger, sink } = capture({});
    logger.info('user created', { id: 42, name: 'Ann Lee', tags: ['a'] });
    const [line] = await waitFor(() => sink.lines.length >= 1 && sink.lines);
    assert.match(line, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO {2}user created id=42 name="Ann Lee" tags=\["a"\]$/);
    logger.close();
  });

  it('writes one JSON object per line in json format', async () => {
    const { logger, sink } = capture({ format: 'json', env: 'prod' });
    logger.warn('slow call', { ms: 1200 });
    const [line] = await waitFor(() => sink.lines.length >= 1 && sink.lines);
    const entry = JSON.parse(line) as Record<string, unknown>;
    assert.equal(entry.level, 'warn');
    assert.equal(entry.message, 'slow call');
    assert.equal(entry.ms, 1200);
    assert.equal(entry.service, 'usersvc');
    assert.equal(entry.hostname, 'pod-1');
    assert.equal(typeof entry.timestamp, 'string');
    logger.close();
  });

  it('drops entries below the configured level', async () => {
    const { logger, sink } = capture({ level: 'warn' });
    logger.debug('debug');
    logger.info('info');
    logger.warn('warn');
    logger.error('error');
    await waitFor(() => sink.lines.length >= 2);
    assert.deepEqual(
      sink.lines.map((l) => /Z (\w+)\s+(\w+)$/.exec(l)?.slice(1)),
      [
        ['WARN', 'warn'],
        ['ERROR', 'error'],
      ],
    );
    logger.close();
  });

  it('logs trace (silly) entries when GDD_LOG_LEVEL=trace', async () => {
    const config = loadConfig({ env: { GDD_LOG_LEVEL: 'trace' }, cwd: tmpdir(), hostname: 'h' });
    const sink = new LineSink();
    const logger = createLoggerFromConfig(config, { stream: sink });
    logger.silly('very detailed');
    await waitFor(() => sink.lines.length >= 1);
    assert.match(sink.lines[0], /SILLY very detailed/);
    logger.close();
  });

  it('adds service and hostname outside dev only', async () => {
    const dev = capture({ env: 'dev' });
    const prod = capture({ env: 'prod' });
    dev.logger.info('hello');
    prod.logger.info('hello');
    await waitFor(() => dev.sink.lines.length >= 1 && prod.sink.lines.length >= 1);
    assert.doesNotMatch(dev.sink.lines[0], /service=|hostname=/);
    assert.match(prod.sink.lines[0], /hello service=usersvc hostname=pod-1$/);
    dev.logger.close();
    prod.logger.close();
  });

  it('gives child loggers a module field alongside the service meta', async () => {
    const { logger, sink } = capture({ env: 'prod', format: 'json' });
    logger.child({ module: 'gossip' }).info('joined');
    await waitFor(() => sink.lines.length >= 1);
    const entry = JSON.parse(sink.lines[0]) as Record<string, unknown>;
    assert.deepEqual([entry.module, entry.service, entry.message], ['gossip', 'usersvc', 'joined']);
    logger.close();
  });

  it('prints the stack of a logged error below the line', async () => {
    const { logger, sink } = capture({});
    logger.error('request failed', { err: new Error('boom') });
    logger.error(new Error('direct'));
    await waitFor(() => sink.lines.some((l) => l.includes('direct')));
    assert.match(sink.lines[0], /ERROR request failed err="boom"/);
    const direct = sink.lines.findIndex((l) => / ERROR direct$/.test(l));
    assert.ok(direct >= 0, sink.lines.join('\n'));
    assert.equal(sink.lines[direct + 1], 'Error: direct');
    assert.match(sink.lines[direct + 2], /^\s+at /);
    logger.close();
  });

  it('also writes <GDD_LOG_PATH>/app.log when a log directory is set', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gdd-log-'));
    try {
      const { logger } = capture({ logDir: dir });
      logger.info('to file');
      const file = path.join(dir, 'app.log');
      await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').includes('to file'));
      logger.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
