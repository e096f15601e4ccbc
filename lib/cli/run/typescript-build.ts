/**
 * Builds with the project's own TypeScript (never a copy of ours): a one-shot program for `svc run`, and
 * TypeScript's incremental watch program for `svc run --watch`. Watching uses file-system events
 * (UseFsEvents), not polling; noEmitOnError keeps a failed build from touching the emitted JavaScript,
 * so the running process and the files on disk stay the last good build.
 */
import type * as TypeScript from 'typescript';
import { CliError, CliErrorCodes } from '../cli-errors';
import { loadTypeScript } from '../mock/mock-contracts';

type Ts = typeof TypeScript;

export interface BuildReport {
  errorCount: number;
}

export function typescriptOf(cwd: string): Ts {
  return loadTypeScript(cwd) as unknown as Ts;
}

function formatHost(ts: Ts, cwd: string): TypeScript.FormatDiagnosticsHost {
  return { getCanonicalFileName: (f) => f, getCurrentDirectory: () => cwd, getNewLine: () => ts.sys.newLine };
}

function configPath(ts: Ts, cwd: string, project: string): string {
  const found = ts.findConfigFile(cwd, ts.sys.fileExists, project);
  if (found === undefined) throw new CliError(CliErrorCodes.CLI_FILE_NOT_FOUND, `no ${project} in ${cwd}`);
  return found;
}

/** One build; prints diagnostics to stderr and returns how many errors there were. */
export function buildOnce(cwd: string, project: string): BuildReport {
  const ts = typescriptOf(cwd);
  const file = configPath(ts, cwd, project);
  const host = formatHost(ts, cwd);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    file,
    { noEmitOnError: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => process.stderr.write(ts.formatDiagnostic(d, host)),
    },
  );
  if (parsed === undefined) throw new CliError(CliErrorCodes.CLI_BUILD_FAILED, `cannot read ${file}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  const emitted = program.emit();
  // with noEmitOnError the emit repeats the pre-emit errors
  const diagnostics = ts.sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics, ...parsed.errors]);
  for (const d of diagnostics) process.stderr.write(ts.formatDiagnostic(d, host));
  return { errorCount: diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length };
}

export interface WatchHandlers {
  /** After every build: 0 errors means the emitted JavaScript is the new code. */
  onBuild(report: BuildReport): void;
}

/** Starts TypeScript's watch program; returns a function that closes it. */
export function watchBuild(cwd: string, project: string, handlers: WatchHandlers): () => void {
  const ts = typescriptOf(cwd);
  const file = configPath(ts, cwd, project);
  const host = formatHost(ts, cwd);
  const watchHost = ts.createWatchCompilerHost(
    file,
    { noEmitOnError: true },
    ts.sys,
    ts.createEmitAndSemanticDiagnosticsBuilderProgram,
    (d) => process.stderr.write(ts.formatDiagnostic(d, host)),
    (d, _newLine, _options, errorCount) => {
      process.stdout.write(`doudou: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}\n`);
      // 6193/6194: "Found N error(s). Watching for file changes." — the end of a build
      if (errorCount !== undefined) handlers.onBuild({ errorCount });
    },
    {
      watchFile: ts.WatchFileKind.UseFsEvents,
      watchDirectory: ts.WatchDirectoryKind.UseFsEvents,
      fallbackPolling: ts.PollingWatchKind.DynamicPriority,
    },
  );
  const program = ts.createWatchProgram(watchHost);
  return () => program.close();
}
