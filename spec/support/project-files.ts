/** The repository's own sources as a reader sees them: lib, spec, sample, bench, docs, .ci and the README. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './fixtures';

const SOURCE_DIRS = ['lib', 'spec', 'sample', 'bench', 'docs', '.ci'];
const SOURCE_FILE = /\.(?:ts|md|sh|json|go|mjs)$|^run$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : walk(full);
    return SOURCE_FILE.test(name) ? [full] : [];
  });
}

export interface ProjectFile {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly text: string;
}

export function projectFiles(): ProjectFile[] {
  const root = repositoryRoot();
  return [...SOURCE_DIRS.flatMap((d) => walk(path.join(root, d))), path.join(root, 'README.md')].map((file) => ({
    file: path.relative(root, file),
    text: readFileSync(file, 'utf8'),
  }));
}
