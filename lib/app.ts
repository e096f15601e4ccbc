/**
 * The composition root: the only place that wires configuration, logging, the container, the
 * descriptors, the OpenAPI document and the HTTP server together (docs/architecture.md#layers).
 */
import { performance } from 'node:perf_hooks';
import type { Middleware } from 'koa';
import type { Logger } from 'winston';
import { CONFIG, LOGGER, METRICS_REGISTRY } from './app-tokens';
import { hasOnShutdown, hasOnStart, healthReport, isHealthIndicator } from './lifecycle';
import { configWarnings, environmentWithFiles, loadConfigAndFiles, type Config, type ConfigFiles, type DeepPartial } from './config';
import { Container, type Provider, type Token } from './container';
import { describeService, registeredServices } from './decorators';
import type { ServiceDescriptor } from './decorators/descriptors';
import { ConfigError } from './errors';
import { HttpServer, type ListeningAddress } from './http/server';
import type { UserMiddlewarePosition } from './http/server-options';
import { renderBanner } from './observability/banner';
import { createLoggerFromConfig } from './observability/logger';
import { stampRequestContext } from './observability/log-context';
import { Tracing } from './observability/tracing';
import { registerGossipMetrics } from './observability/gossip-metrics';
import { Registry } from 'prom-client';
import { renderRouteTable } from './observability/route-table';
import { buildOpenApiDocument } from './openapi';
import { readPackageInfo } from './openapi/package-info';
import { middlewareErrors } from './http/route-errors';
import { ContractClients } from './contract-clients';
import { withUpstreamErrors } from './client/upstream-errors';
import { MicroNode } from './micro-node';
import { asStartupError, exitIfUnhandled } from './startup-failure';
import { scrapeTargets } from './registry/scrape-targets';
import { classOf, type Class } from './decorators/class-type';
import { misspeltVerb } from './decorators/route-convention';

/** A provider the App's container should know about, NestJS style. */
export interface ProviderDefinition<T = unknown> {
  provide: Token<T>;
  useValue?: T;
  useClass?: new (...args: never[]) => T;
  useFactory?: (...deps: never[]) => T;
  inject?: readonly Token[];
}

export interface AppOptions {
  /**
   * What to serve: service classes (built by the container) or ready instances.
   * Default: every `@Service` class imported so far (implementations in place of their contracts).
   */
  services?: ReadonlyArray<Class | object>;
  /** Configuration that wins over GDD_* variables and the app.yml and .env files (same shape as `app.config`). */
  config?: DeepPartial<Config>;
  /** Where the .env and app.yml files are looked up. Default process.cwd(). */
  cwd?: string;
  /** The environment to read GDD_* from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Use this logger instead of one built from GDD_LOG_*. */
  logger?: Logger;
  /** Extra providers for the container (repositories, clients, values). */
  providers?: readonly ProviderDefinition[];
  /** Stop gracefully on SIGTERM and SIGINT, then exit 0. Default true. */
  handleSignals?: boolean;
  /**
   * The OpenAPI document's `info` and `servers`. Defaults: title the service name(s), version
   * GDD_SERVICE_VERSION or 1.0.0, description the services' descriptions or package.json's, contact from
   * package.json's `author`, servers `[{ url: '/' }]` (the server that serves the document).
   */
  openApi?: OpenApiInfoOptions;
}

export interface OpenApiInfoOptions {
  title?: string;
  version?: string;
  description?: string;
  contact?: { name?: string; url?: string; email?: string };
  servers?: ReadonlyArray<{ url: string; description?: string }>;
}

type AppState = 'created' | 'starting' | 'listening' | 'closing' | 'closed';

export class App {
  readonly config: Config;
  /** The app.yml and .env files the config was read from, with their values (base URLs such as USERSVC). */
  private readonly configFiles: ConfigFiles;
  readonly logger: Logger;
  readonly container = new Container();
  private readonly options: AppOptions;
  private readonly userMiddleware: Array<{ middleware: Middleware; position: UserMiddlewarePosition }> = [];
  private server: HttpServer | undefined;
  private descriptors: ServiceDescriptor[] = [];
  private state: AppState = 'created';
  private closing: Promise<void> | undefined;
  private micro: MicroNode | undefined;
  private contractClients: ContractClients | undefined;
  private tracing: Tracing = Tracing.off;
  private readonly onSignal = (signal: NodeJS.Signals): void => this.stopOnSignal(signal);

