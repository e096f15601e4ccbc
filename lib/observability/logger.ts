/**
 * winston logger as go-doudou configures logrus: level and text/json format from GDD_LOG_*; outside the
 * dev environment every line also carries the service name and hostname (docs/go-doudou-differences.md#logging; dev "stops
 * logging meta fields"), so lines from many pods can be told apart once aggregated.
 * Modules take a child logger: `logger.child({ module: 'gossip' })`.
 */
import { hostname as osHostname } from 'node:os';
import * as winston from 'winston';
import { SecretMasker, secretValues } from '../config/secrets';
import type { Config, LogFormat, LogLevel } from '../config/types';
import { rotatingLogFile, type LogFileOptions } from './log-files';

export type Logger = winston.Logger;

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  serviceName: string;
  /** GDD_ENV; anything but 'dev' adds `service` and `hostname` to every line. */
  env: string;
  /** Default os.hostname(). */
  hostname?: string;
  /** GDD_LOG_PATH: also write to `<logDir>/app.log`, rotated (log-files.ts). */
  logDir?: string;
  /** Rotation of the files under logDir (GDD_LOG_MAX_SIZE, _MAX_BACKUPS, _MAX_AGE, _COMPRESS). */
  rotation?: Omit<LogFileOptions, 'dir'>;
  /** Write here instead of stdout (tests, custom sinks). */
  stream?: NodeJS.WritableStream;
  /** ANSI colours for levels in text format; default: only when writing to a terminal. */
  colors?: boolean;
  /**
   * Values never to print (passwords, keys): masked as `***` wherever they appear in a line, as are
   * credentials in URLs (`redis://user:***@host`). createLoggerFromConfig() passes the config's secrets.
   */
  secrets?: readonly string[];
}

/** Keys winston puts on every entry that text format prints itself, not as key=value. */
const OWN_KEYS = new Set(['level', 'message', 'timestamp', 'stack']);

function textValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s="]+$/.test(value) ? value : JSON.stringify(value);
  if (value instanceof Error) return JSON.stringify(value.message);
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return '"[unserialisable]"';
    }
  }
  return String(value);
}

/** `2026-01-02T03:04:05.678Z INFO  message key=value …`, stack traces on the following lines. */
function textFormat(colors: boolean): winston.Logform.Format {
  const colorizer = winston.format.colorize();
  return winston.format.printf((info) => {
    const levelText = info.level.toUpperCase().padEnd(5);
    const level = colors ? colorizer.colorize(info.level, levelText) : levelText;
    const meta = Object.entries(info)
      .filter(([key, value]) => !OWN_KEYS.has(key) && value !== undefined)
      .map(([key, value]) => `${key}=${textValue(value)}`);
    const message = typeof info.message === 'string' ? info.message : textValue(info.message);
    const line = [String(info.timestamp), level, message, ...meta].join(' ');
    return typeof info.stack === 'string' ? `${line}\n${info.stack}` : line;
  });
}

/** Nested meta is looked into this deep; deeper objects are printed as they are. */
const MASK_DEPTH = 3;

function maskValue(value: unknown, masker: SecretMasker, depth: number): unknown {
  if (typeof value === 'string') return masker.mask(value);
  if (typeof value !== 'object' || value === null || depth >= MASK_DEPTH) return value;
  if (value instanceof Error) {
    const message = masker.mask(value.message);
    const stack = value.stack === undefined ? undefined : masker.mask(value.stack);
    if (message === value.message && stack === value.stack) return value;
    const copy = new Error(message);
    copy.name = value.name;
    copy.stack = stack;
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => maskValue(item, masker, depth + 1));
  let copy: Record<string, unknown> | undefined;
  for (const [key, child] of Object.entries(value)) {
    const masked = maskValue(child, masker, depth + 1);
    if (masked !== child) (copy ??= { ...value })[key] = masked;
  }
  return copy ?? value;
}

/** Runs every string of a line (message, stack, meta) through the masker before it is formatted. */
function maskSecrets(masker: SecretMasker): winston.Logform.Format {
  return winston.format((info) => {
    const entry = info as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      const masked = maskValue(entry[key], masker, 0);
      if (masked !== entry[key]) entry[key] = masked;
    }
    return info;
  })();
}

export function createLogger(options: LoggerOptions): Logger {
  const colors = options.colors ?? (options.stream === undefined && process.stdout.isTTY === true);
  const transports: winston.transport[] = [
    options.stream ? new winston.transports.Stream({ stream: options.stream }) : new winston.transports.Console(),
  ];
  if (options.logDir) {
    transports.push(rotatingLogFile({ dir: options.logDir, ...options.rotation }));
  }
  const dev = options.env === 'dev';
  return winston.createLogger({
    levels: winston.config.npm.levels,
    level: options.level,
    defaultMeta: dev ? undefined : { service: options.serviceName, hostname: options.hostname ?? osHostname() },
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      maskSecrets(new SecretMasker(options.secrets)),
      winston.format.timestamp(),
      options.format === 'json' ? winston.format.json() : textFormat(colors),
    ),
    transports,
  });
}

/**
 * The application logger from a loaded Config (GDD_LOG_LEVEL, GDD_LOG_FORMAT, GDD_LOG_PATH, GDD_ENV,
 * GDD_SERVICE_NAME), masking the config's secret values.
 */
export function createLoggerFromConfig(config: Config, extra: Pick<LoggerOptions, 'stream' | 'colors' | 'hostname'> = {}): Logger {
  return createLogger({
    level: config.log.level,
    format: config.log.format,
    serviceName: config.service.name,
    env: config.env,
    logDir: config.log.path === '' ? undefined : config.log.path,
    secrets: secretValues(config),
    rotation: {
      maxSizeBytes: config.log.maxSizeBytes,
      maxBackups: config.log.maxBackups,
      maxAgeMs: config.log.maxAgeMs,
      compress: config.log.compress,
    },
    ...extra,
  });
}
