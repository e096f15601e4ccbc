/**
 * Where the mock's services come from. A project's own contracts: its compiled modules are loaded and every
 * exported class that describes as a service is used (its descriptor is what the real server mounts). Any
 * OpenAPI document: the contract `svc client` would generate for it is compiled in memory with the
 * project's TypeScript and described — so the mock validates requests exactly as a service serving that
 * contract would, and can never disagree with the generated client.
 */
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { oas30 } from 'openapi3-ts';
import { describeService } from '../../decorators/describe';
import type { ServiceDescriptor } from '../../decorators/descriptors';
import { CliError, CliErrorCodes } from '../cli-errors';
import { generateClient, type GeneratedClient } from '../client/generate-client';

interface TypeScriptApi {
  transpileModule(input: string, options: { compilerOptions: Record<string, unknown> }): { outputText: string };
  ModuleKind: { CommonJS: number };
  ScriptTarget: { ES2022: number };
}

/** TypeScript from the project (or next to the CLI): every ts-doudou project has it as a dev dependency. */
export function loadTypeScript(cwd: string): TypeScriptApi {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from the user's project at run time
    return require(require.resolve('typescript', { paths: [cwd, __dirname] })) as TypeScriptApi;
  } catch {
    throw new CliError(CliErrorCodes.CLI_MISSING_PACKAGE, 'this needs TypeScript: npm install --save-dev typescript');
  }
}

function describeExports(exported: Record<string, unknown>): ServiceDescriptor[] {
  const byName = new Map<string, ServiceDescriptor>();
  for (const value of Object.values(exported)) {
    if (typeof value !== 'function') continue;
    let descriptor: ServiceDescriptor;
    try {
      descriptor = describeService(value as new () => object);
    } catch {
      continue; // a DTO or helper class, not a service
    }
    if (!byName.has(descriptor.name)) byName.set(descriptor.name, descriptor);
  }
  return [...byName.values()];
}

/** The contract classes exported by the project's compiled modules. */
export function descriptorsFromModules(cwd: string, modules: readonly string[]): ServiceDescriptor[] {
  const exported: Record<string, unknown> = {};
  for (const m of modules) {
    const file = path.resolve(cwd, m);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the project's own compiled contract modules
      Object.assign(exported, require(file) as Record<string, unknown>);
    } catch (err) {
      const reason =
        (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' ? 'not found (build the project first?)' : (err as Error).message;
      throw new CliError(CliErrorCodes.CLI_FILE_NOT_FOUND, `cannot load contract module ${m}: ${reason}`);
    }
  }
  const services = describeExports(exported);
  if (services.length === 0)
    throw new CliError(CliErrorCodes.CLI_BAD_ARGUMENT, `${modules.join(', ')} export no @Contract or @Service class`);
  return services;
}

export interface DocumentContract {
  descriptor: ServiceDescriptor;
  generated: GeneratedClient;
}

/** The generated contract of `document`, compiled and described. */
export function descriptorFromDocument(document: oas30.OpenAPIObject, source: string, cwd: string): DocumentContract {
  const generated = generateClient(document, { source });
  const ts = loadTypeScript(cwd);
  const js = ts.transpileModule(generated.code, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
  }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  const run = vm.runInThisContext(`(function (require, module, exports) {${js}\n})`, { filename: `${source} (generated contract)` }) as (
    r: (id: string) => unknown,
    m: typeof module,
    e: Record<string, unknown>,
  ) => void;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the generated code imports the public API
  run((id) => (id === 'ts-doudou' ? require('../../index') : require(id)), module, module.exports);
  const contract = module.exports[generated.className];
  return { descriptor: describeService(contract as new () => object), generated };
}
