/**
 * Every GDD_* variable ts-doudou reads, in one table that the loader executes and the README renders
 * (`renderConfigTable()`), so documentation and behaviour cannot drift. Names and defaults follow
 * go-doudou (docs/go-doudou-differences.md#configuration,
 * docs/go-doudou-differences.md#gossip-configuration) except where noted in the text.
 *
 * An empty value counts as unset (go-doudou checks IsNotEmpty), so `GDD_X=` gives the default.
 */
import { DATABASE_VARIABLES } from './database-variables';
import { GOSSIP_VARIABLES } from './gossip-variables';
import { HTTP_VARIABLES } from './http-variables';
import { TRACING_VARIABLES } from './tracing-variables';
import * as p from './parsers';
import type { AppMode, LogFormat } from './types';
import { v, type ConfigVariable } from './variable';

export type { ConfigVariable, VariableGroup } from './variable';

export const CONFIG_VARIABLES: readonly ConfigVariable[] = Object.freeze([
  // ── application ──
  v({
    name: 'GDD_ENV',
    group: 'app',
    default: 'dev',
    field: 'env',
    example: 'prod',
    parse: p.envName(),
    description:
      'Environment name; selects the configuration files (`app-<env>-local.yml`, `app-local.yml`, `app-<env>.yml`, `app.yml`, then `.env.<env>.local`, `.env.local`, `.env.<env>`, `.env`). Outside `dev` log lines carry service and hostname.',
    assign: (d, x) => {
      d.env = x;
    },
  }),
  v({
    name: 'GDD_MODE',
    group: 'app',
    default: 'mono',
    field: 'mode',
    example: 'micro',
    parse: p.oneOf<AppMode>(['mono', 'micro']),
    description: '`mono`: no gossip. `micro`: join the gossip cluster and register the service (needs GDD_SERVICE_NAME).',
    assign: (d, x) => {
      d.mode = x;
    },
  }),
  v({
    name: 'GDD_SERVICE_NAME',
    group: 'app',
    default: '',
    field: 'service.name',
    example: 'usersvc',
    parse: p.text(),
    description: 'Service name, registered as `<name>_rest` in the cluster; required when GDD_MODE=micro.',
    assign: (d, x) => {
      d.service.name = x;
    },
  }),
  v({
    name: 'GDD_SERVICE_VERSION',
    group: 'app',
    default: '',
    field: 'service.version',
    example: '1.2.0',
    parse: p.text(),
    description: 'Service version, published in node metadata and /go-doudou/health.',
    assign: (d, x) => {
      d.service.version = x;
    },
  }),
  v({
    name: 'GDD_SERVICE_GROUP',
    group: 'app',
    default: '',
    field: 'service.group',
    example: 'blue',
    parse: p.text(),
    description: 'Service group, published in node metadata.',
    assign: (d, x) => {
      d.service.group = x;
    },
  }),
  v({
    name: 'GDD_BANNER',
    group: 'app',
    default: 'true',
    field: 'banner.enable',
    example: 'off',
    parse: p.bool(),
    description: 'Print the ASCII-art banner at start-up.',
    assign: (d, x) => {
      d.banner.enable = x;
    },
  }),
  v({
    name: 'GDD_BANNER_TEXT',
    group: 'app',
    default: 'go-doudou',
    field: 'banner.text',
    example: 'usersvc',
    parse: p.text(),
    description: 'Banner text.',
    assign: (d, x) => {
      d.banner.text = x;
    },
  }),
  // ── HTTP server and built-in endpoints: http-variables.ts ──
  ...HTTP_VARIABLES,
  // ── logging ──
  v({
    name: 'GDD_LOG_LEVEL',
    group: 'log',
    default: 'info',
    field: 'log.level',
    example: 'debug',
    parse: p.logLevel(),
    description: 'panic, fatal, error, warn, info, debug or trace (logrus names; panic/fatal → error, trace → silly in winston).',
    assign: (d, x) => {
      d.log.level = x;
    },
  }),
  v({
    name: 'GDD_LOG_FORMAT',
    group: 'log',
    default: 'text',
    field: 'log.format',
    example: 'json',
    parse: p.oneOf<LogFormat>(['text', 'json']),
    description: '`text` (timestamp level message key=value) or `json` (one object per line).',
    assign: (d, x) => {
      d.log.format = x;
    },
  }),
  v({
    name: 'GDD_LOG_REQ_ENABLE',
    group: 'log',
    default: 'false',
    field: 'log.reqEnable',
    example: 'true',
    parse: p.bool(),
    description:
      'With GDD_LOG_LEVEL=debug: one debug line per request with request and response headers (Authorization, Cookie redacted), bodies (up to 1000 characters; streams are not buffered) and duration.',
    assign: (d, x) => {
      d.log.reqEnable = x;
    },
  }),
  v({
    name: 'GDD_LOG_PATH',
    group: 'log',
    default: '',
    field: 'log.path',
    example: '/var/log/usersvc',
    parse: p.text(),
    description:
      "Directory; when set, logs are also written to `<path>/app.log`, rotated by size and age (lumberjack-style, as go-doudou's examples set it up).",
    assign: (d, x) => {
      d.log.path = x;
    },
  }),
  v({
    name: 'GDD_LOG_MAX_SIZE',
    group: 'log',
    default: '5mb',
    field: 'log.maxSizeBytes',
    example: '20mb',
    parse: p.size(),
    description: "Rotate `app.log` once it reaches this size (lumberjack MaxSize 5 MB in go-doudou's examples). New in ts-doudou.",
    assign: (d, x) => {
      d.log.maxSizeBytes = x;
    },
  }),
  v({
    name: 'GDD_LOG_MAX_BACKUPS',
    group: 'log',
    default: '10',
    field: 'log.maxBackups',
    example: '3',
    parse: p.count(0),
    description: 'Rotated log files kept; older ones are deleted (0 = no count limit). New in ts-doudou.',
    assign: (d, x) => {
      d.log.maxBackups = x;
    },
  }),
  v({
    name: 'GDD_LOG_MAX_AGE',
    group: 'log',
    default: '168h',
    field: 'log.maxAgeMs',
    example: '720h',
    parse: p.duration({ bareInteger: 'none' }),
    description: 'Rotated log files older than this are deleted (lumberjack MaxAge 7 days; 0 = no age limit). New in ts-doudou.',
    assign: (d, x) => {
      d.log.maxAgeMs = x;
    },
  }),
  v({
    name: 'GDD_LOG_COMPRESS',
    group: 'log',
    default: 'true',
    field: 'log.compress',
    example: 'false',
    parse: p.bool(),
    description: 'gzip rotated log files. New in ts-doudou.',
    assign: (d, x) => {
      d.log.compress = x;
    },
  }),
  // ── clients ──
  v({
    name: 'GDD_RETRY_COUNT',
    group: 'client',
    default: '0',
    field: 'client.retryCount',
    example: '3',
    parse: p.count(0),
    description:
      "Retries of a failed call in injected typed clients; 0 keeps the default policy's 3 retries (go-doudou's client proxy also retried 3 times).",
    assign: (d, x) => {
      d.client.retryCount = x;
    },
  }),
  // ── tracing (Jaeger): tracing-variables.ts ──
  ...TRACING_VARIABLES,
  // ── gossip (memberlist): gossip-variables.ts ──
  ...GOSSIP_VARIABLES,
  // ── database (lib/data: Database.fromConfig(), doudou ddl / svc crud): database-variables.ts ──
  ...DATABASE_VARIABLES,
]);

