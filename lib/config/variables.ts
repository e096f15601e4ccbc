/**
 * Every GDD_* variable ts-doudou reads, in one table that the loader executes and the README renders
 * (`renderConfigTable()`), so documentation and behaviour cannot drift. Names and defaults follow
 * go-doudou (docs/go-doudou-differences.md#configuration,
 * docs/go-doudou-differences.md#gossip-configuration) except where noted in the text.
 *
 * An empty value counts as unset (go-doudou checks IsNotEmpty), so `GDD_X=` gives the default.
 */
import { GOSSIP_VARIABLES } from './gossip-variables';
import * as p from './parsers';
import type { AppMode, JaegerSamplerType, LogFormat } from './types';
import { v, type ConfigVariable } from './variable';

export type { ConfigVariable, VariableGroup } from './variable';

const count = (min: number) => p.int({ min, max: Number.POSITIVE_INFINITY });

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
      'Environment name; selects the .env files (`.env.<env>.local`, `.env.local`, `.env.<env>`, `.env`). Outside `dev` log lines carry service and hostname.',
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
  // ── HTTP server ──
  v({
    name: 'GDD_HOST',
    group: 'http',
    default: '',
    field: 'http.host',
    example: '127.0.0.1',
    parse: p.text(),
    description: 'Address the HTTP server listens on; empty = all interfaces.',
    assign: (d, x) => {
      d.http.host = x;
    },
  }),
  v({
    name: 'GDD_PORT',
    group: 'http',
    default: '6060',
    field: 'http.port',
    example: '8080',
    parse: p.int({ min: 0, max: 65535, what: 'port' }),
    description: 'HTTP port (0 picks a free one).',
    assign: (d, x) => {
      d.http.port = x;
    },
  }),
  v({
    name: 'GDD_ROUTE_ROOT_PATH',
    group: 'http',
    default: '',
    field: 'http.routeRootPath',
    example: '/api',
    parse: p.routeRootPath(),
    description: 'Prefix for every business route (not for /go-doudou/*), e.g. `/api/v1`.',
    assign: (d, x) => {
      d.http.routeRootPath = x;
    },
  }),
  v({
    name: 'GDD_READ_TIMEOUT',
    group: 'http',
    default: '15s',
    field: 'http.readTimeoutMs',
    example: '20s',
    parse: p.duration({ bareInteger: 'none' }),
    description:
      'Longest time to receive one request, headers and body, counted from its first byte (from the accept for the first request of a connection). Past it the client gets 408 REQUEST_TIMEOUT within a second and the connection is closed. 0 = no limit on the body; headers then still get 60s.',
    assign: (d, x) => {
      d.http.readTimeoutMs = x;
    },
  }),
  v({
    name: 'GDD_WRITE_TIMEOUT',
    group: 'http',
    default: '15s',
    field: 'http.writeTimeoutMs',
    example: '20s',
    parse: p.duration({ bareInteger: 'none' }),
    description:
      'Longest silence of a connection while a request is open: nothing received and nothing sent (a handler that writes nothing for this long, a client that stops reading its answer). The connection is then closed, recorded as `write-timeout`. Not a bound on the total response time; 0 = none.',
    assign: (d, x) => {
      d.http.writeTimeoutMs = x;
    },
  }),
  v({
    name: 'GDD_IDLE_TIMEOUT',
    group: 'http',
    default: '60s',
    field: 'http.idleTimeoutMs',
    example: '2m',
    parse: p.duration({ bareInteger: 'none' }),
    description: 'How long a keep-alive connection may wait for its next request before it is closed; 0 = no limit.',
    assign: (d, x) => {
      d.http.idleTimeoutMs = x;
    },
  }),
  v({
    name: 'GDD_GRACE_TIMEOUT',
    group: 'http',
    default: '15s',
    field: 'http.graceTimeoutMs',
    example: '30s',
    parse: p.duration({ bareInteger: 'none' }),
    description:
      'On SIGTERM/SIGINT, once the node has left the gossip cluster: the longest the HTTP shutdown may take. Requests in flight finish; whatever is still open at the end is closed (recorded as `shutdown`), then the process exits 0.',
    assign: (d, x) => {
      d.http.graceTimeoutMs = x;
    },
  }),
  v({
    name: 'GDD_DRAIN_WINDOW',
    group: 'http',
    default: '5s',
    field: 'http.drainWindowMs',
    example: '2s',
    parse: p.duration({ bareInteger: 'none' }),
    description:
      'Lame-duck drain at shutdown, inside GDD_GRACE_TIMEOUT: new connections are refused, but for this long requests on open keep-alive connections are still answered, with `Connection: close`, and each connection is closed after its response; idle connections left at the end are closed. Ends early when no connection is left. Not in go-doudou.',
    assign: (d, x) => {
      d.http.drainWindowMs = x;
    },
  }),
  v({
    name: 'GDD_BODY_LIMIT',
    group: 'http',
    default: '1mb',
    field: 'http.bodyLimitBytes',
    example: '10mb',
    parse: p.size(),
    description: 'Largest accepted request body (bytes, or with b/kb/mb/gb). Not in go-doudou.',
    assign: (d, x) => {
      d.http.bodyLimitBytes = x;
    },
  }),
  v({
    name: 'GDD_ENABLE_RESPONSE_GZIP',
    group: 'http',
    default: 'true',
    field: 'http.enableResponseGzip',
    example: 'false',
    parse: p.bool(),
    description: 'Compress responses when the client accepts gzip.',
    assign: (d, x) => {
      d.http.enableResponseGzip = x;
    },
  }),
  // ── built-in endpoints ──
  v({
    name: 'GDD_MANAGE_ENABLE',
    group: 'manage',
    default: 'true',
    field: 'manage.enable',
    example: 'false',
    parse: p.bool(),
    description: 'Serve /go-doudou/* (openapi.json, doc, registry, prometheus, health).',
    assign: (d, x) => {
      d.manage.enable = x;
    },
  }),
  v({
    name: 'GDD_MANAGE_USER',
    group: 'manage',
    default: '',
    field: 'manage.user',
    example: 'admin',
    parse: p.text(),
    description:
      'Basic-auth user for /go-doudou/*. User and password empty = no auth (warned outside dev). go-doudou defaults to admin/admin.',
    assign: (d, x) => {
      d.manage.user = x;
    },
  }),
  v({
    name: 'GDD_MANAGE_PASS',
    group: 'manage',
    default: '',
    field: 'manage.pass',
    example: 's3cret',
    secret: true,
    parse: p.text({ trim: false }),
    description: 'Basic-auth password for /go-doudou/*. Secret: shown as `***` in errors and logs.',
    assign: (d, x) => {
      d.manage.pass = x;
    },
  }),
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
    parse: count(0),
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
    parse: count(0),
    description:
      "Retries of a failed call in injected typed clients; 0 keeps the default policy's 3 retries (go-doudou's client proxy also retried 3 times).",
    assign: (d, x) => {
      d.client.retryCount = x;
    },
  }),
  // ── tracing (Jaeger): the standard JAEGER_* names, read by jaeger-client and go-doudou's Go tracer alike ──
  v({
    name: 'JAEGER_DISABLED',
    group: 'tracing',
    default: 'auto',
    field: 'tracing.disabled',
    example: 'false',
    parse: p.boolOrAuto(),
    description:
      '`true`: no tracing. `false`: trace (to localhost:6832 unless an agent or endpoint is set). Unset: trace when JAEGER_AGENT_HOST, JAEGER_AGENT_PORT or JAEGER_ENDPOINT is set (a go-doudou .env sets the agent), otherwise off at no cost.',
    assign: (d, x) => {
      d.tracing.disabled = x;
    },
  }),
  v({
    name: 'JAEGER_SERVICE_NAME',
    group: 'tracing',
    default: '',
    defaultText: 'GDD_SERVICE_NAME',
    field: 'tracing.serviceName',
    example: 'usersvc-eu',
    parse: p.text(),
    description: 'Service name on the spans.',
    assign: (d, x) => {
      d.tracing.serviceName = x;
    },
  }),
  v({
    name: 'JAEGER_AGENT_HOST',
    group: 'tracing',
    default: '',
    defaultText: 'localhost',
    field: 'tracing.agentHost',
    example: '127.0.0.1',
    parse: p.optionalHost(),
    description: 'Jaeger agent receiving spans over UDP.',
    assign: (d, x) => {
      d.tracing.agentHost = x;
    },
  }),
  v({
    name: 'JAEGER_AGENT_PORT',
    group: 'tracing',
    default: '',
    defaultText: '6832',
    field: 'tracing.agentPort',
    example: '16832',
    parse: p.optionalInt({ min: 1, max: 65_535, what: 'port' }),
    description:
      "The agent's UDP port for **binary** Thrift (6832). Not 6831: that port takes compact Thrift, which Go clients send; jaeger-client's binary packets are dropped there.",
    assign: (d, x) => {
      d.tracing.agentPort = x ?? 0;
    },
  }),
  v({
    name: 'JAEGER_ENDPOINT',
    group: 'tracing',
    default: '',
    field: 'tracing.endpoint',
    example: 'http://jaeger:14268/api/traces',
    parse: p.text(),
    description: "A collector's HTTP endpoint; when set, spans go there instead of to the agent.",
    assign: (d, x) => {
      d.tracing.endpoint = x;
    },
  }),
  v({
    name: 'JAEGER_USER',
    group: 'tracing',
    default: '',
    field: 'tracing.user',
    example: 'tracer',
    parse: p.text(),
    description: 'Basic-auth user for JAEGER_ENDPOINT.',
    assign: (d, x) => {
      d.tracing.user = x;
    },
  }),
  v({
    name: 'JAEGER_PASSWORD',
    group: 'tracing',
    default: '',
    field: 'tracing.password',
    example: 's3cret',
    secret: true,
    parse: p.text({ trim: false }),
    description: 'Basic-auth password for JAEGER_ENDPOINT (masked wherever the config is shown).',
    assign: (d, x) => {
      d.tracing.password = x;
    },
  }),
  v({
    name: 'JAEGER_SAMPLER_TYPE',
    group: 'tracing',
    default: 'const',
    field: 'tracing.samplerType',
    example: 'probabilistic',
    parse: p.oneOf<JaegerSamplerType>(['const', 'probabilistic', 'ratelimiting', 'remote']),
    description:
      '`const` (param 1 = every trace, 0 = none), `probabilistic` (param = probability), `ratelimiting` (param = traces per second) or `remote` (asks the agent on port 5778; param = initial probability).',
    assign: (d, x) => {
      d.tracing.samplerType = x;
    },
  }),
  v({
    name: 'JAEGER_SAMPLER_PARAM',
    group: 'tracing',
    default: '1',
    field: 'tracing.samplerParam',
    example: '0.1',
    parse: p.number({ min: 0 }),
    description: "The sampler's parameter; go-doudou samples everything (const 1).",
    assign: (d, x) => {
      d.tracing.samplerParam = x;
    },
  }),
  v({
    name: 'JAEGER_TAGS',
    group: 'tracing',
    default: '',
    field: 'tracing.tags',
    example: 'region=eu,team=billing',
    parse: p.tagList(),
    description: 'Process tags on every span: `key=value,key2=value2`.',
    assign: (d, x) => {
      d.tracing.tags = x;
    },
  }),
  v({
    name: 'JAEGER_REPORTER_FLUSH_INTERVAL',
    group: 'tracing',
    default: '1s',
    field: 'tracing.flushIntervalMs',
    example: '200ms',
    parse: p.duration({ bareInteger: 'milliseconds', positive: true }),
    description: 'How often buffered spans are sent (they are also flushed on graceful shutdown).',
    assign: (d, x) => {
      d.tracing.flushIntervalMs = x;
    },
  }),
  v({
    name: 'GDD_TRACING_METRICS_ROOT',
    group: 'tracing',
    default: 'tracing',
    field: 'tracing.metricsRoot',
    example: 'usersvc',
    parse: p.text(),
    description:
      "Prefix of the tracer's own metrics on /go-doudou/prometheus (`tracing_jaeger_started_spans_total`, `tracing_jaeger_reporter_spans_total`, …).",
    assign: (d, x) => {
      d.tracing.metricsRoot = x;
    },
  }),
  // ── gossip (memberlist): gossip-variables.ts ──
  ...GOSSIP_VARIABLES,
  // ── database (lib/data: Database.fromConfig(), doudou ddl / svc crud) ──
  v({
    name: 'GDD_DB_DRIVER',
    group: 'db',
    default: '',
    field: 'db.driver',
    example: 'postgres',
    parse: p.dbDriver(),
    description:
      '`mysql` (MySQL or MariaDB; `mariadb` is the same), `postgres`, or empty for no database. The driver package (`mysql2`, `pg`) is installed by the application.',
    assign: (d, x) => {
      d.db.driver = x;
    },
  }),
  v({
    name: 'GDD_DB_HOST',
    group: 'db',
    default: 'localhost',
    field: 'db.host',
    example: 'db.internal',
    parse: p.text(),
    description: 'Database server host.',
    assign: (d, x) => {
      d.db.host = x;
    },
  }),
  v({
    name: 'GDD_DB_PORT',
    group: 'db',
    default: '0',
    defaultText: '0 (3306 or 5432)',
    field: 'db.port',
    example: '3307',
    parse: p.int({ min: 0, max: 65535, what: 'port' }),
    description: "Database server port; 0 is the driver's default.",
    assign: (d, x) => {
      d.db.port = x;
    },
  }),
  v({
    name: 'GDD_DB_USER',
    group: 'db',
    default: '',
    field: 'db.user',
    example: 'app',
    parse: p.text(),
    description: "User to connect as; empty is the driver's default (PostgreSQL: the OS user).",
    assign: (d, x) => {
      d.db.user = x;
    },
  }),
  v({
    name: 'GDD_DB_PASSWD',
    group: 'db',
    default: '',
    secret: true,
    field: 'db.password',
    example: 's3cret',
    parse: p.text({ trim: false }),
    description: 'Password of GDD_DB_USER (masked wherever the config is shown).',
    assign: (d, x) => {
      d.db.password = x;
    },
  }),
  v({
    name: 'GDD_DB_SCHEMA',
    group: 'db',
    default: '',
    field: 'db.schema',
    example: 'shop',
    parse: p.text(),
    description: 'Where the tables live: the database on MySQL/MariaDB (required there), the schema on PostgreSQL (empty = `public`).',
    assign: (d, x) => {
      d.db.schema = x;
    },
  }),
  v({
    name: 'GDD_DB_NAME',
    group: 'db',
    default: '',
    field: 'db.database',
    example: 'shop',
    parse: p.text(),
    description: 'PostgreSQL only: the database to connect to (empty = the user name, as libpq does). New in ts-doudou.',
    assign: (d, x) => {
      d.db.database = x;
    },
  }),
  v({
    name: 'GDD_DB_CHARSET',
    group: 'db',
    default: 'utf8mb4',
    field: 'db.charset',
    example: 'utf8',
    parse: p.text(),
    description: 'MySQL/MariaDB: character set of the connection and of tables `ddl sync` creates.',
    assign: (d, x) => {
      d.db.charset = x;
    },
  }),
  v({
    name: 'GDD_DB_POOL_MAXOPENCONNS',
    group: 'db',
    default: '10',
    field: 'db.pool.maxOpen',
    example: '20',
    parse: count(1),
    description:
      'Most connections the pool opens; further queries wait for a free one. go-doudou defaults to unlimited (-1); a pool needs a bound.',
    assign: (d, x) => {
      d.db.pool.maxOpen = x;
    },
  }),
  v({
    name: 'GDD_DB_POOL_CONNMAXIDLETIME',
    group: 'db',
    default: '60s',
    field: 'db.pool.maxIdleTimeMs',
    example: '5m',
    parse: p.duration({ bareInteger: 'none', positive: true }),
    description: 'An idle pooled connection is closed after this long.',
    assign: (d, x) => {
      d.db.pool.maxIdleTimeMs = x;
    },
  }),
  v({
    name: 'GDD_DB_CONNECT_TIMEOUT',
    group: 'db',
    default: '10s',
    field: 'db.connectTimeoutMs',
    example: '3s',
    parse: p.duration({ bareInteger: 'none', positive: true }),
    description: 'How long opening one connection may take before the query (or the health check) fails. New in ts-doudou.',
    assign: (d, x) => {
      d.db.connectTimeoutMs = x;
    },
  }),
  v({
    name: 'GDD_DB_LOG_SLOWTHRESHOLD',
    group: 'db',
    default: '200ms',
    field: 'db.slowThresholdMs',
    example: '1s',
    parse: p.duration({ bareInteger: 'none' }),
    description: 'Queries slower than this are logged as warnings with their SQL (never their parameters); 0 turns it off.',
    assign: (d, x) => {
      d.db.slowThresholdMs = x;
    },
  }),
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