  constructor(options: AppOptions = {}) {
    this.options = options;
    try {
      ({ config: this.config, files: this.configFiles } = loadConfigAndFiles({
        cwd: options.cwd,
        env: options.env,
        overrides: options.config,
      }));
    } catch (err) {
      exitIfUnhandled(err);
      throw err;
    }
    // Lines written while a request is handled carry its request id and trace id (log-context.ts).
    this.logger = stampRequestContext(options.logger ?? createLoggerFromConfig(this.config));
    this.container.register(CONFIG, { useValue: this.config });
    this.container.register(LOGGER, { useValue: this.logger });
    for (const p of options.providers ?? []) this.container.register(p.provide, toProvider(p));
  }

  /** Adds Koa middleware before the built-in chain's routing ('before', default) or right before the handler ('after'). */
  use(middleware: Middleware, options: { position?: UserMiddlewarePosition } = {}): this {
    if (this.state !== 'created') throw new ConfigError('APP_STARTED', 'app.use() must be called before listen()');
    this.userMiddleware.push({ middleware, position: options.position ?? 'before' });
    return this;
  }

  /** The descriptors of the services being served (after listen()). */
  services(): readonly ServiceDescriptor[] {
    return this.descriptors;
  }

  /** The HTTP server (after listen()), e.g. for `callback()` in tests. */
  get http(): HttpServer {
    if (!this.server) throw new ConfigError('APP_NOT_STARTED', 'the app has not been started: call listen() first');
    return this.server;
  }

  /** Builds everything, prints the start-up report and listens on GDD_HOST:GDD_PORT. Resolves when ready. */
  async listen(): Promise<ListeningAddress> {
    if (this.state !== 'created') throw new ConfigError('APP_STARTED', 'listen() was already called');
    this.state = 'starting';
    const startedAt = performance.now();
    try {
      return await this.start(startedAt);
    } catch (err) {
      // Peers must not keep routing to an instance that did not start: leave first (when it had joined).
      // Whatever was started (gossip sockets, client agents) must not keep the process alive.
      await this.micro?.leave();
      await this.server?.close({ graceMs: 0 });
      this.contractClients?.close();
      await this.shutdownInstances();
      await this.micro?.shutdown();
      await this.tracing.close();
      this.state = 'closed';
      const facts = { httpPort: this.config.http.port, gossipPort: this.config.mem.bindPort };
      const failure = asStartupError(err, facts);
      exitIfUnhandled(failure, facts);
      throw failure;
    }
  }

