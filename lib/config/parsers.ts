/**
 * Text → value parsers for GDD_* variables. Each returns the value or the accepted form
 * ("expected …"), which the loader turns into `GDD_X="bad" is not valid: expected …`.
 */
import { isIP } from 'node:net';
import { parseGoDuration } from './duration';
import { expandAdvertiseHost } from './gossip-options';
import type { DbDriver, DelegateVersion, LogLevel } from './types';

export interface ParseContext {
  /** Machine hostname (GDD_MEM_NAME default, GDD_MEM_HOST leading-dot expansion). */
  readonly hostname: string;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };
export type Parser<T> = (raw: string, ctx: ParseContext) => ParseResult<T>;

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const bad = <T>(expected: string): ParseResult<T> => ({ ok: false, expected });

export function text(options: { trim?: boolean } = {}): Parser<string> {
  return (raw) => ok(options.trim === false ? raw : raw.trim());
}

/** GDD_ENV becomes part of file names (`.env.<env>`), so it must not carry path separators. */
export const ENV_NAME = /^(?!\.)[A-Za-z0-9_.-]+$/;

export function envName(): Parser<string> {
  return (raw) =>
    ENV_NAME.test(raw.trim()) ? ok(raw.trim()) : bad('expected a name of letters, digits, "-", "_" or "." such as dev, test, prod');
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export function bool(): Parser<boolean> {
  return (raw) => {
    const v = raw.trim().toLowerCase();
    if (TRUE.has(v)) return ok(true);
    if (FALSE.has(v)) return ok(false);
    return bad('expected a boolean: true/false, 1/0, yes/no, on/off');
  };
}

export function int(options: { min: number; max: number; what?: string }): Parser<number> {
  const what = options.what ? `an integer ${options.what}` : 'an integer';
  const range = Number.isFinite(options.max) ? `${options.min}–${options.max}` : `≥ ${options.min}`;
  const expected = Number.isFinite(options.min) ? `expected ${what} ${range}` : `expected ${what}`;
  return (raw) => {
    const v = raw.trim();
    if (!/^[+-]?\d+$/.test(v)) return bad(expected);
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < options.min || n > options.max) return bad(expected);
    return ok(n);
  };
}

/**
 * A Go duration in ms. `bareInteger` says what a plain integer means for this variable: go-doudou reads
 * GDD_MEM_* timeouts as seconds and the gossip/weight intervals as milliseconds (docs/go-doudou-differences.md#gossip-configuration);
 * the HTTP timeouts go through time.ParseDuration, which only takes a bare "0".
 */
/** An integer ≥ min, without upper bound (a count of things). */
export function count(min: number): Parser<number> {
  return int({ min, max: Number.POSITIVE_INFINITY });
}

export function duration(options: {
  bareInteger: 'seconds' | 'milliseconds' | 'none';
  /** Refuse 0 (a period of 0 would spin). */
  positive?: boolean;
}): Parser<number> {
  const bareHint = options.bareInteger === 'none' ? '' : ` (a bare integer means ${options.bareInteger})`;
  const expected = `expected a ${options.positive ? 'positive ' : ''}duration such as 15s, 500ms, 1m${bareHint}`;
  const check = (ms: number | undefined): ParseResult<number> =>
    ms === undefined || (options.positive && ms <= 0) ? bad(expected) : ok(ms);
  return (raw) => {
    const v = raw.trim();
    if (/^\d+$/.test(v)) {
      const n = Number(v);
      if (options.bareInteger === 'seconds') return check(n * 1000);
      if (options.bareInteger === 'milliseconds') return check(n);
      return check(n === 0 ? 0 : undefined);
    }
    return check(v.startsWith('-') ? undefined : parseGoDuration(v));
  };
}

/** An integer that may be left unset ('' → undefined). */
export function optionalInt(options: { min: number; max: number; what?: string }): Parser<number | undefined> {
  const parse = int(options);
  return (raw, ctx) => (raw.trim() === '' ? ok(undefined) : parse(raw, ctx));
}

/** One of `values`, matched case-insensitively, given back as written in `values` (`LOWERCAMEL` → `lowerCamel`). */
export function oneOf<T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => {
    const v = raw.trim().toLowerCase();
    const found = values.find((x) => x.toLowerCase() === v);
    return found !== undefined ? ok(found) : bad(`expected one of ${values.join(', ')}`);
  };
}

/** logrus names (go-doudou) and winston names → winston levels. logrus has no level below trace. */
const LOG_LEVELS: Readonly<Record<string, LogLevel>> = {
  panic: 'error',
  fatal: 'error',
  error: 'error',
  warn: 'warn',
  warning: 'warn',
  info: 'info',
  http: 'http',
  verbose: 'verbose',
  debug: 'debug',
  trace: 'silly',
  silly: 'silly',
};

export function logLevel(): Parser<LogLevel> {
  return (raw) => {
    const level = LOG_LEVELS[raw.trim().toLowerCase()];
    return level ? ok(level) : bad(`expected one of panic, fatal, error, warn, info, debug, trace`);
  };
}

const SIZE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Body sizes as koa-body/raw-body understand them: bytes, or a number with b/kb/mb/gb (1024-based). */
export function size(): Parser<number> {
  const expected = 'expected a size such as 1mb, 512kb or a number of bytes';
  return (raw) => {
    const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(raw.trim());
    if (!m) return bad(expected);
    const bytes = Math.floor(Number(m[1]) * SIZE_UNITS[(m[2] ?? 'b').toLowerCase()]);
    return bytes > 0 ? ok(bytes) : bad(expected);
  };
}

