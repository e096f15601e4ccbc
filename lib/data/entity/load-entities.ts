/**
 * The entity classes of a project's compiled modules (what `doudou ddl sync --entities dist/entities`
 * reads): every exported class decorated with @Table. A class with an entity mistake is not skipped — its
 * ConfigError names the class and property.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { DataConfigError } from '../data-config-errors';
import type { Class } from '../../decorators/class-type';
import { describeEntity } from './describe-entity';

/** Compiled JavaScript files under a directory (declarations and maps left out), in a stable order. */
function scriptsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(c?js)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Files and directories (relative to `cwd`) → the entity classes they export, each once. */
export function entitiesFromModules(cwd: string, paths: readonly string[]): Class[] {
  const load = createRequire(path.join(cwd, 'package.json'));
  const found: Class[] = [];
  for (const p of paths) {
    const target = path.resolve(cwd, p);
    if (!existsSync(target)) throw new DataConfigError('ENTITIES_NOT_FOUND', `${p} does not exist (build the project first?)`);
    for (const file of statSync(target).isDirectory() ? scriptsUnder(target) : [target]) {
      const exported = load(file) as Record<string, unknown>;
      for (const value of Object.values(exported)) {
        if (typeof value !== 'function' || found.includes(value as Class)) continue;
        try {
          describeEntity(value as Class);
        } catch (err) {
          if (err instanceof DataConfigError && err.code === 'NOT_AN_ENTITY') continue; // a helper or base class
          throw err;
        }
        found.push(value as Class);
      }
    }
  }
  return found;
}
