/**
 * Byte sizes written the way GDD_* values and Koa body parsers write them: `1mb`, `512kb`, `32MiB`, or a
 * plain number of bytes. Units are binary (1kb = 1024 bytes), as in the `bytes` package Koa parsers use.
 */
import { ConfigError } from '../errors';

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** Parses `1mb` / `32MiB` / `1024` into bytes; anything else is a ConfigError naming `what`. */
export function parseByteSize(value: string | number, what: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return Math.floor(value);
    throw new ConfigError('INVALID_BYTE_SIZE', `${what}: ${value} is not a byte size`);
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = match ? UNITS[(match[2] || 'b').toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    throw new ConfigError('INVALID_BYTE_SIZE', `${what}: '${value}' is not a byte size (examples: 1mb, 512kb, 1048576)`);
  }
  return Math.floor(Number(match[1]) * unit);
}
