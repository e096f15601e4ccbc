/**
 * go-doudou's YAML configuration files (v1.0.3 and later; docs/go-doudou-differences.md#configuration),
 * relative to the working directory: `app-<env>-local.yml`, `app-local.yml` (not when env = test),
 * `app-<env>.yml`, `app.yml` — each also as `.yaml`, the `.yml` read first. A file's keys become variable
 * names as go-doudou flattens them: the path joined with `_`, upper-cased, `-` removed, so
 * `gdd: { mem: { seed: … } }` is GDD_MEM_SEED and `usersvc: http://…` is USERSVC.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
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

/** A scalar's text as a variable holds it; null (`port:` with nothing) is unset. */
function scalarText(node: Node): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

/** Flattens one document into `out` (first definition wins), noting values that are not settings. */
function flatten(node: Node, prefix: string, file: string, out: Map<string, FileValue>, problems: YamlFileProblem[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || key === '') {
        problems.push({ file, problem: `a key under ${prefix || 'the top'} is not a plain name` });
        continue;
      }
      const name = prefix === '' ? keyPart(key) : `${prefix}_${keyPart(key)}`;
      if (pair.value === null) continue;
      flatten(pair.value as Node, name, file, out, problems);
    }
    return;
  }
  if (isSeq(node)) {
    // a list of scalars is the comma-separated form the list variables take (GDD_MEM_SEED, GDD_DB_*)
    const items = node.items.map((item) => scalarText(item as Node));
    if (items.some((item) => item === undefined)) {
      problems.push({ file, problem: `${prefix}: a list may hold only plain values` });
      return;
    }
    if (!out.has(prefix)) out.set(prefix, { value: items.join(','), file });
    return;
  }
  const text = scalarText(node);
  if (text !== undefined && !out.has(prefix)) out.set(prefix, { value: text, file });
}

export function readYamlFiles(cwd: string, env: string): YamlFiles {
  const files: string[] = [];
  const values = new Map<string, FileValue>();
  const problems: YamlFileProblem[] = [];
  for (const name of yamlFileNames(env)) {
    const file = path.resolve(cwd, name);
    if (!existsSync(file)) continue;
    files.push(file);
    const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true });
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
    flatten(doc.contents, '', file, own, problems);
    for (const [key, value] of own) if (!values.has(key)) values.set(key, value);
  }
  return { files, values, problems };
}
