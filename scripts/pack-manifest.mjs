// `npm pack` hooks: the packed package.json carries no `prepare` script. npm lists `prepare` of a tarball
// dependency among the install scripts a user must approve, although it never runs it for a tarball (the
// tarball is built already). `strip` (prepack, after the build) removes it, `restore` (postpack) puts the
// file back byte for byte; a pack that failed in between is repaired by the next `strip` or `restore`.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = path.join(root, 'package.json');
const saved = path.join(root, 'package.json.before-pack');

function restore() {
  if (existsSync(saved)) renameSync(saved, manifest);
}

const mode = process.argv[2];
if (mode === 'strip') {
  restore();
  const text = readFileSync(manifest, 'utf8');
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  writeFileSync(saved, text);
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (mode === 'restore') {
  restore();
} else {
  throw new Error('usage: node scripts/pack-manifest.mjs strip|restore');
}
