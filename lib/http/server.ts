/**
 * HttpServer: the Koa application built from service descriptors, with go-doudou's middleware chain
 * (docs/go-doudou-differences.md#middleware-order, adapted) and the /go-doudou/* endpoints. Outermost first:
 *
 *   request lifecycle: request id, metrics + access log when the response is over, error mapping,
 *   Connection: close while closing, CORS, compression (one Koa layer) → [proxy headers: Koa `proxy`]
 *   → user 'before' middleware → router ( route template → user 'after' middleware → body → params → handler )
 *
 * The built-in concerns share one Koa layer on purpose: every layer costs a dispatch and a promise per
 * request (bench/http compares this stack with bare Koa).
 *
 * 'before' middleware see every request (also 404s and /go-doudou/*); 'after' middleware run only for
 * matched business routes, after routing and before the body is read, so they can reject cheaply and
 * know the route (ctx.state.routeTemplate).
 */
import Router from '@koa/router';
import Koa, { type Context, type Middleware } from 'koa';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import winston, { type Logger } from 'winston';
import type { ServiceDescriptor } from '../decorators/descriptors';
import { ConfigError } from '../errors';
import { HttpMetrics } from '../observability/metrics';
import { AccessLog } from './access-log';
import { ClientErrorResponder } from './client-error';
import { ResponseCompression } from './compression';
import { CountingServerResponse } from './counting-response';
import { drainConnections } from './connection-drain';
import { ContractBreaches } from './contract-breaches';
import { CorsPolicy } from './cors';
import { installLateErrorHandler } from './error-mapper';
import { MANAGE_PREFIX, OPENAPI_PATH, mountManageRoutes } from './manage/manage-routes';
import { MiddlewareSlot } from './middleware-chain';
import { middlewareErrors } from './route-errors';
import { MultipartBodyReader } from './multipart-body';
import { OpenConnections } from './open-connections';
import { ReadTimeoutResponder, readTimeoutCheckInterval } from './read-timeout';
import { requestLifecycle, type RequestLifecycle } from './request-lifecycle';
import { createAjv } from './request-validator';
import { UploadTempFiles } from './upload-temp-files';
import { inFlightResponse, markConnectionCut } from './response-outcome';
import { CompileQueue, deferred } from './compile-queue';
import { mountService, type BuiltRoute, type RouteBuildContext } from './route-builder';
import { RouteDispatch } from './route-dispatch';
import { answerDirectly, type KoaHandleRequest } from './direct-respond';
import {
  resolveHttpServerOptions,
  type HttpServerOptions,
  type ResolvedHttpServerOptions,
  type UserMiddlewarePosition,
} from './server-options';

export interface ListenOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default '0.0.0.0'. */
  host?: string;
}

export interface ListeningAddress {
  address: string;
  port: number;
  /** A URL that opens it: `http://host:port` (IPv6 hosts in brackets; a wildcard bind as its loopback,
   *  0.0.0.0 → 127.0.0.1, :: → [::1]). `address` is the bound address as it is. */
  url: string;
}

export interface CloseOptions {
  /** GDD_GRACE_TIMEOUT: how long in-flight requests may still run before their sockets are destroyed. Default 15000. */
  graceMs?: number;
  /**
   * GDD_DRAIN_WINDOW: how long requests on open keep-alive connections are still answered (with
   * `Connection: close`) after listening stopped; capped at graceMs. Default 5000. See connection-drain.ts.
   */
  drainMs?: number;
}

export type RouteInfo = BuiltRoute;

/** Koa's request handling after the chain was composed (application.js): sets 404, runs `fn`, then respond() or ctx.onerror. */
interface KoaInternals {
  handleRequest: KoaHandleRequest;
}

export class HttpServer {
  readonly koa: Koa;
  readonly metrics: HttpMetrics;
  readonly options: ResolvedHttpServerOptions;
  private readonly logger: Logger;
  private readonly accessLog: AccessLog;
  private readonly router = new Router();
  private readonly before = new MiddlewareSlot();
  private readonly after = new MiddlewareSlot();
  private readonly build: RouteBuildContext;
  private readonly lifecycle: RequestLifecycle;
  private readonly dispatch: RouteDispatch;
  /** Koa middleware the constructor adds; more means someone added their own to `koa`. */
  private readonly builtInLayers: number;
  private readonly businessRoutes: BuiltRoute[] = [];
  private readonly manageRoutes: BuiltRoute[] = [];
  private readonly connections = new OpenConnections();
  private readonly uploads: UploadTempFiles;
  private readonly readTimeouts: ReadTimeoutResponder;
  private readonly clientErrors: ClientErrorResponder;
  private server?: http.Server;
  private closing?: Promise<void>;

