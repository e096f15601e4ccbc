import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import winston from 'winston';
import {
  App,
  Body,
  CONFIG,
  ConfigError,
  Get,
  Inject,
  Injectable,
  LOGGER,
  Path,
  Post,
  Prop,
  Service,
  type AppOptions,
  type Config,
} from '../lib';
import { unregisterService } from '../lib/decorators/service';
import { captureLogger } from './http/support/capture-logger';
import { rejectsCode, throwsCode } from './support/errors';
import { NO_DRAIN_ENV } from './support/no-drain';

const quiet = winston.createLogger({ silent: true });
const emptyDir = mkdtempSync(path.join(tmpdir(), 'tsd-app-'));

function appOptions(extra: AppOptions): AppOptions {
  return {
    cwd: emptyDir,
    logger: quiet,
    handleSignals: false,
    ...extra,
    env: { ...NO_DRAIN_ENV, ...extra.env },
    config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false }, ...extra.config },
  };
}

@Injectable()
class Greeter {
  constructor(@Inject(CONFIG) readonly config: Config) {}
  greet(name: string): string {
    return `hello ${name} from ${this.config.service.name}`;
  }
}

class Greeting {
  @Prop() text!: string;
}

@Service('greetsvc')
class GreetService {
  constructor(private readonly greeter: Greeter) {}
  @Get('/greet/:name', { returns: Greeting })
  async greet(@Path('name') name: string): Promise<Greeting> {
    return { text: this.greeter.greet(name) };
  }
}

class Sum {
  @Prop() total!: number;
}
class Numbers {
  @Prop({ type: [Number] }) values!: number[];
}

@Service('mathsvc')
class MathService {
  constructor(@Inject(LOGGER) readonly logger: winston.Logger) {}
  @Post('/sum', { returns: Sum })
  async sum(@Body() n: Numbers): Promise<Sum> {
    return { total: n.values.reduce((a, b) => a + b, 0) };
  }
}

@Injectable()
class Database {
  constructor(@Inject('DB_URL') readonly url: string) {}
}
@Service('needsdb')
class NeedsDatabase {
  constructor(readonly db: Database) {}
  @Get('/db') async ping(): Promise<void> {}
}

@Service('clash')
class ClashingService {
  @Get('/greet/:who', { returns: Greeting }) async other(@Path('who') who: string): Promise<Greeting> {
    return { text: who };
  }
}

