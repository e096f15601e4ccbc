import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runDoudou } from '../../support/cli-process';
import { TempDirs } from '../../support/temp-dir';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are walked by path

function readDocs(file: string): Obj[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => (d as { toJS(): Obj }).toJS());
}

describe('cli/commands/svc-k8s (doudou svc k8s)', function () {
  this.timeout(30_000);
  const temp = new TempDirs();
  after(() => temp.removeAll());

  function project(): string {
    const dir = temp.make('k8s-cmd');
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@acme/billing', version: '1.0.0' }));
    writeFileSync(path.join(dir, '.env'), 'GDD_PORT=8080\nGDD_GRACE_TIMEOUT=40s\n');
    return dir;
  }

  it('writes both files named after the service, with ports and grace period from the project .env', async () => {
    const dir = project();
    const r = await runDoudou(['svc', 'k8s', '--image', 'registry.example.com/billing:1.4.0', '--replicas', '2', '-n', 'shop'], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /wrote billing_deployment\.yaml\nwrote billing_statefulset\.yaml/);
    const deployment = readDocs(path.join(dir, 'billing_deployment.yaml'));
    const stateful = readDocs(path.join(dir, 'billing_statefulset.yaml'));
    assert.deepEqual(
      deployment.map((d) => d.kind),
      ['Deployment', 'Service'],
    );
    assert.deepEqual(
      stateful.map((d) => d.kind),
      ['StatefulSet', 'Service'],
    );
    const pod = stateful[0].spec.template.spec;
    assert.equal(pod.containers[0].ports[0].containerPort, 8080);
    assert.ok(pod.terminationGracePeriodSeconds > 40);
    assert.equal(stateful[0].spec.replicas, 2);
    assert.equal(stateful[0].metadata.namespace, 'shop');
  });

  it('on a second run keeps every edit of an existing file and changes only the image', async () => {
    const dir = project();
    assert.equal((await runDoudou(['svc', 'k8s', '--image', 'reg/billing:1'], { cwd: dir })).code, 0);
    const file = path.join(dir, 'billing_deployment.yaml');
    const edited = `# ours\n${readFileSync(file, 'utf8').replace('replicas: 1', 'replicas: 5').replace('cpu: 100m', 'cpu: 250m')}`;
    writeFileSync(file, edited);
    const r = await runDoudou(['svc', 'k8s', '--image', 'reg/billing:2', '--replicas', '9'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /updated the image of billing_deployment\.yaml/);
    assert.equal(readFileSync(file, 'utf8'), edited.replace('image: reg/billing:1', 'image: reg/billing:2'));
  });

  it('exits 2 without --image, and on a replicas value that is not a number', async () => {
    const dir = project();
    const missing = await runDoudou(['svc', 'k8s'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /required option '-i, --image <image>'/);
    const bad = await runDoudou(['svc', 'k8s', '--image', 'x', '--replicas', 'many'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--replicas must be a whole number/);
  });

  it('exits 1 with one line when an existing file has no container to set the image of', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'billing_deployment.yaml'), 'apiVersion: v1\nkind: ConfigMap\n');
    const r = await runDoudou(['svc', 'k8s', '--image', 'x'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^doudou: .*billing_deployment\.yaml: the first document has no spec\.template\.spec\.containers\[0\]/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});