/**
 * go-doudou variables deliberately not supported (a warning names them when set):
 * discovery backends other than memberlist, remote config, gRPC, cache and logging knobs without a Node
 * equivalent. GDD_SERVICE_DISCOVERY_MODE is replaced by GDD_MODE=micro. GDD_DB_* names outside the table
 * are reported as unknown rather than ignored: they are more likely typos of supported ones.
 */
export const IGNORED_VARIABLE_PATTERNS: readonly RegExp[] = Object.freeze([
  /^GDD_SERVICE_DISCOVERY_MODE$/,
  /^GDD_NACOS_/,
  /^GDD_CONFIG_REMOTE_TYPE$/,
  /^GDD_APOLLO_/,
  /^GDD_ETCD_/,
  /^GDD_ZK_/,
  /^GDD_GRPC_PORT$/,
  /^GDD_APP_TYPE$/,
  /^GDD_REGISTER_HOST$/,
  /^GDD_CACHE_/,
  /^GDD_SQL_LOG_ENABLE$/,
  /^GDD_LOG_CALLER$/,
  /^GDD_LOG_DISCARD$/,
  /^GDD_LOG_STYLE$/,
  /^GDD_FALLBACK_CONTENTTYPE$/,
  /^GDD_ROUTER_SAVEMATCHEDROUTEPATH$/,
  /^GDD_STATS_FREQ$/,
]);

const BY_NAME = new Map(CONFIG_VARIABLES.map((variable) => [variable.name, variable]));

export function findVariable(name: string): ConfigVariable | undefined {
  return BY_NAME.get(name);
}
