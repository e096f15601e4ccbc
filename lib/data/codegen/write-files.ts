import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { GeneratedFile } from './ts-literals';

export interface WriteFilesOptions {
  /** Replace files that exist. Default true; `svc crud` keeps an edited implementation unless forced. */
  overwrite?: boolean;
}

export interface WrittenFiles {
  readonly written: readonly string[];
  /** Existing files left as they were (overwrite: false). */
  readonly kept: readonly string[];
}

/** Writes generated files under `dir`, creating directories; returns absolute paths. */
export async function writeGeneratedFiles(
  dir: string,
  files: readonly GeneratedFile[],
  options: WriteFilesOptions = {},
): Promise<WrittenFiles> {
  const written: string[] = [];
  const kept: string[] = [];
  for (const file of files) {
    const target = path.resolve(dir, file.path);
    if (options.overwrite === false && existsSync(target)) {
      kept.push(target);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.contents);
    written.push(target);
  }
  return { written, kept };
}
