/** npm as a child process, for specs that install and run generated projects (prefers the local cache). */
import { spawn } from 'node:child_process';

export interface NpmResult {
  code: number | null;
  output: string;
}

export function runNpm(args: readonly string[], cwd: string, timeoutMs = 300_000): Promise<NpmResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', [...args], {
      cwd,
      env: { ...process.env, npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm ${args.join(' ')} did not finish in ${timeoutMs}ms:\n${output}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** `npm install` as fast as it goes: cached packages, no audit, no funding notes. */
export const NPM_INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund'];
