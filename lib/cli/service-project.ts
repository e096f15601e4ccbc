/**
 * The service project a command runs in: its folder, its name and its GDD_* configuration (read exactly as
 * the service will read it at start-up: the environment, then the app.yml and .env files, then the table
 * defaults).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadConfig, type Config } from '../config';
import { CliError } from './cli-errors';

export interface ServiceProject {
  dir: string;
  /** Service name: --name, else GDD_SERVICE_NAME, else package.json name (without scope), else the folder name. */
  name: string;
  config: Config;
  packageJson?: { name?: string; main?: string; [key: string]: unknown };
}

/** Kubernetes and image names: lower-case letters, digits and '-' (RFC 1123 label). */
export function dnsLabel(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  if (label === '') throw new CliError('CLI_BAD_ARGUMENT', `'${name}' gives no usable service name: use letters and digits`);
  return label;
}

export function readServiceProject(dir: string, nameFlag?: string, env: NodeJS.ProcessEnv = process.env): ServiceProject {
  const pkgPath = path.join(dir, 'package.json');
  let packageJson: ServiceProject['packageJson'];
  if (existsSync(pkgPath)) {
    try {
      packageJson = JSON.parse(readFileSync(pkgPath, 'utf8')) as ServiceProject['packageJson'];
    } catch (err) {
      throw new CliError('CLI_BAD_ARGUMENT', `${pkgPath} is not valid JSON: ${(err as Error).message}`);
    }
  }
  const config = loadConfig({ cwd: dir, env });
  const fromPackage = packageJson?.name?.replace(/^@[^/]+\//, '');
  const name = nameFlag || config.service.name || fromPackage || path.basename(path.resolve(dir));
  return { dir, name, config, packageJson };
}
