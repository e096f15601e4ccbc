import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runDoudou } from '../support/cli-process';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

describe('cli/program (the doudou command)', function () {
  this.timeout(30_000);

  it('is the package bin "doudou", pointing at the compiled entry', () => {
    assert.equal(pkg.bin.doudou, 'dist/lib/cli/doudou.js');
    assert.match(readFileSync(path.resolve(__dirname, '..', '..', 'lib', 'cli', 'doudou.js'), 'utf8'), /^#!\/usr\/bin\/env node/);
  });

  it('prints help listing its commands and exits 0', async () => {
    const r = await runDoudou(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: doudou/);
    assert.match(r.stdout, /svc\s+scaffold/);
    assert.match(r.stdout, /gossip-node/);
  });

  it('prints the package version with --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await runDoudou([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout.trim(), pkg.version);
    }
  });

  it('exits 2 with a clear message and a suggestion on an unknown command', async () => {
    const r = await runDoudou(['sv']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command 'sv'/);
    assert.match(r.stderr, /Did you mean svc\?/);
  });

  it('exits 2 on an unknown flag, also on a subcommand', async () => {
    const root = await runDoudou(['--bogus']);
    assert.equal(root.code, 2);
    assert.match(root.stderr, /unknown option '--bogus'/);
    const sub = await runDoudou(['svc', 'deploy', '--bogus']);
    assert.equal(sub.code, 2);
    assert.match(sub.stderr, /unknown option '--bogus'/);
  });

  it('exits 2 and shows the group help when svc is called without a subcommand', async () => {
    const r = await runDoudou(['svc']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Usage: doudou svc/);
  });

  it('fails with exit 1 and one readable line, and prints the stack only with --verbose', async () => {
    // gossip-node with an invalid GDD_MEM_* fails inside the command (not a usage mistake)
    const env = { GDD_MEM_PROBE_INTERVAL: 'often', GDD_MEM_PORT: '0', GDD_MEM_BIND_ADDR: '127.0.0.1' };
    const plain = await runDoudou(['gossip-node'], { env });
    assert.equal(plain.code, 1);
    const lines = plain.stderr.trim().split('\n');
    assert.equal(lines.length, 1, plain.stderr);
    assert.match(lines[0], /^doudou: .*GDD_MEM_PROBE_INTERVAL/);
    const verbose = await runDoudou(['gossip-node', '--verbose'], { env });
    assert.equal(verbose.code, 1);
    assert.match(verbose.stderr, /GDD_MEM_PROBE_INTERVAL[\s\S]*\n\s+at /);
  });
});
