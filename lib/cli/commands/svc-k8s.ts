/** `doudou svc k8s`: writes <svc>_deployment.yaml and <svc>_statefulset.yaml (an existing file keeps all but the image). */
import { Option, type Command } from 'commander';
import * as path from 'node:path';
import { integerOption } from '../command-registry';
import { writeServiceManifests, type ManifestFlags } from '../k8s/manifest-targets';
import { MANIFEST_DEFAULTS } from '../k8s/manifests';
import { readServiceProject } from '../service-project';

interface K8sFlags {
  image: string;
  name?: string;
  replicas?: number;
  namespace?: string;
  serviceType?: ManifestFlags['serviceType'];
  dir?: string;
}

const OUTCOME_TEXT = { created: 'wrote', 'image-updated': 'updated the image of', unchanged: 'kept' } as const;

export function registerSvcK8s(parent: Command): void {
  parent
    .command('k8s')
    .description('write Kubernetes manifests: <svc>_deployment.yaml (Deployment + Service) and <svc>_statefulset.yaml (micro mode)')
    .requiredOption('-i, --image <image>', 'container image, e.g. registry.example.com/billing:1.4.0')
    .option('--name <name>', 'service name (default: GDD_SERVICE_NAME, else package.json name)')
    .option('--replicas <n>', `replicas (default ${MANIFEST_DEFAULTS.replicas})`, integerOption('--replicas', 0, 1000))
    .option('-n, --namespace <ns>', `namespace (default ${MANIFEST_DEFAULTS.namespace})`)
    .addOption(
      new Option('--service-type <type>', `type of the Deployment's Service (default ${MANIFEST_DEFAULTS.serviceType})`).choices([
        'ClusterIP',
        'NodePort',
        'LoadBalancer',
      ]),
    )
    .option('-d, --dir <dir>', 'folder to write the files to (default: the project folder)')
    .addHelpText(
      'after',
      "\nPorts, GDD_GRACE_TIMEOUT and GDD_MEM_PORT come from the project's environment, app.yml and .env files.\n" +
        'A file that exists keeps everything but the image of its first container.\n\n' +
        'Example:\n  doudou svc k8s --image registry.example.com/billing:1.4.0 --replicas 3 -n shop',
    )
    .action((flags: K8sFlags) => {
      const project = readServiceProject(process.cwd(), flags.name);
      for (const { file, outcome } of writeServiceManifests(project, flags)) {
        process.stdout.write(`${OUTCOME_TEXT[outcome]} ${path.relative(process.cwd(), file) || file}\n`);
      }
    });
}
