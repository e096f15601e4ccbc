/**
 * Writing a new project: files that already exist are kept with a warning (go-doudou's rule) unless
 * `force`; `git init` when git is on PATH and the folder is not a repository yet.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { findExecutable } from '../external-command';
import { pascalCase } from '../client/identifiers';
import { packageInfo } from '../package-info';
import { dnsLabel } from '../service-project';
import * as t from './project-templates';

export interface ScaffoldOptions {
  dir: string;
  force: boolean;
  log: (line: string) => void;
}

/** Dev tool versions of the generated project: the ones ts-doudou itself is built and tested with. */
const FALLBACK_VERSIONS = { typescript: '^5.9.3', mocha: '^12.0.3', '@types/mocha': '^10.0.10', '@types/node': '^20.19.0' };

export function dependencyOnTsDoudou(): { spec: string; note: string } {
  const info = packageInfo();
  if (info.isClone) {
    return {
      spec: `file:${info.root}`,
      note: `file:${info.root} (the ts-doudou clone this generator ran from; the published package otherwise)`,
    };
  }
  return { spec: `^${info.version}`, note: `^${info.version} (the published package; a clone's path when generated from a clone)` };
}

function versions(tsDoudou: string): t.ProjectVersions {
  const dev = packageInfo().devDependencies;
  const pick = (name: keyof typeof FALLBACK_VERSIONS): string => dev[name] ?? FALLBACK_VERSIONS[name];
  return {
    tsDoudou,
    typescript: pick('typescript'),
    mocha: pick('mocha'),
    typesMocha: pick('@types/mocha'),
    typesNode: pick('@types/node'),
  };
}

export function scaffoldProject(options: ScaffoldOptions): { written: string[]; kept: string[]; dependencyNote: string } {
  const dir = path.resolve(options.dir);
  const service = dnsLabel(path.basename(dir));
  const names: t.ProjectNames = { service, pascal: pascalCase(service) };
  const dependency = dependencyOnTsDoudou();
  const files: Record<string, string> = {
    'package.json': t.packageJson(names, versions(dependency.spec)),
    'tsconfig.json': t.TSCONFIG,
    'src/dto.ts': t.dtoTs(),
    'src/contract.ts': t.contractTs(names),
    'src/service.ts': t.serviceTs(names),
    'src/main.ts': t.MAIN_TS,
    'test/service.spec.ts': t.testTs(names),
    '.env': t.dotEnv(names),
    '.gitignore': t.GITIGNORE,
    '.dockerignore': t.DOCKERIGNORE,
    Dockerfile: t.dockerfile(names),
    'README.md': t.readme(names, dependency.note),
  };
  const written: string[] = [];
  const kept: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (existsSync(file) && !options.force) {
      kept.push(name);
      options.log(`warning: kept ${name} (it exists; --force overwrites)`);
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    written.push(name);
    options.log(`wrote ${name}`);
  }
  if (!existsSync(path.join(dir, '.git')) && findExecutable('git') !== undefined) {
    try {
      execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore' });
      options.log('ran git init');
    } catch {
      options.log('warning: git init failed; the project is not a repository');
    }
  }
  return { written, kept, dependencyNote: dependency.note };
}
