/**
 * A fresh working directory per test for the configuration-file specs: write app.yml / .env files into it
 * and load the configuration from it, as a service started there would.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, type Config } from '../../lib/config';

export interface ConfigFolder {
  /** The current test's folder. */
  readonly dir: string;
  write(name: string, body: string): void;
  /** loadConfig() in the folder with `env` as the whole environment. */
  load(env?: Record<string, string>): Config;
}

/** Registers beforeEach/afterEach hooks that make and remove the folder; call inside a describe(). */
export function configFolderPerTest(prefix: string): ConfigFolder {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    write: (name, body) => writeFileSync(path.join(dir, name), body),
    load: (env = {}) => loadConfig({ env, cwd: dir, hostname: 'h' }),
  };
}
