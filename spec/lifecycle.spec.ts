import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import winston from 'winston';
import { App, Get, Injectable, Service } from '../lib';
import { unregisterService } from '../lib/decorators/service';
import { healthReport, type HealthCheck } from '../lib/lifecycle';

const closed: string[] = [];

@Injectable()
class Pool {
  readonly healthName = 'pool';
  up = true;
  started = false;
  async onStart(): Promise<void> {
    await Promise.resolve();
    this.started = true;
  }
  async checkHealth(): Promise<HealthCheck> {
    return { status: this.up ? 'up' : 'down', size: 3 };
  }
  onShutdown(): void {
    closed.push('pool');
  }
}

@Service('lifecycle')
class LifecycleService {
  constructor(readonly pool: Pool) {}

  @Get('/ping')
  async getPing(): Promise<void> {}

  async onShutdown(): Promise<void> {
    closed.push('service');
  }
}
unregisterService(LifecycleService);

describe('lifecycle', () => {
  describe('healthReport', () => {
    it('is up without indicators, and up only when every check is', async () => {
      assert.deepEqual(await healthReport([]), { status: 'up' });
      const up = { healthName: 'a', checkHealth: async (): Promise<HealthCheck> => ({ status: 'up' }) };
      const down = { healthName: 'b', checkHealth: async (): Promise<HealthCheck> => ({ status: 'down', error: 'gone' }) };
      assert.deepEqual(await healthReport([up]), { status: 'up', checks: { a: { status: 'up' } } });
      assert.deepEqual(await healthReport([up, down]), {
        status: 'down',
        checks: { a: { status: 'up' }, b: { status: 'down', error: 'gone' } },
      });
    });

    it('counts a check that throws as down, with its message', async () => {
      const broken = { healthName: 'x', checkHealth: async (): Promise<HealthCheck> => Promise.reject(new Error('boom')) };
      assert.deepEqual(await healthReport([broken]), { status: 'down', checks: { x: { status: 'down', error: 'boom' } } });
    });
  });

  describe('in an App', () => {
    it('reports container-built health indicators on /go-doudou/health, 503 when one is down', async () => {
      const app = new App({
        services: [LifecycleService],
        env: { GDD_DRAIN_WINDOW: '100ms' },
        cwd: mkdtempSync(path.join(tmpdir(), 'tsd-lifecycle-')),
        logger: winston.createLogger({ silent: true }),
        handleSignals: false,
        config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
      });
      const { url } = await app.listen();
      try {
        assert.equal(app.container.get(Pool).started, true, 'onStart was awaited before listening');
        const up = await fetch(`${url}/go-doudou/health`);
        assert.equal(up.status, 200);
        assert.deepEqual(await up.json(), { status: 'up', checks: { pool: { status: 'up', size: 3 } } });
        app.container.get(Pool).up = false;
        const down = await fetch(`${url}/go-doudou/health`);
        assert.equal(down.status, 503);
        assert.equal(((await down.json()) as { status: string }).status, 'down');
      } finally {
        await app.close();
      }
      assert.deepEqual(closed, ['service', 'pool'], 'onShutdown runs newest first: the service before the pool it uses');
    });

    it('does not start when an onStart fails, and says why', async () => {
      @Injectable()
      class Failing {
        onStart(): never {
          throw new Error('schema migration failed');
        }
      }
      @Service('failing')
      class FailingService {
        constructor(readonly f: Failing) {}
        @Get('/x')
        async getX(): Promise<void> {}
      }
      unregisterService(FailingService);
      const app = new App({
        services: [FailingService],
        env: {},
        cwd: mkdtempSync(path.join(tmpdir(), 'tsd-lifecycle-')),
        logger: winston.createLogger({ silent: true }),
        handleSignals: false,
        config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
      });
      await assert.rejects(app.listen(), /schema migration failed/);
    });
  });
});
