/** `doudou svc …`: the service toolchain. Subcommands register themselves from the list below. */
import type { Command } from 'commander';
import type { CommandRegistration } from '../command-registry';
import { registerSvcClient } from './svc-client';
import { registerSvcCrud } from './svc-crud';
import { registerSvcInit } from './svc-init';
import { registerSvcK8s } from './svc-k8s';
import { registerSvcMock } from './svc-mock';
import { registerSvcDeploy, registerSvcPush, registerSvcShutdown } from './svc-push';
import { registerSvcRun } from './svc-run';

/** `svc` subcommands, in help order. */
const SVC_COMMANDS: readonly CommandRegistration[] = [
  registerSvcInit,
  registerSvcClient,
  registerSvcCrud,
  registerSvcMock,
  registerSvcRun,
  registerSvcK8s,
  registerSvcPush,
  registerSvcDeploy,
  registerSvcShutdown,
];

export function registerSvc(parent: Command): void {
  const svc = parent.command('svc').description('scaffold, generate, mock, run and deploy a service');
  for (const register of SVC_COMMANDS) register(svc);
}
