/**
 * The line formats of the framework's logger (logger.ts), as plain functions over a winston `info` entry:
 * masking of secrets, the timestamp, and the final text or JSON line. winston's format pipeline calls them
 * for every entry; direct-lines.ts calls the same functions for access lines without the pipeline, so
 * both ways write the same bytes.
 */
import * as winston from 'winston';
import { configure } from 'safe-stable-stringify';
import type { SecretMasker } from '../config/secrets';

export type LogEntry = Record<string, unknown> & { level: string; message: unknown };

/** Where winston keeps an entry's finished line (triple-beam's MESSAGE) and its level (LEVEL). */
export const MESSAGE = Symbol.for('message');
export const LEVEL = Symbol.for('level');

/** Keys winston puts on every entry that text format prints itself, not as key=value. */
const OWN_KEYS = new Set(['level', 'message', 'timestamp', 'stack']);

export function textValue(value: unknown): string {
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

/** `2026-01-02T03:04:05.678Z INFO  message key=value …`, the stack trace on the following lines. */
export function textLine(entry: LogEntry, colors: boolean): string {
  let line = `${String(entry.timestamp)} ${textLevel(entry.level, colors)} ${typeof entry.message === 'string' ? entry.message : textValue(entry.message)}`;
  for (const key in entry) {
    const value = entry[key];
    if (value !== undefined && !OWN_KEYS.has(key)) line += ` ${key}=${textValue(value)}`;
  }
  return typeof entry.stack === 'string' ? `${line}\n${entry.stack}` : line;
}

/** `INFO ` (padded to five), coloured for a terminal. */
export function textLevel(level: string, colors: boolean): string {
  const text = level.toUpperCase().padEnd(5);
  return colors ? colorizer.colorize(level, text) : text;
}

const colorizer = winston.format.colorize();

// What winston.format.json() writes: safe-stable-stringify at its defaults (keys sorted), BigInt as a string.
const stableStringify = configure({});
const jsonReplacer = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/** One JSON object, keys sorted — byte for byte what winston.format.json() makes of the entry. */
export function jsonLine(entry: LogEntry): string {
  return stableStringify(entry, jsonReplacer) ?? '';
}

/** One value as jsonLine() writes it inside the entry; undefined for what it leaves out (undefined, functions). */
export function jsonValue(value: unknown): string | undefined {
  return stableStringify(value, jsonReplacer);
}

/** Nested meta is looked into this deep; deeper objects are printed as they are. */
const MASK_DEPTH = 3;

export function maskValue(value: unknown, masker: SecretMasker, depth = 0): unknown {
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

/** Runs every string of an entry (message, stack, meta) through the masker, in place. */
export function maskEntry(entry: Record<string, unknown>, masker: SecretMasker): void {
  for (const key of Object.keys(entry)) {
    const masked = maskValue(entry[key], masker);
    if (masked !== entry[key]) entry[key] = masked;
  }
}

let lastMs = Number.NaN;
let lastIso = '';

/** `new Date().toISOString()`, computed once per millisecond (what winston.format.timestamp() writes). */
export function isoTimestamp(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

/** The final step of the logger's pipeline: the text or JSON line. */
export type LineRenderer = (entry: LogEntry) => string;

export function lineRenderer(format: 'text' | 'json', colors: boolean): LineRenderer {
  return format === 'json' ? jsonLine : (entry) => textLine(entry, colors);
}
