/** Which manifest files a service has and what goes in them, from flags and the project's GDD_* config. */
import * as path from 'node:path';
import { dnsLabel, type ServiceProject } from '../service-project';
import { MANIFEST_DEFAULTS, deploymentManifests, statefulSetManifests, type ManifestOptions } from './manifests';
import { writeManifestFile, type ManifestFileOutcome } from './manifest-file';

export interface ManifestFlags {
  image: string;
  replicas?: number;
  namespace?: string;
  serviceType?: ManifestOptions['serviceType'];
  /** Folder the YAML files go to; default the project folder. */
  dir?: string;
}

export interface ManifestFiles {
  deployment: string;
  statefulset: string;
}

export function manifestFiles(project: ServiceProject, dir?: string): ManifestFiles {
  const name = dnsLabel(project.name);
  const base = path.resolve(project.dir, dir ?? '.');
  return { deployment: path.join(base, `${name}_deployment.yaml`), statefulset: path.join(base, `${name}_statefulset.yaml`) };
}

export function manifestOptions(project: ServiceProject, flags: ManifestFlags): ManifestOptions {
  const { config } = project;
  return {
    name: dnsLabel(project.name),
    image: flags.image,
    replicas: flags.replicas ?? MANIFEST_DEFAULTS.replicas,
    namespace: flags.namespace ?? MANIFEST_DEFAULTS.namespace,
    httpPort: config.http.port === 0 ? 6060 : config.http.port,
    gossipPort: config.mem.bindPort === 0 ? 7946 : config.mem.bindPort,
    graceTimeoutMs: config.http.graceTimeoutMs,
    serviceType: flags.serviceType ?? MANIFEST_DEFAULTS.serviceType,
    cpuRequest: MANIFEST_DEFAULTS.cpuRequest,
    memoryRequest: MANIFEST_DEFAULTS.memoryRequest,
    memoryLimit: MANIFEST_DEFAULTS.memoryLimit,
  };
}

/** Writes (or updates the image of) both files; returns what happened to each. */
export function writeServiceManifests(
  project: ServiceProject,
  flags: ManifestFlags,
): Array<{ file: string; outcome: ManifestFileOutcome }> {
  const files = manifestFiles(project, flags.dir);
  const options = manifestOptions(project, flags);
  return [
    { file: files.deployment, outcome: writeManifestFile(files.deployment, deploymentManifests(options), options.image) },
    { file: files.statefulset, outcome: writeManifestFile(files.statefulset, statefulSetManifests(options), options.image) },
  ];
}
