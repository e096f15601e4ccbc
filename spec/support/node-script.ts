/**
 * A Node.js script run to completion as a child process, its stdout and stderr collected as one text (the
 * order a reader of a terminal would see). The environment is PATH plus what the test gives, so nothing of
 * the developer's shell leaks in; a script that outlives its allowance is killed and reported with code null.
 */
import { spawn } from 'node:child_process';

export interface NodeScriptResult {
  code: number | null;
  output: string;
}

export function runNodeScript(
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<NodeScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