  constructor(options: HttpServerOptions = {}) {
    this.options = resolveHttpServerOptions(options);
    const o = this.options;
    this.logger = options.logger ?? winston.createLogger({ level: 'info', transports: [new winston.transports.Console()] });
    this.metrics = new HttpMetrics({ registry: options.metricsRegistry, serviceName: o.serviceName });
    this.accessLog = new AccessLog(this.logger, { logBodies: o.logRequestBodies });
    this.uploads = new UploadTempFiles({ root: o.uploadDir });
    this.koa = new Koa({ proxy: o.trustProxy });
    installLateErrorHandler(this.koa, this.logger);
    this.readTimeouts = new ReadTimeoutResponder({
      readMs: o.timeouts.readMs,
      metrics: this.metrics,
      accessLog: this.accessLog,
      logger: this.logger,
      connections: this.connections,
    });
    this.clientErrors = new ClientErrorResponder({
      metrics: this.metrics,
      accessLog: this.accessLog,
      logger: this.logger,
      connections: this.connections,
    });

    this.lifecycle = requestLifecycle({
      metrics: this.metrics,
      accessLog: this.accessLog,
      logger: this.logger,
      isClosing: () => this.closing !== undefined,
      cors: new CorsPolicy(o.cors, { openApi: OPENAPI_PATH, managePrefix: MANAGE_PREFIX }),
      compression: o.gzip ? new ResponseCompression() : undefined,
      tracing: options.tracing,
    });
    this.dispatch = new RouteDispatch(this.router, this.lifecycle);
    const compileQueue = new CompileQueue((what, err) =>
      this.logger.error(`compiling ${what} failed, its requests answer 500: ${err instanceof Error ? err.message : String(err)}`),
    );
    this.build = {
      ajv: deferred(compileQueue, 'the request validator (Ajv)', () => createAjv(this.logger)),
      rootPath: o.rootPath,
      jsonLimit: o.bodyLimit.json,
      formLimit: o.bodyLimit.form,
      multipart: new MultipartBodyReader({ fileSize: o.bodyLimit.multipartFileSize, fieldsSize: o.bodyLimit.form }, this.uploads),
      logBodies: o.logRequestBodies,
      afterMiddleware: this.after.asMiddleware(),
      breaches: new ContractBreaches(o.contractChecks ? this.logger : undefined),
      middlewareErrors: [],
      dispatch: this.dispatch,
      compileQueue,
    };

    if (o.manage.enable) {
      const openApi =
        options.openApi ?? (() => ({ openapi: '3.0.3', info: { title: o.serviceName || 'ts-doudou', version: '0.0.0' }, paths: {} }));
      this.manageRoutes.push(
        ...mountManageRoutes(this.router, {
          credentials: { user: o.manage.user, pass: o.manage.pass },
          openApi,
          metrics: this.metrics,
          registry: options.registry,
          scrapeTargets: options.scrapeTargets,
          health: options.health,
          serviceName: o.serviceName,
          serviceVersion: o.serviceVersion,
        }),
      );
    }

    const app = this.koa;
    app.use(this.lifecycle.middleware);
    app.use(this.before.asMiddleware());
    app.use(this.router.routes());
    app.use(this.router.allowedMethods());
    this.builtInLayers = app.middleware.length;
  }

  /** Adds the routes of one service; the instance's methods named by operationId handle them. */
  mount(descriptor: ServiceDescriptor, instance: object): this {
    this.businessRoutes.push(...mountService(this.router, descriptor, instance, this.build));
    return this;
  }

  /** User middleware: 'before' (default) runs for every request before routing; 'after' only for
   *  matched business routes, just before the body is read and the handler called. */
  use(middleware: Middleware, options: { position?: UserMiddlewarePosition } = {}): this {
    (options.position === 'after' ? this.after : this.before).add(middleware);
    this.build.middlewareErrors.push(...middlewareErrors([middleware]));
    return this;
  }

  /** Registered routes for the start-up table: business routes first, then /go-doudou/*. */
  routes(): RouteInfo[] {
    return [...this.businessRoutes, ...this.manageRoutes].map((r) => ({ ...r }));
  }

  /**
   * Resolves once every mounted route's validator and serializer is compiled. Routes compile at their
   * first request or in the background after listen() (compile-queue.ts); this starts that now.
   */
  compiled(): Promise<void> {
    return this.build.compileQueue.drained();
  }

