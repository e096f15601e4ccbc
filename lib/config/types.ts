/**
 * The one typed configuration object. Built by `loadConfig()` from GDD_* variables (real environment,
 * then app.yml and .env files) and `new App()` options; deeply frozen. Every field comes from exactly one row of
 * the variable table in `variables.ts` (durations end in `Ms`, sizes in `Bytes`).
 */
import type { JsonCase } from '../decorators/json-case';
import type { AddrEncoding, GossipProfile } from './gossip-options';

/** winston level names; go-doudou's logrus names (panic, fatal, warning, trace) are mapped onto these. */
export type LogLevel = 'error' | 'warn' | 'info' | 'http' | 'verbose' | 'debug' | 'silly';
export type LogFormat = 'text' | 'json';
/** `mono`: one process serves everything, no gossip. `micro`: the node joins the gossip cluster. */
export type AppMode = 'mono' | 'micro';

export interface ServiceConfig {
  /** GDD_SERVICE_NAME — required in micro mode (registry and tracing). */
  readonly name: string;
  /** GDD_SERVICE_VERSION */
  readonly version: string;
  /** GDD_SERVICE_GROUP */
  readonly group: string;
}

export interface HttpConfig {
  /** GDD_HOST — '' listens on all interfaces. */
  readonly host: string;
  /** GDD_PORT — 0 picks a free port. */
  readonly port: number;
  /** GDD_ROUTE_ROOT_PATH normalised: '' or '/a/b' (leading slash, no trailing slash). */
  readonly routeRootPath: string;
  readonly readTimeoutMs: number;
  readonly writeTimeoutMs: number;
  readonly idleTimeoutMs: number;
  /** GDD_GRACE_TIMEOUT — how long in-flight requests may finish on shutdown. */
  readonly graceTimeoutMs: number;
  /** GDD_DRAIN_WINDOW — how long open keep-alive connections are still served (with Connection: close) on shutdown. */
  readonly drainWindowMs: number;
  /** GDD_BODY_LIMIT — largest accepted request body. */
  readonly bodyLimitBytes: number;
  /** GDD_ENABLE_RESPONSE_GZIP */
  readonly enableResponseGzip: boolean;
  /** GDD_JSON_CASE — wire names of DTO properties for services that do not set `jsonCase` themselves. */
  readonly jsonCase: JsonCase;
}

export interface ManageConfig {
  /** GDD_MANAGE_ENABLE — the /go-doudou/* endpoints. */
  readonly enable: boolean;
  /** GDD_MANAGE_USER / GDD_MANAGE_PASS — both empty means no basic auth. */
  readonly user: string;
  readonly pass: string;
}

export interface LogConfig {
  readonly level: LogLevel;
  readonly format: LogFormat;
  /** GDD_LOG_REQ_ENABLE — log request and response bodies. */
  readonly reqEnable: boolean;
  /** GDD_LOG_PATH — when set, also write `<path>/app.log`, rotated. */
  readonly path: string;
  /** GDD_LOG_MAX_SIZE — rotate the file once it is this large. */
  readonly maxSizeBytes: number;
  /** GDD_LOG_MAX_BACKUPS — rotated files kept (0 = no count limit). */
  readonly maxBackups: number;
  /** GDD_LOG_MAX_AGE — rotated files older than this are deleted (0 = no age limit). */
  readonly maxAgeMs: number;
  /** GDD_LOG_COMPRESS — gzip rotated files. */
  readonly compress: boolean;
}

export interface BannerConfig {
  readonly enable: boolean;
  readonly text: string;
}

export interface ClientConfig {
  /** GDD_RETRY_COUNT — HTTP retries in generated clients. */
  readonly retryCount: number;
}

export type JaegerSamplerType = 'const' | 'probabilistic' | 'ratelimiting' | 'remote';

