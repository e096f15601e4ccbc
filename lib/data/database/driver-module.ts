import { createRequire } from 'node:module';
import { DataConfigError } from '../data-config-errors';

/**
 * mysql2 and pg are optional peer dependencies: an application installs the one it uses, and it is loaded
 * only when GDD_DB_DRIVER asks for it. A missing package is a start-up error that says what to install.
 */

export const DRIVER_PACKAGES = { mysql: 'mysql2', postgres: 'pg' } as const;

export type DriverPackage = (typeof DRIVER_PACKAGES)[keyof typeof DRIVER_PACKAGES];

/** Loads `name` as the application would resolve it (from `resolveFrom`, default this file). */
export function loadDriverModule<T>(name: DriverPackage, resolveFrom: string = __filename): T {
  const load = createRequire(resolveFrom);
  try {
    return load(name) as T;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND' && String((err as Error).message).includes(`'${name}'`)) {
      throw new DataConfigError('DB_DRIVER_MISSING', `the database driver package '${name}' is not installed: npm install ${name}`);
    }
    throw err;
  }
}