  /** Compiles every mounted route's validator and serializer now; resolves with those that cannot be. */
  precompile(): Promise<Array<{ what: string; message: string }>> {
    return this.build.compileQueue.precompile();
  }

  /** The node:http server once listening (e.g. to attach a WebSocket upgrade handler); undefined before. */
  get nodeServer(): http.Server | undefined {
    return this.server;
  }

  /**
   * A node:http request listener (for tests, benchmarks, or your own server): Koa's, with business routes
   * dispatched directly while no user middleware is in the way (route-dispatch.ts) — same lifecycle, same
   * route code, answered as Koa's respond() answers (direct-respond.ts).
   */
  callback(): http.RequestListener {
    const koa = this.koa;
    const chain = koa.callback();
    const handleRequest = (koa as unknown as KoaInternals).handleRequest.bind(koa);
    return (req, res) => {
      if (this.before.size !== 0 || this.after.size !== 0 || koa.middleware.length !== this.builtInLayers || koa.ctxStorage !== undefined)
        return chain(req, res);
      const ctx = koa.createContext(req, res);
      const hit = this.dispatch.find(req.method ?? '', ctx.path);
      if (hit === undefined) return chain(req, res);
      (ctx as Context & { params?: Readonly<Record<string, string>> }).params = hit.params;
      return answerDirectly(ctx, hit.handle, handleRequest);
    };
  }

  async listen(options: ListenOptions = {}): Promise<ListeningAddress> {
    if (this.server) throw new ConfigError('APP_STARTED', 'HttpServer.listen() called twice');
    if (this.closing) throw new ConfigError('APP_CLOSED', 'HttpServer.listen() after close(): a closed server does not start again');
    const t = this.options.timeouts;
    // Node requires headersTimeout <= requestTimeout when the latter is set
    const headersTimeout = t.readMs > 0 ? t.readMs : 60_000;
    const server = http.createServer(
      {
        requestTimeout: t.readMs,
        headersTimeout,
        // node:http looks for expired requests only this often (30 s by default): see read-timeout.ts
        connectionsCheckingInterval: readTimeoutCheckInterval(headersTimeout),
        keepAliveTimeout: t.idleMs,
        // counts body bytes for the access log without per-request wrapping of write/end
        ServerResponse: CountingServerResponse,
      },
      this.callback(),
    );
    server.setTimeout(t.writeMs);
    server.on('connection', (socket: Socket) => this.connections.track(socket));
    server.on('clientError', (err: Error, socket: Socket) => this.onClientError(err, socket));
    server.on('timeout', (socket: Socket) => this.onSocketTimeout(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.build.compileQueue.start();
    const a = server.address() as AddressInfo;
    // A wildcard bind is no address to open: on all interfaces, loopback answers too.
    const reachable = a.address === '0.0.0.0' ? '127.0.0.1' : a.address === '::' ? '::1' : a.address;
    const host = reachable.includes(':') ? `[${reachable}]` : reachable;
    return { address: a.address, port: a.port, url: `http://${host}:${a.port}` };
  }

  /**
   * Lame-duck shutdown (connection-drain.ts): stops accepting, serves requests on open connections with
   * `Connection: close` for drainMs, lets in-flight requests finish for up to graceMs, then destroys what
   * is left. Resolves once every connection is closed and every upload's temporary files are removed. Idempotent.
   */
  close(options: CloseOptions = {}): Promise<void> {
    if (this.closing) return this.closing;
    const server = this.server;
    const graceMs = options.graceMs ?? 15_000;
    const drainMs = options.drainMs ?? 5_000;
    this.closing = (async () => {
      if (server) await drainConnections(server, this.connections, { drainMs, graceMs });
      await this.uploads.removeAll(); // every response is over: no upload's temporary file may outlive the process
      this.accessLog.flush(); // the last requests' lines, before whoever awaits close() exits
    })();
    return this.closing;
  }

  /** One listener for node:http's client errors: read timeouts answered with 408, everything else as node:http would. */
  private onClientError(err: Error, socket: Socket): void {
    if (this.readTimeouts.answer(err, socket)) return;
    this.clientErrors.answer(err, socket);
  }

  /**
   * GDD_WRITE_TIMEOUT (socket inactivity while a request is open) or GDD_IDLE_TIMEOUT (between requests):
   * closed as node:http does without a listener, but an open request is recorded as `write-timeout`.
   */
  private onSocketTimeout(socket: Socket): void {
    if (inFlightResponse(socket) !== undefined) markConnectionCut(socket, 'write-timeout');
    socket.destroy();
  }
}