  private async start(startedAt: number): Promise<ListeningAddress> {
    const { config, logger } = this;
    if (config.banner.enable) process.stdout.write(`${renderBanner(config.banner.text)}\n`);
    for (const warning of configWarnings(config)) logger.warn(warning);

    if (config.mode === 'micro') this.micro = await MicroNode.bind(config, logger);
    // One registry for the HTTP metrics, the tracer's and whatever services inject (a Database's), all on
    // /go-doudou/prometheus; made before the services so their constructors can have it.
    const metricsRegistry = new Registry();
    this.container.register(METRICS_REGISTRY, { useValue: metricsRegistry });
    this.tracing = Tracing.fromConfig(config, { registry: metricsRegistry, logger });
    if (this.micro) registerGossipMetrics(metricsRegistry, this.micro.node);
    if (this.tracing.enabled) logger.info(`Tracing to Jaeger (${describeTracing(config)})`);
    const instances = this.instantiateServices();
    for (const instance of this.container.instances()) if (hasOnStart(instance)) await instance.onStart();
    this.descriptors = instances.map(({ descriptor }) => descriptor);
    for (const warning of conventionTypos(this.descriptors)) logger.warn(warning);
    const openApi = this.options.openApi ?? {};
    const pkg = readPackageInfo(this.options.cwd ?? process.cwd());
    const document = buildOpenApiDocument(this.descriptors, {
      title: openApi.title ?? (config.service.name || this.descriptors.map((d) => d.name).join(', ') || 'ts-doudou'),
      version: openApi.version ?? (config.service.version || '1.0.0'),
      description: openApi.description ?? (this.descriptors.some((d) => d.description !== undefined) ? undefined : pkg.description),
      contact: openApi.contact ?? pkg.contact,
      servers: openApi.servers,
      rootPath: config.http.routeRootPath,
      middlewareErrors: middlewareErrors(this.userMiddleware.map((m) => m.middleware)),
    });

    const server = new HttpServer({
      logger,
      metricsRegistry,
      tracing: this.tracing,
      serviceName: config.service.name,
      serviceVersion: config.service.version,
      rootPath: config.http.routeRootPath,
      manage: config.manage,
      bodyLimit: { json: config.http.bodyLimitBytes, form: config.http.bodyLimitBytes },
      timeouts: { readMs: config.http.readTimeoutMs, writeMs: config.http.writeTimeoutMs, idleMs: config.http.idleTimeoutMs },
      openApi: () => document,
      registry: this.micro ? () => (this.micro as MicroNode).registry.view() : undefined,
      scrapeTargets: this.micro ? () => scrapeTargets((this.micro as MicroNode).registry.allInstances()) : undefined,
      logRequestBodies: config.log.reqEnable,
      contractChecks: config.env === 'dev',
      gzip: config.http.enableResponseGzip,
      health: () => healthReport(this.container.instances().filter(isHealthIndicator)),
    });
    this.server = server;
    for (const { middleware, position } of this.userMiddleware) server.use(middleware, { position });
    for (const { descriptor, instance } of instances) server.mount(descriptor, instance);
    assertNoRouteClash(server);
    // In development a schema that cannot be compiled stops start-up; elsewhere compilation stays lazy
    // (boot time) and such a route is logged and answers 500 (lib/http/compile-queue.ts).
    if (config.env === 'dev') {
      const failures = await server.precompile();
      if (failures.length > 0) {
        throw new ConfigError(
          'UNCOMPILABLE_SCHEMA',
          `cannot compile ${failures.map((f) => `${f.what}: ${f.message}`).join('; ')}. Fix the schema (a raw JSON Schema given as a type, a pattern, …)`,
        );
      }
    }
    logger.info(`\n${renderRouteTable(server.routes())}`);

    const address = await server.listen({ port: config.http.port, host: config.http.host || '0.0.0.0' });
    this.state = 'listening';
    // Only now that the port is open: register (the metadata goes out with the join) and join.
    if (this.micro) {
      this.micro.register(this.descriptors.map((d) => ({ name: d.name, port: address.port, routeRootPath: config.http.routeRootPath })));
      await this.micro.join();
    }
    if (this.options.handleSignals ?? true) {
      // `on`, not `once`: Ctrl-C under a launcher delivers SIGINT and then the launcher's SIGTERM; a
      // second signal during the drain must not fall through to the default action and kill the process.
      process.on('SIGTERM', this.onSignal);
      process.on('SIGINT', this.onSignal);
    }
    const everywhere = address.address === '0.0.0.0' || address.address === '::';
    logger.info(`Http server is listening on ${address.url}${everywhere ? ` (all interfaces, port ${address.port})` : ''}`);
    logger.info(`Started in ${Math.round(performance.now() - startedAt)}ms`);
    return address;
  }

