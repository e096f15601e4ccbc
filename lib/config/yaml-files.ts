/**
 * go-doudou's YAML configuration files (v1.0.3 and later; docs/go-doudou-differences.md#configuration),
 * relative to the working directory: `app-<env>-local.yml`, `app-local.yml` (not when env = test),
 * `app-<env>.yml`, `app.yml` — each also as `.yaml`, the `.yml` read first. A file's keys become variable
 * names as go-doudou flattens them: the path joined with `_`, upper-cased, `-` removed, so
 * `gdd: { mem: { seed: … } }` is GDD_MEM_SEED and `usersvc: http://…` is USERSVC.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isMap, parseDocument } from 'yaml';
import type { DotenvFiles, FileValue } from './dotenv-files';

export function yamlFileNames(env: string): string[] {
  const stems = [`app-${env}-local`, ...(env === 'test' ? [] : ['app-local']), `app-${env}`, 'app'];
  return stems.flatMap((stem) => [`${stem}.yml`, `${stem}.yaml`]);
}

/** A file that cannot be used: not YAML, not a mapping at the top, or a value that is not a setting. */
export interface YamlFileProblem {
  readonly file: string;
  readonly problem: string;
}

export interface YamlFiles extends DotenvFiles {
  readonly problems: readonly YamlFileProblem[];
}

/** `mem-seed` → `MEMSEED`, `rootPath` → `ROOTPATH`: go-doudou's rule for one key. */
function keyPart(key: string): string {
  return key.replaceAll('-', '').toUpperCase();
}

function isPlain(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Flattens one document's value into `out` (first definition wins), noting values that are not settings. */
function flatten(value: unknown, prefix: string, file: string, out: Map<string, FileValue>, problems: YamlFileProblem[]): void {
  if (value === null || value === undefined) return; // `port:` with nothing: unset
  if (isPlain(value)) {
    if (!out.has(prefix)) out.set(prefix, { value: String(value), file });
  } else if (Array.isArray(value)) {
    // a list of plain values is the comma-separated form the list variables take (GDD_MEM_SEED)
    if (value.every(isPlain)) {
      if (!out.has(prefix)) out.set(prefix, { value: value.join(','), file });
    } else problems.push({ file, problem: `${prefix}: a list may hold only plain values` });
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      flatten(child, prefix === '' ? keyPart(key) : `${prefix}_${keyPart(key)}`, file, out, problems);
    }
  } else problems.push({ file, problem: `${prefix}: not a plain value` });
}

export function readYamlFiles(cwd: string, env: string): YamlFiles {
  const files: string[] = [];
  const values = new Map<string, FileValue>();
  const problems: YamlFileProblem[] = [];
  for (const name of yamlFileNames(env)) {
    const file = path.resolve(cwd, name);
    if (!existsSync(file)) continue;
    files.push(file);
    const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true, merge: true });
    if (doc.errors.length > 0) {
      problems.push({ file, problem: `not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` });
      continue;
    }
    if (doc.contents === null) continue; // an empty file
    if (!isMap(doc.contents)) {
      problems.push({ file, problem: 'the top level must be a mapping of names to values' });
      continue;
    }
    const own = new Map<string, FileValue>();
    // toJS resolves anchors, aliases and merge keys (`<<: *base`), as go-doudou's YAML decoder does
    flatten(doc.toJS({ maxAliasCount: 100 }), '', file, own, problems);
    for (const [key, value] of own) if (!values.has(key)) values.set(key, value);
  }
  return { files, values, problems };
}
