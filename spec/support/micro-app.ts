/** An in-process App in micro mode on 127.0.0.1 (its own one-node gossip cluster), for specs that scrape it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import winston from 'winston';
import { App, Get, Service } from '../../lib';
import { unregisterService } from '../../lib/decorators/service';

export async function startMicroApp(services: object[], env: Record<string, string> = {}): Promise<{ app: App; url: string }> {
  const app = new App({
    env: {
      GDD_MODE: 'micro',
      GDD_SERVICE_NAME: 'metricsvc',
      GDD_MEM_HOST: '127.0.0.1',
      GDD_MEM_BIND_ADDR: '127.0.0.1',
      GDD_MEM_PORT: '0',
      GDD_MEM_NAME: 'metrics-node-1',
      ...env,
    },
    cwd: mkdtempSync(path.join(tmpdir(), 'tsd-micro-app-')),
    logger: winston.createLogger({ silent: true }),
    handleSignals: false,
    services,
    config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
  });
  const { url } = await app.listen();
  return { app, url };
}

/** The smallest service a micro App can serve: GET /ping. */
@Service('metricsvc')
export class PingService {
  @Get('/ping')
  async ping(): Promise<{ ok: boolean }> {
    return { ok: true };
  }
}
unregisterService(PingService);
