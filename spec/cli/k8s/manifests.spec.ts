import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { renderManifests, replaceImage } from '../../../lib/cli/k8s/manifest-file';
import { deploymentManifests, statefulSetManifests, terminationGraceSeconds, type ManifestOptions } from '../../../lib/cli/k8s/manifests';
import { hasCommand, requireOrSkip } from '../../support/requirements';
import { TempDirs } from '../../support/temp-dir';

const options: ManifestOptions = {
  name: 'billing',
  image: 'registry.example.com/billing:1.4.0',
  replicas: 3,
  namespace: 'shop',
  httpPort: 6060,
  gossipPort: 7946,
  graceTimeoutMs: 15_000,
  serviceType: 'ClusterIP',
  cpuRequest: '100m',
  memoryRequest: '128Mi',
  memoryLimit: '256Mi',
};

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are walked by path

/** Validates one manifest against the Kubernetes OpenAPI schema kubernetes-models ships for its kind. */
function validateWithKubernetesSchema(doc: Obj): void {
  const models: Record<string, new (d: Obj) => { validate(): void }> = {
    Deployment: Deployment as never,
    StatefulSet: StatefulSet as never,
    Service: Service as never,
  };
  const Model = models[doc.kind];
  assert.ok(Model, `no schema for kind ${doc.kind}`);
  new Model(doc).validate();
}

