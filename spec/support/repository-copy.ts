/**
 * A stand-alone clone of this repository in a temp folder: its sources and build scripts, node_modules
 * linked. For specs whose npm runs the `prepare` build (npm pack, `npm install <clone>` from another
 * project): that build first deletes dist/lib — in the copy, never in this checkout while other specs use it.
 */
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './linked-project';

/** What building and packing need from the repository (the rest — spec/, bench/, sample/, dist/ — must not matter). */
const CLONE_INPUTS = ['package.json', 'package-lock.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'lib'];

/** Copies the clone into `dir`; `withBuild` adds this checkout's dist/lib, so its `doudou` runs before any build of its own. */
export function copyRepository(dir: string, options: { withBuild?: boolean } = {}): void {
  mkdirSync(dir, { recursive: true });
  for (const entry of CLONE_INPUTS) cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  if (options.withBuild) cpSync(path.join(REPO_ROOT, 'dist', 'lib'), path.join(dir, 'dist', 'lib'), { recursive: true });
}
