/**
 * Running the tools a command drives (docker, kubectl, git, npm): looked up on PATH first so a missing one
 * is a clear error naming what to install, then run with inherited output; a non-zero exit is a CliError.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from './cli-errors';

/** The full path of `name` on PATH, or undefined. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface ExternalCommandOptions {
  cwd: string;
  /** Said when the executable is missing, e.g. 'install Docker: https://docs.docker.com/get-docker/'. */
  installHint: string;
  /** Collect stdout instead of passing it through. */
  capture?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Runs `name args…`; resolves with captured stdout ('' when passed through). */
export function runExternal(name: string, args: readonly string[], options: ExternalCommandOptions): Promise<string> {
  const env = options.env ?? process.env;
  const executable = findExecutable(name, env);
  if (executable === undefined) {
    return Promise.reject(new CliError('CLI_MISSING_EXECUTABLE', `${name} is not on PATH: ${options.installHint}`));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(executable, [...args], {
      cwd: options.cwd,
      env,
      stdio: ['ignore', options.capture === true ? 'pipe' : 'inherit', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', (err) => reject(new CliError('CLI_EXTERNAL_COMMAND_FAILED', `${name}: ${err.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve(out);
      else {
        const how = signal !== null ? `was killed by ${signal}` : `exited with status ${code}`;
        reject(new CliError('CLI_EXTERNAL_COMMAND_FAILED', `${name} ${args.join(' ')} ${how}`));
      }
    });
  });
}

export const DOCKER_HINT = 'install Docker (https://docs.docker.com/get-docker/) or put docker on PATH';
export const KUBECTL_HINT = 'install kubectl (Debian: apt-get install kubernetes-client; https://kubernetes.io/docs/tasks/tools/)';