/** Every leaf of `expected` is in `actual` with the same value: what kubectl's typed decoding kept. */
function assertKept(expected: unknown, actual: unknown, where: string): void {
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where}: dropped by kubectl`);
    for (const [k, v] of Object.entries(expected)) assertKept(v, (actual as Obj)[k], `${where}.${k}`);
  } else {
    assert.deepEqual(actual, expected, `${where}: kubectl changed or dropped it`);
  }
}

const container = (docs: Obj[]): Obj => docs[0].spec.template.spec.containers[0];
const env = (docs: Obj[]): Record<string, string> =>
  Object.fromEntries((container(docs).env as Array<{ name: string; value: string }>).map((e) => [e.name, e.value]));

describe('cli/k8s/manifests', () => {
  const temp = new TempDirs();
  after(() => temp.removeAll());

  it("validates every generated document against Kubernetes' own schemas (kubernetes-models)", () => {
    for (const doc of [...deploymentManifests(options), ...statefulSetManifests(options)]) validateWithKubernetesSchema(doc);
  });

  it('the schema check is real: a port given as a string is rejected', () => {
    const bad = deploymentManifests(options)[0] as Obj;
    container([bad]).ports[0].containerPort = '6060';
    assert.throws(() => validateWithKubernetesSchema(bad), /containerPort must be integer/);
  });

  it('declares the HTTP port, and in the StatefulSet the gossip port over TCP and UDP, on pods and on the headless Service', () => {
    const deployment = deploymentManifests(options);
    assert.deepEqual(
      container(deployment).ports.map((p: Obj) => `${p.name}:${p.containerPort}/${p.protocol}`),
      ['http:6060/TCP'],
    );
    const stateful = statefulSetManifests(options) as Obj[];
    assert.deepEqual(
      container(stateful).ports.map((p: Obj) => `${p.name}:${p.containerPort}/${p.protocol}`),
      ['http:6060/TCP', 'gossip-tcp:7946/TCP', 'gossip-udp:7946/UDP'],
    );
    const headless = stateful[1];
    assert.equal(headless.spec.clusterIP, 'None');
    assert.equal(headless.spec.publishNotReadyAddresses, true);
    assert.deepEqual(
      headless.spec.ports.map((p: Obj) => `${p.port}/${p.protocol}`),
      ['6060/TCP', '7946/TCP', '7946/UDP'],
    );
    assert.equal(stateful[0].spec.serviceName, headless.metadata.name);
  });

  it('probes readiness and liveness on /go-doudou/health through the http port', () => {
    for (const docs of [deploymentManifests(options), statefulSetManifests(options)]) {
      for (const probe of ['readinessProbe', 'livenessProbe']) {
        assert.deepEqual(container(docs)[probe].httpGet, { path: '/go-doudou/health', port: 'http' });
      }
    }
  });

  it('wires StatefulSet pods into one gossip cluster: GDD_MEM_HOST with a leading dot and GDD_MEM_SEED of pod 0', () => {
    const e = env(statefulSetManifests(options));
    assert.equal(e.GDD_MODE, 'micro');
    assert.equal(e.GDD_SERVICE_NAME, 'billing');
    assert.equal(e.GDD_MEM_HOST, '.billing-svc-headless.shop.svc.cluster.local');
    assert.equal(e.GDD_MEM_SEED, 'billing-statefulset-0.billing-svc-headless.shop.svc.cluster.local:7946');
    assert.equal(env(deploymentManifests(options)).GDD_MODE, 'mono');
  });

  it('gives pods longer than GDD_GRACE_TIMEOUT to drain, and resource requests', () => {
    for (const graceTimeoutMs of [15_000, 45_500]) {
      const docs = statefulSetManifests({ ...options, graceTimeoutMs }) as Obj[];
      const seconds = docs[0].spec.template.spec.terminationGracePeriodSeconds;
      assert.ok(seconds > graceTimeoutMs / 1000, `${seconds}s is not above ${graceTimeoutMs}ms`);
      assert.equal(seconds, terminationGraceSeconds(graceTimeoutMs));
    }
    assert.deepEqual(container(deploymentManifests(options)).resources.requests, { cpu: '100m', memory: '128Mi' });
  });

  it('takes image, replicas and namespace from the options', () => {
    for (const docs of [deploymentManifests(options), statefulSetManifests(options)] as Obj[][]) {
      assert.equal(container(docs).image, options.image);
      assert.equal(docs[0].spec.replicas, 3);
      for (const d of docs) assert.equal(d.metadata.namespace, 'shop');
    }
  });

  it('replaces only the image of the first container, keeping comments and other edits', () => {
    const text = `# edited by hand\n${renderManifests(deploymentManifests(options)).replace('replicas: 3', 'replicas: 7 # peak')}`;
    const updated = replaceImage(text, 'registry.example.com/billing:1.5.0', 'x.yaml');
    assert.equal(updated, text.replace('registry.example.com/billing:1.4.0', 'registry.example.com/billing:1.5.0'));
  });

  it("round-trips through kubectl's typed decoding offline, losing and changing nothing", function () {
    requireOrSkip(this, hasCommand('kubectl'), 'kubectl (Debian: apt-get install kubernetes-client)');
    const dir = temp.make('k8s');
    for (const [name, docs] of [
      ['deployment', deploymentManifests(options)],
      ['statefulset', statefulSetManifests(options)],
    ] as const) {
      const file = path.join(dir, `${name}.yaml`);
      writeFileSync(file, renderManifests(docs));
      // `label --local` decodes every object into Kubernetes' Go types and prints it back, without a cluster
      const out = execFileSync('kubectl', ['label', '--local', '-f', file, 'roundtrip=yes', '-o', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, KUBECONFIG: path.join(dir, 'no-kubeconfig') },
      });
      // one pretty-printed JSON object per manifest, back to back: each starts with '{' at a line start
      const items = out
        .split(/\n(?=\{)/)
        .filter((chunk) => chunk.trim() !== '')
        .map((chunk) => JSON.parse(chunk) as Obj);
      assert.equal(items.length, docs.length);
      docs.forEach((doc, i) => assertKept(doc, items[i], `${name}[${i}]`));
    }
  });

  it('parses back to the same objects (valid YAML, no aliases)', () => {
    const docs = statefulSetManifests(options);
    const text = renderManifests(docs);
    assert.doesNotMatch(text, /[&*]a\d/);
    assert.deepEqual(
      parseAllDocuments(text).map((d) => (d as { toJS(): unknown }).toJS()),
      docs,
    );
  });
});
