/** Where the project's test fixtures live (spec/fixtures), found from the source or the compiled file alike. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest directory above this file holding package.json. */
export function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** A path under spec/fixtures. */
export function fixturePath(...parts: string[]): string {
  return path.join(repositoryRoot(), 'spec', 'fixtures', ...parts);
}
