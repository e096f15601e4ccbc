/**
 * Kubernetes manifests for a service, as plain objects (k8s-file.ts writes them as YAML). Compared with
 * go-doudou's (reference: no probes, no gossip port, no env): both files declare the HTTP port and — for the
 * StatefulSet, which is what micro mode runs as — the gossip port over TCP and UDP (memberlist probes over
 * UDP, pushes/pulls state over TCP), readiness/liveness probes on /go-doudou/health, GDD_* env wiring the
 * pods into one cluster, and a termination grace period longer than the service's own drain.
 */
import { formatDuration } from '../../config';

export interface ManifestOptions {
  /** Service name (an RFC 1123 label): names every object and labels the pods `app=<name>`. */
  name: string;
  image: string;
  replicas: number;
  namespace: string;
  /** GDD_PORT of the container. */
  httpPort: number;
  /** GDD_MEM_PORT of the container (StatefulSet only). */
  gossipPort: number;
  /** GDD_GRACE_TIMEOUT in ms: the pod's terminationGracePeriodSeconds is set above it. */
  graceTimeoutMs: number;
  /** Service type of the Deployment's Service. Default ClusterIP (go-doudou used LoadBalancer). */
  serviceType: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  cpuRequest: string;
  memoryRequest: string;
  memoryLimit: string;
}

export const MANIFEST_DEFAULTS = {
  replicas: 1,
  namespace: 'default',
  serviceType: 'ClusterIP',
  cpuRequest: '100m',
  memoryRequest: '128Mi',
  memoryLimit: '256Mi',
} as const;

/** Seconds Kubernetes waits after SIGTERM before SIGKILL: the drain, plus time to leave the cluster and log. */
export function terminationGraceSeconds(graceTimeoutMs: number): number {
  return Math.ceil(graceTimeoutMs / 1000) + 10;
}

type Manifest = Record<string, unknown>;

export function headlessServiceName(name: string): string {
  return `${name}-svc-headless`;
}

export function statefulSetName(name: string): string {
  return `${name}-statefulset`;
}

function probes(): Manifest {
  const httpGet = { path: '/go-doudou/health', port: 'http' };
  return {
    readinessProbe: { httpGet, initialDelaySeconds: 2, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
    livenessProbe: { httpGet, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
  };
}

function container(o: ManifestOptions, env: ReadonlyArray<{ name: string; value: string }>, gossip: boolean): Manifest {
  const ports: Manifest[] = [{ name: 'http', containerPort: o.httpPort, protocol: 'TCP' }];
  if (gossip) {
    ports.push({ name: 'gossip-tcp', containerPort: o.gossipPort, protocol: 'TCP' });
    ports.push({ name: 'gossip-udp', containerPort: o.gossipPort, protocol: 'UDP' });
  }
  return {
    name: o.name,
    image: o.image,
    imagePullPolicy: 'IfNotPresent',
    ports,
    env: [...env],
    ...probes(),
    resources: { requests: { cpu: o.cpuRequest, memory: o.memoryRequest }, limits: { memory: o.memoryLimit } },
  };
}

function baseEnv(o: ManifestOptions): Array<{ name: string; value: string }> {
  return [
    { name: 'GDD_SERVICE_NAME', value: o.name },
    { name: 'GDD_PORT', value: String(o.httpPort) },
    { name: 'GDD_GRACE_TIMEOUT', value: formatDuration(o.graceTimeoutMs) },
  ];
}

function podTemplate(o: ManifestOptions, env: ReadonlyArray<{ name: string; value: string }>, gossip: boolean): Manifest {
  return {
    metadata: { labels: { app: o.name } },
    spec: {
      terminationGracePeriodSeconds: terminationGraceSeconds(o.graceTimeoutMs),
      containers: [container(o, env, gossip)],
      restartPolicy: 'Always',
    },
  };
}

function metadata(o: ManifestOptions, name: string): Manifest {
  return { name, namespace: o.namespace, labels: { app: o.name } };
}

/** `<svc>_deployment.yaml`: a Deployment (monolith mode, GDD_MODE=mono) and a Service in front of it. */
export function deploymentManifests(o: ManifestOptions): Manifest[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(o, `${o.name}-deployment`),
      spec: {
        replicas: o.replicas,
        selector: { matchLabels: { app: o.name } },
        template: podTemplate(o, [{ name: 'GDD_MODE', value: 'mono' }, ...baseEnv(o)], false),
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(o, `${o.name}-service`),
      spec: {
        type: o.serviceType,
        selector: { app: o.name },
        ports: [{ name: 'http', port: o.httpPort, targetPort: 'http', protocol: 'TCP' }],
      },
    },
  ];
}

/**
 * `<svc>_statefulset.yaml`: micro mode. Stable pod names give stable gossip addresses: each pod advertises
 * `<pod>.<svc>-svc-headless.<ns>.svc.cluster.local` (GDD_MEM_HOST with a leading dot, completed by the
 * hostname) and joins pod 0. The headless Service publishes not-ready pods too, so a starting pod can be
 * found by its peers before its readiness probe passes.
 */
export function statefulSetManifests(o: ManifestOptions): Manifest[] {
  const headless = headlessServiceName(o.name);
  const domain = `${headless}.${o.namespace}.svc.cluster.local`;
  const env = [
    { name: 'GDD_MODE', value: 'micro' },
    ...baseEnv(o),
    { name: 'GDD_MEM_PORT', value: String(o.gossipPort) },
    { name: 'GDD_MEM_HOST', value: `.${domain}` },
    { name: 'GDD_MEM_SEED', value: `${statefulSetName(o.name)}-0.${domain}:${o.gossipPort}` },
  ];
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: metadata(o, statefulSetName(o.name)),
      spec: {
        serviceName: headless,
        replicas: o.replicas,
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: { app: o.name } },
        template: podTemplate(o, env, true),
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(o, headless),
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector: { app: o.name },
        ports: [
          { name: 'http', port: o.httpPort, targetPort: 'http', protocol: 'TCP' },
          { name: 'gossip-tcp', port: o.gossipPort, targetPort: 'gossip-tcp', protocol: 'TCP' },
          { name: 'gossip-udp', port: o.gossipPort, targetPort: 'gossip-udp', protocol: 'UDP' },
        ],
      },
    },
  ];
}
