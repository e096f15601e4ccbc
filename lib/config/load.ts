/**
 * `loadConfig()`: GDD_* variables → one validated, deeply frozen Config.
 * Precedence, highest first: `overrides` (options of `new App()`), the real environment, the app.yml and
 * .env files in go-doudou's order (config-files.ts), the table default. Pure with respect to its inputs: it never writes process.env.
 */
import { hostname as osHostname } from 'node:os';
import { readConfigFiles, type ConfigFiles } from './config-files';
import { nonEmpty } from './dotenv-files';
import { InvalidConfigError, type ConfigIssue } from './invalid-config-error';
import { overrideTexts, type OverrideText } from './overrides';
import { DEFAULT_GOSSIP_PROFILE } from './gossip-options';
import type { ParseContext } from './parsers';
import type { Config, ConfigDraft, ConfigOverrides } from './types';
import { CONFIG_VARIABLES, IGNORED_VARIABLE_PATTERNS, findVariable } from './variables';

export interface LoadConfigOptions {
  /** Where the app.yml and .env files are looked for (default process.cwd()). */
  cwd?: string;
  /** The environment (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Values that win over the environment, e.g. `{ http: { port: 0 } }`. */
  overrides?: ConfigOverrides;
  /** Hostname for GDD_MEM_NAME's default and GDD_MEM_HOST's leading dot (default os.hostname()). */
  hostname?: string;
}

export function emptyDraft(): ConfigDraft {
  // Placeholders only: every field is overwritten by a row of CONFIG_VARIABLES.
  return {
    env: '',
    mode: 'mono',
    service: { name: '', version: '', group: '' },
    http: {
      host: '',
      port: 0,
      routeRootPath: '',
      readTimeoutMs: 0,
      writeTimeoutMs: 0,
      idleTimeoutMs: 0,
      graceTimeoutMs: 0,
      drainWindowMs: 0,
      bodyLimitBytes: 0,
      enableResponseGzip: false,
      jsonCase: 'lowerCamel',
    },
    manage: { enable: false, user: '', pass: '' },
    log: { level: 'info', format: 'text', reqEnable: false, path: '', maxSizeBytes: 0, maxBackups: 0, maxAgeMs: 0, compress: false },
    banner: { enable: false, text: '' },
    client: { retryCount: 0 },
    tracing: {
      disabled: 'auto',
      serviceName: '',
      agentHost: '',
      agentPort: 0,
      endpoint: '',
      user: '',
      password: '',
      samplerType: 'const',
      samplerParam: 0,
      tags: {},
      flushIntervalMs: 0,
      metricsRoot: '',
    },
    mem: {
      profile: DEFAULT_GOSSIP_PROFILE,
      seeds: [],
      name: '',
      advertiseAddr: '',
      bindPort: 0,
      bindAddr: '',
      deadTimeoutMs: 0,
      pushPullIntervalMs: 0,
      reclaimTimeoutMs: 0,
      probeIntervalMs: 0,
      probeTimeoutMs: 0,
      suspicionMult: 0,
      suspicionMaxTimeoutMult: 0,
      awarenessMaxMultiplier: 0,
      gossipNodes: 0,
      gossipIntervalMs: 0,
      tcpTimeoutMs: 0,
      indirectChecks: 0,
      retransmitMult: 0,
      weight: 0,
      weightIntervalMs: 0,
      dynamicWeight: false,
      logDisable: false,
      cidrsAllowed: [],
      keys: [],
      label: '',
      protocolVersion: 0,
      delegateVersion: { min: 0, max: 0, cur: 0 },
      compress: false,
      rejoinIntervalMs: 0,
      udpBufferSize: 0,
      tcpPings: false,
      addrEncoding: 'ip-bytes',
      metaFormat: 'v2',
      meta: '',
      leaveTimeoutMs: 0,
    },
    db: {
      driver: '',
      host: '',
      port: 0,
      user: '',
      password: '',
      schema: '',
      database: '',
      charset: '',
      pool: { maxOpen: 0, maxIdleTimeMs: 0 },
      connectTimeoutMs: 0,
      slowThresholdMs: 0,
    },
    sources: { files: [], unknownVariables: [], ignoredVariables: [] },
  };
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  return loadConfigAndFiles(options).config;
}

/**
 * loadConfig(), and the configuration files it read: their values include what is not a GDD_* setting
 * (a service's base URL, `USERSVC`), which the App takes from the same files rather than reading them again.
 */
export function loadConfigAndFiles(options: LoadConfigOptions = {}): { config: Config; files: ConfigFiles } {
  const env = options.env ?? process.env;
  const ctx: ParseContext = { hostname: options.hostname ?? osHostname() };
  const issues: ConfigIssue[] = [];

  const overrides = overrideTexts(options.overrides ?? {}, issues);
  const fileEnv = nonEmpty(overrides.get('env')?.text) ?? nonEmpty(env.GDD_ENV) ?? 'dev';
  // A GDD_ENV unfit for a file name reads no files; the GDD_ENV row below reports it.
  const files = readConfigFiles(options.cwd ?? process.cwd(), fileEnv);
  issues.push(...files.issues);

  const draft = emptyDraft();
  const overridden = new Set<string>();
  for (const variable of CONFIG_VARIABLES) {
    const override: OverrideText | undefined = overrides.get(variable.field);
    if (override && overridden.has(variable.field)) continue; // GDD_WEIGHT after an overridden mem.weight
    let raw: string | undefined;
    let source: string;
    if (override) {
      raw = override.text;
      source = 'overrides';
      overridden.add(variable.field);
    } else if (env[variable.name] !== undefined) {
      raw = env[variable.name];
      source = 'environment';
    } else {
      raw = files.values.get(variable.name)?.value;
      source = files.values.get(variable.name)?.file ?? 'default';
    }
    if (!override && (raw === undefined || raw.trim() === '')) raw = variable.defaultIn(draft);
    const label = override ? `overrides.${variable.field}` : variable.name;
    const expected = variable.apply(raw ?? variable.defaultIn(draft), draft, ctx);
    if (expected !== undefined) issues.push({ variable: label, value: raw ?? '', expected, source });
  }

  draft.mem.dynamicWeight = draft.mem.weight <= 0 && draft.mem.weightIntervalMs > 0;
  if (draft.mode === 'micro' && draft.service.name === '') {
    issues.push({
      variable: 'GDD_SERVICE_NAME',
      value: '',
      expected: 'required when GDD_MODE=micro (the cluster registers `<name>_rest`)',
    });
  }
  if (issues.length > 0) throw new InvalidConfigError(issues);

  const names = new Set([...Object.keys(env), ...files.values.keys()].filter((n) => n.startsWith('GDD_')));
  const unknown: string[] = [];
  const ignored: string[] = [];
  for (const name of [...names].sort()) {
    if (findVariable(name)) continue;
    (IGNORED_VARIABLE_PATTERNS.some((re) => re.test(name)) ? ignored : unknown).push(name);
  }
  draft.sources = { files: [...files.files], unknownVariables: unknown, ignoredVariables: ignored };
  return { config: deepFreeze(draft) as Config, files };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
