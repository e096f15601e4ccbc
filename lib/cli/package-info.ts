/** Facts about the installed ts-doudou package the CLI ships in: its version, its root, whether it is a clone. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface PackageInfo {
  name: string;
  version: string;
  /** The package root (the folder holding its package.json). */
  root: string;
  /** True when running from a source checkout (lib/ sources next to dist/) rather than an installed package. */
  isClone: boolean;
  devDependencies: Readonly<Record<string, string>>;
}

let cached: PackageInfo | undefined;

/** dist/lib/cli/package-info.js → the package root three folders up. */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  const root = path.resolve(__dirname, '..', '..', '..');
  const json = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    devDependencies?: Record<string, string>;
  };
  const isClone = existsSync(path.join(root, 'lib', 'index.ts')) && !root.split(path.sep).includes('node_modules');
  cached = { name: json.name, version: json.version, root, isClone, devDependencies: json.devDependencies ?? {} };
  return cached;
}
