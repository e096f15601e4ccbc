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
import { DirectLines } from './direct-lines';
import { MESSAGE, isoTimestamp, lineRenderer, maskEntry, type LineRenderer, type LogEntry } from './log-format';
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

/** The pipeline's steps, each one function of log-format.ts (direct-lines.ts runs the same functions). */
function maskSecrets(masker: SecretMasker): winston.Logform.Format {
  return winston.format((info) => {
    maskEntry(info as Record<string, unknown>, masker);
    return info;
  })();
}

const timestamp = winston.format((info) => {
  info.timestamp = isoTimestamp();
  return info;
});

function renderLine(render: LineRenderer): winston.Logform.Format {
  return winston.format((info) => {
    (info as Record<symbol, unknown>)[MESSAGE] = render(info as LogEntry);
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
  const masker = new SecretMasker(options.secrets);
  const render = lineRenderer(options.format, colors);
  const logger = winston.createLogger({
    levels: winston.config.npm.levels,
    level: options.level,
    defaultMeta: dev ? undefined : { service: options.serviceName, hostname: options.hostname ?? osHostname() },
    format: winston.format.combine(winston.format.errors({ stack: true }), maskSecrets(masker), timestamp(), renderLine(render)),
    transports,
  });
  DirectLines.register(logger, { masker, render, format: options.format, colors });
  return logger;
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
