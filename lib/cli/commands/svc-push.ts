/**
 * `doudou svc push`: docker build, tag `<repo>/<image>:<version>`, docker push, then set that image in both
 * manifest files (creating them when missing). `svc deploy` / `svc shutdown`: kubectl apply / delete -f.
 */
import type { Command } from 'commander';
import * as path from 'node:path';
import { DOCKER_HINT, KUBECTL_HINT, runExternal } from '../external-command';
import { manifestFiles, writeServiceManifests } from '../k8s/manifest-targets';
import { dnsLabel, readServiceProject } from '../service-project';

interface PushFlags {
  repo?: string;
  ver?: string;
  pre?: string;
  name?: string;
}

/** go-doudou's default tag: v + local time as yyyyMMddHHmmss. */
export function timestampTag(now: Date = new Date()): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `v${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
}

export function registerSvcPush(parent: Command): void {
  parent
    .command('push')
    .description('docker build the service image, tag and push it to a registry, and set it in both manifest files')
    .option('-r, --repo <repo>', 'registry/repository to push to, e.g. registry.example.com (without it: build and tag only)')
    .option('--ver <version>', 'image tag (default v<yyyyMMddHHmmss>)')
    .option('--pre <prefix>', 'image name prefix, e.g. shop- gives shop-billing')
    .option('--name <name>', 'service name (default: GDD_SERVICE_NAME, else package.json name)')
    .addHelpText('after', '\nExample:\n  doudou svc push -r registry.example.com --ver 1.4.0')
    .action(async (flags: PushFlags) => {
      const cwd = process.cwd();
      const project = readServiceProject(cwd, flags.name);
      const local = `${flags.pre ?? ''}${dnsLabel(project.name)}:${flags.ver ?? timestampTag()}`;
      await runExternal('docker', ['build', '-t', local, '.'], { cwd, installHint: DOCKER_HINT });
      let image = local;
      if (flags.repo !== undefined) {
        image = `${flags.repo.replace(/\/+$/, '')}/${local}`;
        await runExternal('docker', ['tag', local, image], { cwd, installHint: DOCKER_HINT });
        await runExternal('docker', ['push', image], { cwd, installHint: DOCKER_HINT });
      }
      for (const { file, outcome } of writeServiceManifests(project, { image })) {
        process.stdout.write(`${outcome === 'created' ? 'wrote' : 'set image in'} ${path.relative(cwd, file)}\n`);
      }
      process.stdout.write(`image ${image}\n`);
    });
}

interface ApplyFlags {
  file?: string;
  statefulset?: boolean;
  name?: string;
}

function registerKubectl(parent: Command, command: 'deploy' | 'shutdown', verb: 'apply' | 'delete', what: string): void {
  parent
    .command(command)
    .description(`${what}: kubectl ${verb} -f <svc>_deployment.yaml (or the statefulset file)`)
    .option('-k, --file <file>', 'manifest file (default <svc>_deployment.yaml)')
    .option('--statefulset', 'use <svc>_statefulset.yaml (micro mode) instead of the deployment file')
    .option('--name <name>', 'service name (default: GDD_SERVICE_NAME, else package.json name)')
    .addHelpText('after', `\nExample:\n  doudou svc ${command} --statefulset`)
    .action(async (flags: ApplyFlags) => {
      const cwd = process.cwd();
      let file = flags.file;
      if (file === undefined) {
        const files = manifestFiles(readServiceProject(cwd, flags.name));
        file = path.relative(cwd, flags.statefulset === true ? files.statefulset : files.deployment);
      }
      await runExternal('kubectl', [verb, '-f', file], { cwd, installHint: KUBECTL_HINT });
    });
}

export function registerSvcDeploy(parent: Command): void {
  registerKubectl(parent, 'deploy', 'apply', 'deploy the service to the current Kubernetes context');
}

export function registerSvcShutdown(parent: Command): void {
  registerKubectl(parent, 'shutdown', 'delete', 'remove the service from the current Kubernetes context');
}