  /**
   * Graceful stop: leave the gossip cluster, stop accepting, serve open keep-alive connections with
   * `Connection: close` for GDD_DRAIN_WINDOW, let in-flight requests finish up to GDD_GRACE_TIMEOUT, then
   * close. Idempotent; concurrent calls share one shutdown.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.state = 'closing';
    // Leave first so peers stop sending traffic here, then drain what is in flight (go-doudou drained first).
    await this.micro?.leave();
    const { graceTimeoutMs: graceMs, drainWindowMs: drainMs } = this.config.http;
    this.logger.info(
      `Http server is shutting down gracefully within ${graceMs}ms (open connections drained for ${Math.min(drainMs, graceMs)}ms)`,
    );
    await this.server?.close({ graceMs, drainMs });
    this.contractClients?.close();
    await this.shutdownInstances();
    await this.micro?.shutdown();
    // After the drain: the spans of the last requests are finished, send them before exiting.
    await this.tracing.close();
    this.state = 'closed';
    process.removeListener('SIGTERM', this.onSignal);
    process.removeListener('SIGINT', this.onSignal);
    this.logger.info('Http server stopped');
  }

  /** onShutdown() of what the container built (a Database closes its pool), newest first; a failure is logged, not fatal. */
  private async shutdownInstances(): Promise<void> {
    for (const instance of [...this.container.instances()].reverse()) {
      if (!hasOnShutdown(instance)) continue;
      try {
        await instance.onShutdown();
      } catch (err) {
        this.logger.error(`onShutdown of ${classOf(instance as object).name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private stopOnSignal(signal: NodeJS.Signals): void {
    if (this.closing) {
      this.logger.info(`Received ${signal} again: already shutting down (bounded by GDD_GRACE_TIMEOUT)`);
      return;
    }
    this.logger.info(`Received ${signal}`);
    this.close().then(
      () => process.exit(0),
      (err: unknown) => {
        this.logger.error(`Shutdown failed: ${err instanceof Error ? err.stack : String(err)}`);
        process.exit(1);
      },
    );
  }

  private instantiateServices(): Array<{ descriptor: ServiceDescriptor; instance: object }> {
    const wanted = this.options.services ?? registeredServices();
    if (wanted.length === 0) {
      throw new ConfigError('NO_SERVICES', 'nothing to serve: import a @Service class before listen(), or pass { services: [...] }');
    }
    const served = wanted.map((s) => (typeof s === 'function' ? (s as Class) : classOf(s)));
    const jsonCase = this.config.http.jsonCase;
    const clients = new ContractClients({
      config: this.config,
      container: this.container,
      served,
      instances: this.micro?.registry,
      // a base URL (USERSVC=…) may come from a .env or app.yml file, as in go-doudou
      env: environmentWithFiles(this.options.env ?? process.env, this.configFiles),
    });
    this.contractClients = clients;
    this.container.setFallback((token, requestedBy) => clients.resolve(token, requestedBy));
    return wanted.map((s) => {
      if (typeof s !== 'function') return { descriptor: describeService(classOf(s), { jsonCase }), instance: s };
      const instance = this.container.get(s as Token<object>);
      const descriptor = describeService(s as Class, { jsonCase });
      // A service that was injected a client (directly or deeper) passes that client's failures on: its routes say so.
      const callsOut = this.container.reaches(s as Class, (token) => clients.isRemote(token));
      return { descriptor: callsOut ? withUpstreamErrors(descriptor) : descriptor, instance };
    });
  }
}

/** `usersvc → 127.0.0.1:6832, const sampler 1` for the start-up log. */
function describeTracing(config: Config): string {
  const t = config.tracing;
  const where = t.endpoint || `${t.agentHost || 'localhost'}:${t.agentPort || 6832}`;
  return `${t.serviceName || config.service.name || 'ts-doudou'} → ${where}, ${t.samplerType} sampler ${t.samplerParam}`;
}

/** Routes named by the convention whose first word looks like a misspelt verb (`gteUser` → POST /gte/user). */
function conventionTypos(descriptors: readonly ServiceDescriptor[]): string[] {
  const warnings: string[] = [];
  for (const d of descriptors) {
    for (const r of d.routes) {
      const typo = misspeltVerb(r.operationId);
      if (!typo || !r.path.split('/').includes(typo.word)) continue;
      warnings.push(
        `${d.name}.${r.operationId} answers ${r.method} ${r.path} by the naming convention: did you mean "${typo.verb}"? ` +
          `Rename it (${typo.verb}${r.operationId.slice(typo.word.length)}) or give the route an explicit path`,
      );
    }
  }
  return warnings;
}

function toProvider<T>(p: ProviderDefinition<T>): Provider<T> {
  if (p.useClass) return { useClass: p.useClass };
  if (p.useFactory) return { useFactory: p.useFactory, inject: p.inject };
  if ('useValue' in p) return { useValue: p.useValue as T };
  throw new ConfigError('INVALID_PROVIDER', `provider for ${String(p.provide)} needs useValue, useClass or useFactory`);
}

/** Two services (or two methods) answering the same method and path would shadow each other silently. */
function assertNoRouteClash(server: HttpServer): void {
  const seen = new Map<string, string>();
  for (const r of server.routes()) {
    const key = `${r.method} ${r.pattern.replace(/:[^/]+/g, ':')}`;
    const other = seen.get(key);
    if (other !== undefined) {
      throw new ConfigError('DUPLICATE_ROUTE', `${r.method} ${r.pattern} is served by both ${other} and ${r.name}`);
    }
    seen.set(key, r.name);
  }
}
