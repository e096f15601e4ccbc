/**
 * Every configuration file go-doudou reads, in its order: the YAML files first (yaml-files.ts), then the
 * .env files (dotenv-files.ts); the first file to define a variable wins, and the real environment beats
 * them all. loadConfig() reads them for the GDD_* variables; the App also takes from them the variables
 * that are not settings, such as a service's base URL (`USERSVC`), as go-doudou loads them into its
 * process environment.
 */
import * as path from 'node:path';
import { nonEmpty, readDotenvFiles, type FileValue } from './dotenv-files';
import { InvalidConfigError, type ConfigIssue } from './invalid-config-error';
import { ENV_NAME } from './parsers';
import { readYamlFiles } from './yaml-files';

export interface ConfigFiles {
  /** Files that exist, in precedence order. */
  readonly files: readonly string[];
  readonly values: ReadonlyMap<string, FileValue>;
  /** What makes a file unusable, as start-up issues (a broken file stops start-up like a bad value). */
  readonly issues: readonly ConfigIssue[];
}

/** Reads the files of `env` in `cwd`; an env name unfit for a file name reads none (loadConfig reports it). */
export function readConfigFiles(cwd: string, env: string): ConfigFiles {
  if (!ENV_NAME.test(env)) return { files: [], values: new Map(), issues: [] };
  const yaml = readYamlFiles(cwd, env);
  const dotenv = readDotenvFiles(cwd, env);
  const values = new Map(yaml.values);
  for (const [key, value] of dotenv.values) if (!values.has(key)) values.set(key, value);
  const issues = yaml.problems.map(({ file, problem }) => ({ variable: path.basename(file), value: '', expected: problem, source: file }));
  return { files: [...yaml.files, ...dotenv.files], values, issues };
}

/** A copy of `env` with every file value it does not set itself (what go-doudou's process environment holds). */
export function environmentWithFiles(env: NodeJS.ProcessEnv, files: ConfigFiles): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = {};
  for (const [key, { value }] of files.values) merged[key] = value;
  return Object.assign(merged, env);
}

/**
 * Copy the files' values into `env` (default process.env) without overwriting what is already set — what
 * go-doudou does at start-up. Needed only when other code reads process.env directly; `loadConfig()` and
 * the App read the files themselves. Returns the names it set; a broken file throws InvalidConfigError.
 */
export function applyDotenv(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string[] {
  const env = options.env ?? process.env;
  const files = readConfigFiles(options.cwd ?? process.cwd(), nonEmpty(env.GDD_ENV) ?? 'dev');
  if (files.issues.length > 0) throw new InvalidConfigError(files.issues);
  const set: string[] = [];
  for (const [key, { value }] of files.values) {
    if (env[key] === undefined) {
      env[key] = value;
      set.push(key);
    }
  }
  return set;
}
