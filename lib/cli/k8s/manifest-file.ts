/**
 * Writing manifests to `<svc>_deployment.yaml` / `<svc>_statefulset.yaml`. go-doudou's rule: a file that
 * exists is the user's — only the image of the first document's first container is rewritten, and every
 * other edit (replicas, env, resources, comments) is kept. The `yaml` library's Document keeps comments
 * and layout, so the rewrite is surgical.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Document, isMap, isSeq, parseAllDocuments, stringify } from 'yaml';
import { CliError } from '../cli-errors';

export type ManifestFileOutcome = 'created' | 'image-updated' | 'unchanged';

const IMAGE_PATH = ['spec', 'template', 'spec', 'containers', 0, 'image'] as const;

export function renderManifests(documents: readonly Record<string, unknown>[]): string {
  return documents.map((d) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

/** Rewrites the image of the first document's first container in `text`; throws when it has no such place. */
export function replaceImage(text: string, image: string, file: string): string {
  const docs = parseAllDocuments(text);
  const first = docs[0];
  if (first === undefined || !(first instanceof Document)) {
    throw new CliError('CLI_BAD_DOCUMENT', `${file}: no YAML document to update`);
  }
  if (first.errors.length > 0) throw new CliError('CLI_BAD_DOCUMENT', `${file}: ${first.errors[0].message}`);
  const containers = first.getIn(['spec', 'template', 'spec', 'containers']);
  if (!isSeq(containers) || !isMap(containers.items[0])) {
    throw new CliError('CLI_BAD_DOCUMENT', `${file}: the first document has no spec.template.spec.containers[0] to set the image of`);
  }
  first.setIn([...IMAGE_PATH], image);
  return docs.map((d) => d.toString({ lineWidth: 0 })).join('');
}

/** Creates the file from `documents`, or — when it exists — only replaces its image. */
export function writeManifestFile(file: string, documents: readonly Record<string, unknown>[], image: string): ManifestFileOutcome {
  if (!existsSync(file)) {
    writeFileSync(file, renderManifests(documents));
    return 'created';
  }
  const before = readFileSync(file, 'utf8');
  const after = replaceImage(before, image, file);
  if (after === before) return 'unchanged';
  writeFileSync(file, after);
  return 'image-updated';
}