/** Jaeger tracing (JAEGER_* as jaeger-client and go-doudou's Go tracer read them, plus GDD_TRACING_METRICS_ROOT). */
export interface TracingConfig {
  /** JAEGER_DISABLED: true/false, or 'auto' (unset) — on when an agent host/port or a collector endpoint is set. */
  readonly disabled: boolean | 'auto';
  /** JAEGER_SERVICE_NAME; '' means GDD_SERVICE_NAME. */
  readonly serviceName: string;
  /** JAEGER_AGENT_HOST / JAEGER_AGENT_PORT — where spans go over UDP ('' / 0: jaeger-client's localhost:6832). */
  readonly agentHost: string;
  readonly agentPort: number;
  /** JAEGER_ENDPOINT — a collector's HTTP endpoint (http://host:14268/api/traces); wins over the agent. */
  readonly endpoint: string;
  /** JAEGER_USER / JAEGER_PASSWORD — basic auth for the collector endpoint. */
  readonly user: string;
  readonly password: string;
  readonly samplerType: JaegerSamplerType;
  /** JAEGER_SAMPLER_PARAM: const 1/0, a probability, traces per second, or remote's initial probability. */
  readonly samplerParam: number;
  /** JAEGER_TAGS — process tags on every span. */
  readonly tags: Readonly<Record<string, string>>;
  /** JAEGER_REPORTER_FLUSH_INTERVAL — how often buffered spans are sent. */
  readonly flushIntervalMs: number;
  /** GDD_TRACING_METRICS_ROOT — prefix of the tracer's own Prometheus metrics. */
  readonly metricsRoot: string;
}

/** memberlist's delegate protocol versions, sent in every alive message (docs/gossip-wire-format.md#versions-and-metadata). */
export interface DelegateVersion {
  readonly min: number;
  readonly max: number;
  readonly cur: number;
}

/**
 * Gossip (memberlist) settings. The gossip fields are named exactly as the GossipNode options they become
 * (lib/discovery/node-options.ts) and take their defaults and rules from the one gossip options table
 * (lib/config/gossip-options.ts); the timings default from `profile` (docs/go-doudou-differences.md#gossip-configuration).
 */
export interface MemConfig {
  /** GDD_MEM_PROFILE — where the timings default from. */
  readonly profile: GossipProfile;
  /** GDD_MEM_SEED as `host:port` (port 7946 added when missing; IPv6 as `[addr]:port`). Empty: new cluster. */
  readonly seeds: readonly string[];
  /** GDD_MEM_NAME, default the hostname. */
  readonly name: string;
  /** GDD_MEM_HOST advertise address ('' = let the gossip driver pick a private IP). A leading '.' is already expanded. */
  readonly advertiseAddr: string;
  /** GDD_MEM_PORT — UDP and TCP, bind and advertise. */
  readonly bindPort: number;
  /** GDD_MEM_BIND_ADDR */
  readonly bindAddr: string;
  /** GDD_MEM_DEAD_TIMEOUT → GossipToTheDeadTime */
  readonly deadTimeoutMs: number;
  /** GDD_MEM_SYNC_INTERVAL → PushPullInterval */
  readonly pushPullIntervalMs: number;
  /** GDD_MEM_RECLAIM_TIMEOUT → DeadNodeReclaimTime */
  readonly reclaimTimeoutMs: number;
  readonly probeIntervalMs: number;
  readonly probeTimeoutMs: number;
  readonly suspicionMult: number;
  /** GDD_MEM_SUSPICION_MAX_MULT → SuspicionMaxTimeoutMult */
  readonly suspicionMaxTimeoutMult: number;
  /** GDD_MEM_AWARENESS_MAX → AwarenessMaxMultiplier */
  readonly awarenessMaxMultiplier: number;
  readonly gossipNodes: number;
  readonly gossipIntervalMs: number;
  readonly tcpTimeoutMs: number;
  readonly indirectChecks: number;
  readonly retransmitMult: number;
  /** Static weight: GDD_WEIGHT when set, else GDD_MEM_WEIGHT. ≤ 0 asks for dynamic weight. */
  readonly weight: number;
  /** GDD_MEM_WEIGHT_INTERVAL — period of dynamic weight computation; 0 = off. */
  readonly weightIntervalMs: number;
  /** Derived: weight ≤ 0 and weightIntervalMs > 0 (docs/go-doudou-differences.md#node-weight). */
  readonly dynamicWeight: boolean;
  readonly logDisable: boolean;
  /** GDD_MEM_CIDRS_ALLOWED — empty allows everyone. */
  readonly cidrsAllowed: readonly string[];
  /** GDD_MEM_KEYS — base64 AES keys (16/24/32 bytes); the first encrypts, all decrypt. Empty: no encryption. */
  readonly keys: readonly string[];
  /** GDD_MEM_LABEL — cluster label (≤ 255 bytes); '' sends no label. */
  readonly label: string;
  readonly protocolVersion: number;
  readonly delegateVersion: DelegateVersion;
  /** GDD_MEM_COMPRESS → EnableCompression (LZW) */
  readonly compress: boolean;
  /** GDD_MEM_REJOIN_INTERVAL — periodic rejoin of seeds and recently dead members; 0 = off. */
  readonly rejoinIntervalMs: number;
  /** GDD_MEM_UDP_BUFFER → UDPBufferSize */
  readonly udpBufferSize: number;
  /** GDD_MEM_TCP_PINGS — TCP fallback ping when UDP probes fail (memberlist's !DisableTcpPings). */
  readonly tcpPings: boolean;
  /** GDD_MEM_ADDR_ENCODING — how node addresses go on the wire: hashicorp's raw IP bytes or go-doudou's fork's text. */
  readonly addrEncoding: AddrEncoding;
  /** GDD_MEM_META_FORMAT — which go-doudou generation's registry meta this node writes (every one is read). */
  readonly metaFormat: MetaFormat;
  /** GDD_MEM_META — node metadata as text (the standalone node; an App publishes its services instead). */
  readonly meta: string;
  /** GDD_MEM_LEAVE_TIMEOUT — how long a leave waits for its broadcast to spread. */
  readonly leaveTimeoutMs: number;
}