describe('App', () => {
  after(() => [GreetService, MathService, NeedsDatabase, ClashingService].forEach(unregisterService));

  it('warns when a conventional route name starts with a misspelt verb (gteUser → POST /gte/user)', async () => {
    @Service('typosvc')
    class TypoService {
      @Post()
      async gteUser(): Promise<void> {}
      @Post()
      async pageUsers(): Promise<void> {}
    }
    const { logger, lines } = captureLogger();
    const app = new App(appOptions({ services: [TypoService], logger }));
    await app.listen();
    try {
      const warnings = lines.filter((l) => l.level === 'warn').map((l) => l.message);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /typosvc\.gteUser answers POST \/gte\/user .*did you mean "get"\? Rename it \(getUser\)/);
    } finally {
      await app.close();
      unregisterService(TypoService);
    }
  });

  it('listening on all interfaces, answers with a URL a person can open and says where it listens', async () => {
    const { logger, lines } = captureLogger();
    const app = new App(appOptions({ services: [GreetService], logger, config: { http: { port: 0, host: '' } } }));
    const { url, address, port } = await app.listen();
    try {
      assert.equal(address, '0.0.0.0');
      assert.equal(url, `http://127.0.0.1:${port}`);
      assert.equal((await fetch(`${url}/greet/x`)).status, 200);
      assert.ok(lines.some((l) => l.message === `Http server is listening on ${url} (all interfaces, port ${port})`));
    } finally {
      await app.close();
    }
  });

  it('serves several services from one process (monolith mode) with constructor injection', async () => {
    const app = new App(appOptions({ services: [GreetService, MathService], config: { service: { name: 'mono' } } }));
    const { url } = await app.listen();
    try {
      const greet = await fetch(`${url}/greet/ada`);
      assert.equal(greet.status, 200);
      assert.deepEqual(await greet.json(), { text: 'hello ada from mono' });
      const sum = await fetch(`${url}/sum`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"values":[1,2,3.5]}',
      });
      assert.deepEqual(await sum.json(), { total: 6.5 });
      assert.deepEqual(
        app.services().map((s) => s.name),
        ['greetsvc', 'mathsvc'],
      );
    } finally {
      await app.close();
    }
  });

  it('documents every service of the process in one OpenAPI document', async () => {
    const app = new App(appOptions({ services: [GreetService, MathService] }));
    const { url } = await app.listen();
    try {
      const doc = (await (await fetch(`${url}/go-doudou/openapi.json`)).json()) as { paths: Record<string, unknown> };
      assert.deepEqual(Object.keys(doc.paths).sort(), ['/greet/{name}', '/sum']);
    } finally {
      await app.close();
    }
  });

  it('accepts ready-made instances as well as classes', async () => {
    const instance = new GreetService({ greet: (n: string) => `hi ${n}` } as Greeter);
    const app = new App(appOptions({ services: [instance] }));
    const { url } = await app.listen();
    try {
      assert.deepEqual(await (await fetch(`${url}/greet/bo`)).json(), { text: 'hi bo' });
    } finally {
      await app.close();
    }
  });

  it('prefixes business routes with GDD_ROUTE_ROOT_PATH from the environment', async () => {
    const app = new App(appOptions({ services: [GreetService], env: { GDD_ROUTE_ROOT_PATH: '/api' } }));
    const { url } = await app.listen();
    try {
      assert.equal((await fetch(`${url}/api/greet/x`)).status, 200);
      assert.equal((await fetch(`${url}/greet/x`)).status, 404);
    } finally {
      await app.close();
    }
  });

  it('lets options passed to new App() win over the environment', () => {
    const app = new App(
      appOptions({ services: [GreetService], env: { GDD_PORT: '7001', GDD_SERVICE_NAME: 'env' }, config: { service: { name: 'opt' } } }),
    );
    assert.equal(app.config.service.name, 'opt');
  });

  it('refuses to start on an invalid GDD_* value, naming the variable', () => {
    assert.throws(
      () => new App({ env: { GDD_PORT: 'abc' }, cwd: emptyDir, logger: quiet }),
      (err: Error) => /GDD_PORT/.test(err.message),
    );
  });

  it('fails at start-up naming the class and parameter when a dependency cannot be built', async () => {
    const app = new App(appOptions({ services: [NeedsDatabase] }));
    await rejectsCode(app.listen(), ConfigError, 'MISSING_DEPENDENCY', 'NeedsDatabase', 'Database', 'DB_URL');
  });

  it('uses a provider given in the options for a dependency', async () => {
    const app = new App(appOptions({ services: [NeedsDatabase], providers: [{ provide: Database, useValue: new Database('memory://') }] }));
    const { url } = await app.listen();
    try {
      assert.equal((await fetch(`${url}/db`)).status, 204);
    } finally {
      await app.close();
    }
  });

  it('refuses two services that answer the same method and path', async () => {
    const app = new App(appOptions({ services: [GreetService, ClashingService] }));
    await rejectsCode(app.listen(), ConfigError, 'DUPLICATE_ROUTE', 'greet');
  });

  it('runs user middleware added with use()', async () => {
    const app = new App(appOptions({ services: [GreetService] }));
    app.use(async (ctx, next) => {
      await next();
      ctx.set('X-Powered-By', 'ts-doudou');
    });
    const { url } = await app.listen();
    try {
      assert.equal((await fetch(`${url}/greet/a`)).headers.get('x-powered-by'), 'ts-doudou');
      throwsCode(() => app.use(async (_ctx, next) => next()), ConfigError, 'APP_STARTED');
    } finally {
      await app.close();
    }
  });

  it('close() is idempotent and stops accepting connections', async () => {
    const app = new App(appOptions({ services: [GreetService] }));
    const { url } = await app.listen();
    await Promise.all([app.close(), app.close()]);
    await assert.rejects(fetch(`${url}/greet/a`));
  });
});
