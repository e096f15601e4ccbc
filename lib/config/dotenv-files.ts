/**
 * go-doudou's .env order (docs/go-doudou-differences.md#configuration), relative to the working directory:
 * `.env.<env>.local`, `.env.local` (not when env = test, so tests are reproducible), `.env.<env>`, `.env`.
 * Among files the first to define a variable wins; the real environment beats every file, and go-doudou's
 * YAML files (yaml-files.ts) beat these (config-files.ts puts the two together).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'dotenv';

/** A variable's text as a configuration file gives it. */
export interface FileValue {
  readonly value: string;
  /** Absolute path of the file that defined it. */
  readonly file: string;
}

export interface DotenvFiles {
  /** Files that exist, in precedence order. */
  readonly files: readonly string[];
  readonly values: ReadonlyMap<string, FileValue>;
}

export function dotenvFileNames(env: string): string[] {
  return [`.env.${env}.local`, ...(env === 'test' ? [] : ['.env.local']), `.env.${env}`, '.env'];
}

export function readDotenvFiles(cwd: string, env: string): DotenvFiles {
  const files: string[] = [];
  const values = new Map<string, FileValue>();
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

export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
