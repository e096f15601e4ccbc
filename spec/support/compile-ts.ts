/**
 * Compiles generated TypeScript the way a user's project would: `import … from 'ts-doudou'` resolves to
 * this repository's build through a node_modules symlink (types from dist/lib/*.d.ts, code from
 * dist/lib/*.js — the same module instances the spec itself uses), with the project's compiler options.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

const REPO = path.resolve(__dirname, '../../..');

export interface CompileResult {
  /** Formatted errors (file:line message), empty when it compiled. */
  readonly errors: readonly string[];
  /** Error codes with the 1-based line they are on, e.g. { code: 2322, file: 'bad.ts', line: 7 }. */
  readonly diagnostics: ReadonlyArray<{ code: number; file: string; line: number; message: string }>;
  /** Where the JavaScript went. */
  readonly outDir: string;
}

/** A temp directory that can `import 'ts-doudou'`; remove() deletes it. */
export function tsProjectDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(REPO, path.join(dir, 'node_modules', 'ts-doudou'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`) && !f.includes(`${path.sep}dist${path.sep}`));
}

/**
 * Parsed declaration files (lib.es2022, @types/*, ts-doudou's dist/lib, its dependencies'), shared by every
 * compile of the run, as the language service shares them between programs: each project's own .ts files are
 * read afresh, the ~700 declaration files it imports are parsed (and bound) once instead of once per compile.
 * Only .d.ts files, which no spec writes while the run lasts, are kept.
 */
const declarationFiles = new Map<string, ts.SourceFile | undefined>();

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.endsWith('.d.ts')) return read(fileName, languageVersion, onError, shouldCreate);
    const key = `${JSON.stringify(languageVersion)} ${fileName}`;
    if (!declarationFiles.has(key)) declarationFiles.set(key, read(fileName, languageVersion, onError, shouldCreate));
    return declarationFiles.get(key);
  };
  return host;
}

/** Type-checks and emits every .ts file under `srcDir` into `<srcDir>/dist`. */
export function compileTs(srcDir: string): CompileResult {
  const outDir = path.join(srcDir, 'dist');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts'],
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    skipLibCheck: true,
    rootDir: srcDir,
    outDir,
    types: ['node', 'mocha'],
    typeRoots: [path.join(REPO, 'node_modules', '@types')],
  };
  const program = ts.createProgram({ rootNames: tsFiles(srcDir), options, host: cachingHost(options) });
  const emitted = program.emit();
  const all = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  const diagnostics = all.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return { code: d.code, file: '', line: 0, message };
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return { code: d.code, file: path.relative(srcDir, d.file.fileName), line: line + 1, message };
  });
  return { errors: diagnostics.map((d) => `${d.file}:${d.line} TS${d.code} ${d.message}`), diagnostics, outDir };
}