/** Split a comma list, dropping blanks: "a, b,,c" → [a, b, c]. */
export function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$/;

function isHost(host: string): boolean {
  return isIP(host) !== 0 || HOSTNAME.test(host);
}

/** Seeds: `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6; the default port is appended. */
export function seedList(defaultPort: number): Parser<string[]> {
  const expected = 'expected comma-separated host[:port] seeds such as 10.0.0.1:7946,seed-0.svc';
  return (raw) => {
    const seeds: string[] = [];
    for (const item of splitList(raw)) {
      let host = item;
      let port: string | undefined;
      const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(item);
      if (bracketed) [, host, port] = bracketed;
      else if (isIP(item) !== 6 && item.includes(':')) {
        const colon = item.lastIndexOf(':');
        host = item.slice(0, colon);
        port = item.slice(colon + 1);
      }
      if (port !== undefined && !/^\d{1,5}$/.test(port)) return bad(expected);
      const p = port === undefined ? defaultPort : Number(port);
      if (!isHost(host) || p < 1 || p > 65535) return bad(expected);
      seeds.push(isIP(host) === 6 ? `[${host}]:${p}` : `${host}:${p}`);
    }
    return ok(seeds);
  };
}

/** Advertise host; a leading '.' (k8s StatefulSet headless DNS) is prefixed with the hostname. */
export function advertiseHost(): Parser<string> {
  return (raw, ctx) => {
    const host = expandAdvertiseHost(raw.trim(), ctx.hostname);
    return host === '' || isHost(host)
      ? ok(host)
      : bad('expected an IP address or host name (a leading "." is prefixed with the hostname)');
  };
}

/** Node name; empty means the hostname. */
export function nodeName(): Parser<string> {
  return (raw, ctx) => ok(raw.trim() === '' ? ctx.hostname : raw.trim());
}

export function cidrList(): Parser<string[]> {
  const expected = 'expected comma-separated CIDRs such as 10.0.0.0/8,fd00::/8';
  return (raw) => {
    const out: string[] = [];
    for (const item of splitList(raw)) {
      const m = /^([^/]+)\/(\d{1,3})$/.exec(item);
      const family = m ? isIP(m[1]) : 0;
      if (!m || family === 0 || Number(m[2]) > (family === 4 ? 32 : 128)) return bad(expected);
      out.push(item);
    }
    return ok(out);
  };
}

/** `min:max:cur`; the ranges are the gossip options' rule (gossip-options.ts). */
export function delegateVersion(): Parser<DelegateVersion> {
  return (raw) => {
    const m = /^(\d{1,3}):(\d{1,3}):(\d{1,3})$/.exec(raw.trim());
    return m ? ok({ min: Number(m[1]), max: Number(m[2]), cur: Number(m[3]) }) : bad('expected min:max:cur such as 2:5:5');
  };
}

/** '' or '/' → ''; otherwise one leading slash, no trailing slash. */
export function routeRootPath(): Parser<string> {
  return (raw) => {
    const v = raw.trim();
    if (/\s|[?#]/.test(v)) return bad('expected a URL path such as /api/v1');
    const trimmed = v.replace(/^\/+|\/+$/g, '');
    return ok(trimmed === '' ? '' : `/${trimmed}`);
  };
}

/** A finite number ≥ `min` (JAEGER_SAMPLER_PARAM: a probability, a rate, 0/1). */
export function number(options: { min: number }): Parser<number> {
  const expected = `expected a number ≥ ${options.min}`;
  return (raw) => {
    const v = raw.trim();
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)) return bad(expected);
    const n = Number(v);
    return n >= options.min ? ok(n) : bad(expected);
  };
}

/** A boolean, or 'auto' for an empty/unset value (JAEGER_DISABLED: decided from the other variables). */
export function boolOrAuto(): Parser<boolean | 'auto'> {
  const parse = bool();
  return (raw, ctx) => {
    const v = raw.trim().toLowerCase();
    if (v === '' || v === 'auto') return ok('auto');
    const r = parse(raw, ctx);
    return r.ok ? r : bad('expected a boolean (true/false) or auto');
  };
}

/** JAEGER_TAGS: `key=value,key2=value2` (jaeger-client's form; `${VAR}` expansion is not supported). */
export function tagList(): Parser<Record<string, string>> {
  return (raw) => {
    const tags: Record<string, string> = {};
    for (const item of splitList(raw)) {
      const eq = item.indexOf('=');
      const key = eq > 0 ? item.slice(0, eq).trim() : '';
      if (key === '') return bad('expected key=value pairs separated by commas, e.g. region=eu,team=billing');
      tags[key] = item.slice(eq + 1).trim();
    }
    return ok(tags);
  };
}

/** A host name or IP address, or '' (JAEGER_AGENT_HOST: jaeger-client's default). */
export function optionalHost(): Parser<string> {
  return (raw) => {
    const v = raw.trim();
    return v === '' || isHost(v) ? ok(v) : bad('expected a host name or an IP address');
  };
}

const DB_DRIVERS: Readonly<Record<string, DbDriver>> = {
  '': '',
  mysql: 'mysql',
  mariadb: 'mysql',
  postgres: 'postgres',
  postgresql: 'postgres',
};

/** '' (no database), mysql (also mariadb: one wire protocol, one driver) or postgres (also postgresql). */
export function dbDriver(): Parser<DbDriver> {
  return (raw) => {
    const driver = DB_DRIVERS[raw.trim().toLowerCase()];
    return driver !== undefined ? ok(driver) : bad('expected mysql, mariadb or postgres');
  };
}
