import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { timestampTag } from '../../../lib/cli/commands/svc-push';
import { runDoudou } from '../../support/cli-process';
import { FakeExecutables } from '../../support/fake-executables';
import { TempDirs } from '../../support/temp-dir';

describe('cli/commands/svc-push (doudou svc push / deploy / shutdown, against fake docker and kubectl)', function () {
  this.timeout(30_000);
  const temp = new TempDirs();
  after(() => temp.removeAll());

  function setup(): { dir: string; fakes: FakeExecutables } {
    const dir = temp.make('push');
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'billing' }));
    const fakes = new FakeExecutables(temp.make('fake-bin')).add('docker').add('kubectl');
    return { dir, fakes };
  }

  it('builds, tags and pushes <repo>/<svc>:<version>, then sets that image in both manifest files', async () => {
    const { dir, fakes } = setup();
    const r = await runDoudou(['svc', 'push', '-r', 'registry.example.com/', '--ver', '1.4.0'], { cwd: dir, env: { PATH: fakes.path() } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      fakes.calls().map((c) => [c.tool, ...c.argv]),
      [
        ['docker', 'build', '-t', 'billing:1.4.0', '.'],
        ['docker', 'tag', 'billing:1.4.0', 'registry.example.com/billing:1.4.0'],
        ['docker', 'push', 'registry.example.com/billing:1.4.0'],
      ],
    );
    assert.ok(fakes.calls().every((c) => c.cwd === dir));
    for (const file of ['billing_deployment.yaml', 'billing_statefulset.yaml']) {
      assert.match(readFileSync(path.join(dir, file), 'utf8'), /image: registry\.example\.com\/billing:1\.4\.0/);
    }
  });

  it('tags with v<yyyyMMddHHmmss> by default and applies a name prefix', async () => {
    assert.equal(timestampTag(new Date(2026, 0, 2, 3, 4, 5)), 'v20260102030405');
    const { dir, fakes } = setup();
    const r = await runDoudou(['svc', 'push', '--pre', 'shop-'], { cwd: dir, env: { PATH: fakes.path() } });
    assert.equal(r.code, 0, r.stderr);
    const calls = fakes.calls();
    assert.equal(calls.length, 1, 'no tag or push without --repo');
    assert.match(calls[0].argv[2], /^shop-billing:v\d{14}$/);
  });

  it('stops at the first failing docker step with exit 1 naming it', async () => {
    const { dir } = setup();
    const failing = new FakeExecutables(temp.make('fake-bin')).add('docker', 3);
    const r = await runDoudou(['svc', 'push', '-r', 'reg'], { cwd: dir, env: { PATH: failing.path() } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^doudou: docker build -t billing:v\d+ \. exited with status 3/);
    assert.equal(failing.calls().length, 1);
  });

  it('deploy runs kubectl apply -f on the deployment file, or the statefulset file by flag', async () => {
    const { dir, fakes } = setup();
    const env = { PATH: fakes.path() };
    assert.equal((await runDoudou(['svc', 'deploy'], { cwd: dir, env })).code, 0);
    assert.equal((await runDoudou(['svc', 'deploy', '--statefulset'], { cwd: dir, env })).code, 0);
    assert.equal((await runDoudou(['svc', 'deploy', '-k', 'custom.yaml'], { cwd: dir, env })).code, 0);
    assert.deepEqual(
      fakes.calls().map((c) => c.argv),
      [
        ['apply', '-f', 'billing_deployment.yaml'],
        ['apply', '-f', 'billing_statefulset.yaml'],
        ['apply', '-f', 'custom.yaml'],
      ],
    );
  });

  it('shutdown runs kubectl delete -f', async () => {
    const { dir, fakes } = setup();
    const r = await runDoudou(['svc', 'shutdown', '--statefulset'], { cwd: dir, env: { PATH: fakes.path() } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fakes.calls()[0].argv, ['delete', '-f', 'billing_statefulset.yaml']);
  });

  it('says clearly which tool is missing and how to install it', async () => {
    const { dir } = setup();
    const empty = new FakeExecutables(temp.make('empty-bin'));
    const push = await runDoudou(['svc', 'push'], { cwd: dir, env: { PATH: empty.path() } });
    assert.equal(push.code, 1);
    assert.match(push.stderr, /^doudou: docker is not on PATH: install Docker/);
    const deploy = await runDoudou(['svc', 'deploy'], { cwd: dir, env: { PATH: empty.path() } });
    assert.equal(deploy.code, 1);
    assert.match(deploy.stderr, /^doudou: kubectl is not on PATH: install kubectl/);
  });
});
