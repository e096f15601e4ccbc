/**
 * Tests that need something a plain Node machine may lack (Go toolchain, serf, root for netns) are
 * pending with an install hint — except under CI=true, where a missing requirement is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Where Debian's golang-*-dev packages put their sources: the GOPATH gonode is built against. */
export const DEBIAN_GOPATH = '/usr/share/gocode';

export const DEBIAN_GOSSIP_HINT =
  'install golang-go golang-github-hashicorp-memberlist-dev (Debian; .ci/install-system.sh does) to build the Go memberlist peer spec/support/gonode';

export function isCI(): boolean {
  return process.env.CI === 'true';
}

/** Is an executable on PATH? */
export function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The Go toolchain and Debian's memberlist sources: what building spec/support/gonode in GOPATH mode needs. */
export function hasGoMemberlist(): boolean {
  return hasCommand('go') && existsSync(path.join(DEBIAN_GOPATH, 'src/github.com/hashicorp/memberlist'));
}

/** root + `ip netns` + nft: what the namespace fault tests need. */
export function hasNetns(): boolean {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  if (!hasCommand('ip') || !hasCommand('nft')) return false;
  // Listing works in most containers; creating needs CAP_SYS_ADMIN — so really create one.
  const probe = `tsdprobe${process.pid}`;
  try {
    execFileSync('ip', ['netns', 'add', probe], { stdio: 'ignore' });
    execFileSync('ip', ['netns', 'del', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Call from a mocha `before`/`it` with `this`: skips (pending) with a hint when `available` is false,
 * throws under CI. The hint goes into the titles of the tests it leaves pending, so the report says what
 * to install.
 */
export function requireOrSkip(ctx: Mocha.Context, available: boolean, hint: string): void {
  if (available) return;
  if (isCI()) throw new Error(`missing test requirement under CI: ${hint}`);
  const runnable = ctx.test;
  // from `it`: that test; from a hook: every test of its suite and of the suites below
  const pending: Mocha.Test[] = [];
  const collect = (suite: Mocha.Suite): void => {
    pending.push(...suite.tests);
    suite.suites.forEach(collect);
  };
  if ((runnable as Mocha.Test | Mocha.Hook | undefined)?.type === 'test') pending.push(runnable as Mocha.Test);
  else if (runnable?.parent) collect(runnable.parent);
  for (const test of pending) if (!test.title.includes(' (pending: ')) test.title += ` (pending: ${hint})`;
  ctx.skip();
}
