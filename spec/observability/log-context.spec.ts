import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'winston';
import { App, Get, Inject, LOGGER, Path, Service, runWithRequestContext } from '../../lib';
import { unregisterService } from '../../lib/decorators/service';
import { stampRequestContext } from '../../lib/observability/log-context';
import { captureLogger } from '../http/support/capture-logger';
import { request } from '../http/support/http-client';
import { JaegerAgentStandIn, hexId } from '../support/jaeger-agent';
import { waitFor } from '../support/wait-for';

@Service('logsvc')
class LogService {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  @Get('/work/:id', { returns: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } })
  async work(@Path('id', { integer: true }) id: number): Promise<{ id: number }> {
    this.logger.info('before the await');
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.child({ module: 'worker' }).warn(`worked on ${id}`);
    return { id };
  }
}
unregisterService(LogService);

describe('observability/log-context', function () {
  this.timeout(20_000);
  let app: App | undefined;
  let agent: JaegerAgentStandIn | undefined;
  afterEach(async () => {
    await app?.close();
    await agent?.close();
    app = undefined;
    agent = undefined;
  });

  async function serve(env: Record<string, string>) {
    const { logger, lines } = captureLogger();
    app = new App({
      env: { GDD_SERVICE_NAME: 'logsvc', ...env },
      cwd: mkdtempSync(path.join(tmpdir(), 'tsd-logctx-')),
      logger,
      handleSignals: false,
      services: [LogService],
      config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
    });
    const { url } = await app.listen();
    return { url, lines };
  }

  it('puts the request id and the trace id on every line a handler writes, child loggers and awaits included, and on the access line', async () => {
    agent = await JaegerAgentStandIn.start();
    const { url, lines } = await serve(agent.env());
    await request(`${url}/work/4`, { headers: { 'x-request-id': 'req-log-1' } });
    const span = await agent.waitForSpan((s) => s.tags['request.id'] === 'req-log-1');
    const mine = await waitFor(() => {
      const found = lines.filter((l) => l.requestId === 'req-log-1');
      return found.length >= 3 && found;
    });
    assert.deepEqual(
      mine.map((l) => l.message.replace(/ .*/, '')),
      ['before', 'worked', 'GET'],
    );
    for (const line of mine) assert.equal(hexId(String(line.traceId)), span.traceId, `traceId on "${line.message}"`);
    assert.equal(mine[1]!.module, 'worker');
  });

  it('puts the request id (and no trace id) on handler lines when tracing is off', async () => {
    const { url, lines } = await serve({});
    await request(`${url}/work/5`, { headers: { 'x-request-id': 'req-log-2' } });
    const mine = await waitFor(() => {
      const found = lines.filter((l) => l.requestId === 'req-log-2');
      return found.length >= 3 && found;
    });
    for (const line of mine) assert.equal(line.traceId, undefined);
    assert.equal(lines.filter((l) => l.message === 'before the await' && l.requestId === undefined).length, 0);
  });

  it('leaves lines outside any request alone and lets explicit values win', () => {
    const { logger, lines } = captureLogger();
    stampRequestContext(logger);
    stampRequestContext(logger); // idempotent
    logger.info('outside');
    runWithRequestContext({ requestId: 'job-9' }, () => {
      logger.info('inside');
      logger.info('explicit', { requestId: 'mine' });
    });
    assert.deepEqual(
      lines.map((l) => [l.message, l.requestId]),
      [
        ['outside', undefined],
        ['inside', 'job-9'],
        ['explicit', 'mine'],
      ],
    );
  });
});
