/**
 * A throwaway TypeScript project in a temp folder that depends on this checkout as `ts-doudou`
 * (node_modules/ts-doudou is a symlink to the repository, as `npm install <clone>` makes it), compiled with
 * the repository's own tsc under --strict: how specs prove generated code compiles and runs as a user's would.
 * skipLibCheck as a user's project has it (`tsc --init`, the `svc init` template): the .ts files are checked
 * under --strict, the .d.ts files are not re-checked on every compile — checking ts-doudou's own declarations
 * (and those of its dependencies) without skipLibCheck is package.spec.ts's job, on the packed tarball; here it
 * cost ~16 s of every compile.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root (dist/spec/support → three up). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export const STRICT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'commonjs',
    moduleResolution: 'node',
    strict: true,
    skipLibCheck: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    outDir: 'dist',
    rootDir: 'src',
    types: ['node'],
    typeRoots: [path.join(REPO_ROOT, 'node_modules', '@types')],
  },
  include: ['src/**/*.ts'],
};

/** Writes `files` (paths relative to `dir`), a strict tsconfig.json and the ts-doudou link. */
export function writeLinkedProject(dir: string, files: Record<string, string> = {}): void {
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  symlinkSync(REPO_ROOT, path.join(dir, 'node_modules', 'ts-doudou'), 'dir');
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(STRICT_TSCONFIG, null, 2));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** Runs tsc -p on the project; returns its exit code and diagnostics. */
export function compileProject(dir: string): { code: number | null; output: string } {
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  // generous: on a loaded 2-core machine loading the declarations of ts-doudou and @types/node takes minutes
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, output: `${r.stdout}${r.stderr}${r.error ? `\n${r.error.message}` : ''}` };
}
