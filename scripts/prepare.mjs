// npm's `prepare` script: builds what the package ships (dist/lib, from tsconfig.build.json).
// npm runs it after `npm ci`/`npm install` here, before `npm pack`, and in the folder itself when another
// project installs this repository by path (`npm install ../ts-doudou`, with or without --install-links).
// In that last case a fresh clone has no node_modules — npm installs a folder's dependencies only for git
// dependencies — so they are installed first, exactly from package-lock.json.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

if (!existsSync(path.join(root, 'node_modules', 'typescript', 'package.json'))) {
  const npm = process.env.npm_execpath;
  if (!npm) throw new Error('scripts/prepare.mjs: run it as `npm run prepare`, or install the dev dependencies with `npm ci` first');
  console.log('ts-doudou: installing its build dependencies (npm ci) before building dist/lib');
  run([npm, 'ci', '--ignore-scripts', '--no-audit', '--no-fund']);
}
// A clean build: a renamed or deleted source must not leave its old output in the package.
rmSync(path.join(root, 'dist', 'lib'), { recursive: true, force: true });
run([path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
