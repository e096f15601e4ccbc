/**
 * Options of HttpServer, one object with documented defaults; the GDD_* variable each mirrors is named
 * so lib/config can map the environment onto it one to one.
 */
import type { CorsOptions } from './cors-options';
import type { Middleware } from 'koa';
import type { Registry } from 'prom-client';
import type { Logger } from 'winston';
import type { HealthReport } from '../lifecycle';
import type { Tracing } from '../observability/tracing';
import { ConfigError } from '../errors';
import { parseByteSize } from './byte-size';
import type { ScrapeTargetProvider } from './manage/prometheus-sd';
import type { RegistryProvider } from './manage/registry-page';

export interface HttpServerOptions {
  /** Where access lines, errors and warnings go. Default: winston Console logger at level info. */
  logger?: Logger;
  /** GDD_SERVICE_NAME: label of go_doudou_app_info, title of the doc and registry pages. Default ''. */
  serviceName?: string;
  /** GDD_SERVICE_VERSION: shown by /go-doudou/health. Default ''. */
  serviceVersion?: string;
  /** GDD_ROUTE_ROOT_PATH: prefix of business routes only (never of /go-doudou/*). Default ''. */
  rootPath?: string;
  /** GDD_MANAGE_ENABLE / GDD_MANAGE_USER / GDD_MANAGE_PASS. Default { enable: true, user: '', pass: '' };
   *  an empty user AND pass means no basic auth. */
  manage?: { enable?: boolean; user?: string; pass?: string };
  /** Body limits: JSON '1mb', urlencoded '1mb' (also multipart non-file fields), each uploaded file 32 MiB
   *  (go-doudou's multipart limit). Sizes as bytes or '512kb'/'1mb'. */
  bodyLimit?: { json?: string | number; form?: string | number; multipartFileSize?: string | number };
  /** GDD_READ_TIMEOUT (15s) → requestTimeout and headersTimeout; GDD_WRITE_TIMEOUT (15s) → socket
   *  inactivity timeout while a request is open; GDD_IDLE_TIMEOUT (60s) → keepAliveTimeout. */
  timeouts?: { readMs?: number; writeMs?: number; idleMs?: number };
  /** Provider of the OpenAPI document for /go-doudou/openapi.json and /go-doudou/doc. Default: `{}`-ish stub. */
  openApi?: () => object;
  /** Registry view for /go-doudou/registry; without it that endpoint answers 404. */
  registry?: RegistryProvider;
  /** Scrape targets for /go-doudou/prometheus/sd (Prometheus HTTP SD); without it that endpoint answers 404. */
  scrapeTargets?: ScrapeTargetProvider;
  /** GET /go-doudou/health's answer (503 when down). Default: always `{ status: 'up' }`. */
  health?: () => Promise<HealthReport>;
  /** prom-client registry for go_doudou_* and process metrics. Default: a new Registry per server. */
  metricsRegistry?: Registry;
  /** GDD_LOG_REQ_ENABLE: add the parsed request body to access-log lines. Default false. */
  logRequestBodies?: boolean;
  /** Warn (once per route and kind) when a handler strays from its descriptor: a value from a route without
   *  `returns`, an error status it does not declare, a download of an undeclared media type. The App turns
   *  this on when GDD_ENV=dev. Default false. */
  contractChecks?: boolean;
  /** CORS for business routes (@koa/cors options); false switches it off. Default {} (@koa/cors defaults:
   *  any origin `*`, no credentials).
   *  /go-doudou/openapi.json is always open to any origin; other /go-doudou/* get no CORS headers. */
  cors?: CorsOptions | false;
  /** gzip/deflate/br responses above 1 KiB for compressible types (koa-compress). Default true. */
  gzip?: boolean;
  /** Trust X-Forwarded-For/-Proto/-Host (Koa `proxy`). Default true (go-doudou's ProxyHeaders). */
  trustProxy?: boolean;
  /** Jaeger tracing (`Tracing.fromConfig(config)`): a server span per request. Default: none. */
  tracing?: Tracing;
  /** Where uploads wait while their request is handled: one `gdd-upload-*` directory per request, removed
   *  when the response is over. Default os.tmpdir() (so TMPDIR). */
  uploadDir?: string;
}

export interface ResolvedHttpServerOptions {
  serviceName: string;
  serviceVersion: string;
  rootPath: string;
  manage: { enable: boolean; user: string; pass: string };
  bodyLimit: { json: number; form: number; multipartFileSize: number };
  timeouts: { readMs: number; writeMs: number; idleMs: number };
  logRequestBodies: boolean;
  contractChecks: boolean;
  cors: CorsOptions | false;
  gzip: boolean;
  trustProxy: boolean;
  uploadDir: string | undefined;
}

export const HTTP_SERVER_DEFAULTS: ResolvedHttpServerOptions = Object.freeze({
  serviceName: '',
  serviceVersion: '',
  rootPath: '',
  manage: { enable: true, user: '', pass: '' },
  bodyLimit: { json: 1024 * 1024, form: 1024 * 1024, multipartFileSize: 32 * 1024 * 1024 },
  timeouts: { readMs: 15_000, writeMs: 15_000, idleMs: 60_000 },
  logRequestBodies: false,
  contractChecks: false,
  cors: {},
  gzip: true,
  trustProxy: true,
  uploadDir: undefined,
});

function nonNegativeMs(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new ConfigError('INVALID_TIMEOUT', `${name}: ${value} is not a duration in ms`);
  return value;
}

export function resolveHttpServerOptions(o: HttpServerOptions): ResolvedHttpServerOptions {
  const d = HTTP_SERVER_DEFAULTS;
  return {
    serviceName: o.serviceName ?? d.serviceName,
    serviceVersion: o.serviceVersion ?? d.serviceVersion,
    rootPath: o.rootPath ?? d.rootPath,
    manage: { enable: o.manage?.enable ?? d.manage.enable, user: o.manage?.user ?? d.manage.user, pass: o.manage?.pass ?? d.manage.pass },
    bodyLimit: {
      json: parseByteSize(o.bodyLimit?.json ?? d.bodyLimit.json, 'bodyLimit.json'),
      form: parseByteSize(o.bodyLimit?.form ?? d.bodyLimit.form, 'bodyLimit.form'),
      multipartFileSize: parseByteSize(o.bodyLimit?.multipartFileSize ?? d.bodyLimit.multipartFileSize, 'bodyLimit.multipartFileSize'),
    },
    timeouts: {
      readMs: nonNegativeMs(o.timeouts?.readMs, d.timeouts.readMs, 'timeouts.readMs'),
      writeMs: nonNegativeMs(o.timeouts?.writeMs, d.timeouts.writeMs, 'timeouts.writeMs'),
      idleMs: nonNegativeMs(o.timeouts?.idleMs, d.timeouts.idleMs, 'timeouts.idleMs'),
    },
    logRequestBodies: o.logRequestBodies ?? d.logRequestBodies,
    contractChecks: o.contractChecks ?? d.contractChecks,
    cors: o.cors ?? d.cors,
    gzip: o.gzip ?? d.gzip,
    trustProxy: o.trustProxy ?? d.trustProxy,
    uploadDir: o.uploadDir ?? d.uploadDir,
  };
}

export type UserMiddlewarePosition = 'before' | 'after';
export type { Middleware };