/** GDD_DB_DRIVER: '' (no database), MySQL/MariaDB (`mysql`, also spelt `mariadb`) or PostgreSQL (`postgres`). */
export type DbDriver = '' | 'mysql' | 'postgres';

export interface DbPoolConfig {
  /** GDD_DB_POOL_MAXOPENCONNS — most connections open at once; more queries wait for a free one. */
  readonly maxOpen: number;
  /** GDD_DB_POOL_CONNMAXIDLETIME — an idle connection is closed after this long. */
  readonly maxIdleTimeMs: number;
}

/** The database of `Database.fromConfig()` (lib/data). */
export interface DbConfig {
  readonly driver: DbDriver;
  readonly host: string;
  /** GDD_DB_PORT — 0 means the driver's default (3306, 5432). */
  readonly port: number;
  readonly user: string;
  /** GDD_DB_PASSWD — masked by redactConfig(). */
  readonly password: string;
  /** GDD_DB_SCHEMA — MySQL/MariaDB: the database; PostgreSQL: the schema ('' = public). */
  readonly schema: string;
  /** GDD_DB_NAME — PostgreSQL only: the database to connect to ('' = the user name, as libpq does). */
  readonly database: string;
  /** GDD_DB_CHARSET — MySQL/MariaDB connection and table character set. */
  readonly charset: string;
  readonly pool: DbPoolConfig;
  readonly connectTimeoutMs: number;
  /** GDD_DB_LOG_SLOWTHRESHOLD — queries slower than this are logged as warnings; 0 = off. */
  readonly slowThresholdMs: number;
}

/** go-doudou's node meta generations: v2 NodeMeta, v1.0.5–v1.3.7 msgpack `_meta`, v0.5.6–v1.0.0 JSON `_meta`. */
export type MetaFormat = 'v2' | 'v1-msgpack' | 'v1-json';

/** Where the values came from — for start-up logs and warnings. */
export interface ConfigSources {
  /** Configuration files (app.yml, .env) that exist and were read, in precedence order (absolute paths). */
  readonly files: readonly string[];
  /** GDD_* names found in the environment or files that no row of the table knows (typos?). */
  readonly unknownVariables: readonly string[];
  /** go-doudou variables deliberately not supported here (Nacos, etcd, …) that were set. */
  readonly ignoredVariables: readonly string[];
}

export interface Config {
  /** GDD_ENV — selects the app.yml and .env files; 'dev' enables developer-friendly output. */
  readonly env: string;
  readonly mode: AppMode;
  readonly service: ServiceConfig;
  readonly http: HttpConfig;
  readonly manage: ManageConfig;
  readonly log: LogConfig;
  readonly banner: BannerConfig;
  readonly client: ClientConfig;
  readonly tracing: TracingConfig;
  readonly mem: MemConfig;
  readonly db: DbConfig;
  readonly sources: ConfigSources;
}

/** Recursively optional (arrays are replaced whole). What `new App(options)` accepts. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly U[]
  : T extends object
    ? { -readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** What `loadConfig({ overrides })` and `new App(options)` accept: every setting, none of the derived fields. */
export type ConfigOverrides = DeepPartial<Omit<Config, 'sources' | 'mem'> & { readonly mem: Omit<MemConfig, 'dynamicWeight'> }>;

/** Recursively writable: the loader's draft. */
export type Mutable<T> = T extends readonly (infer U)[] ? U[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

export type ConfigDraft = Mutable<Config>;
