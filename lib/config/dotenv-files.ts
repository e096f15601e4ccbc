/**
 * go-doudou's .env order (docs/go-doudou-differences.md#configuration), relative to the working directory:
 * `.env.<env>.local`, `.env.local` (not when env = test, so tests are reproducible), `.env.<env>`, `.env`.
 * Among files the first to define a variable wins; the real environment beats every file.
 * YAML files (`app-<env>.yml`, go-doudou ≥ 1.0.3) are not read.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'dotenv';
import { ENV_NAME } from './parsers';

export interface DotenvValue {
  readonly value: string;
  /** Absolute path of the file that defined it. */
  readonly file: string;
}

export interface DotenvFiles {
  /** Files that exist, in precedence order. */
  readonly files: readonly string[];
  readonly values: ReadonlyMap<string, DotenvValue>;
}

export function dotenvFileNames(env: string): string[] {
  return [`.env.${env}.local`, ...(env === 'test' ? [] : ['.env.local']), `.env.${env}`, '.env'];
}

export function readDotenvFiles(cwd: string, env: string): DotenvFiles {
  const files: string[] = [];
  const values = new Map<string, DotenvValue>();
  for (const name of dotenvFileNames(env)) {
    const file = path.resolve(cwd, name);
    if (!existsSync(file)) continue;
    files.push(file);
    for (const [key, value] of Object.entries(parse(readFileSync(file)))) {
      if (!values.has(key)) values.set(key, { value, file });
    }
  }
  return { files, values };
}

/**
 * Copy .env values into `env` (default process.env) without overwriting what is already set — what
 * go-doudou does at start-up. Needed only when other code reads process.env directly; `loadConfig()`
 * reads the files itself. Returns the names it set.
 */
export function applyDotenv(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string[] {
  const env = options.env ?? process.env;
  const envName = nonEmpty(env.GDD_ENV) ?? 'dev';
  if (!ENV_NAME.test(envName)) return []; // loadConfig() reports the bad GDD_ENV
  const { values } = readDotenvFiles(options.cwd ?? process.cwd(), envName);
  const set: string[] = [];
  for (const [key, { value }] of values) {
    if (env[key] === undefined) {
      env[key] = value;
      set.push(key);
    }
  }
  return set;
}

export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
