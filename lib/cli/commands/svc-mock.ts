/** `doudou svc mock`: this project's contracts, or any OpenAPI 3.0 document, answered with fake data. */
import type { Command } from 'commander';
import type { oas30 } from 'openapi3-ts';
import { buildOpenApiDocument } from '../../openapi';
import { integerOption } from '../command-registry';
import { CliError, CliErrorCodes } from '../cli-errors';
import { descriptorFromDocument, descriptorsFromModules } from '../mock/mock-contracts';
import { readServiceProject } from '../service-project';
import type { ServiceDescriptor } from '../../decorators/descriptors';

interface MockFlags {
  from?: string;
  contracts?: string[];
  port?: number;
  host?: string;
  seed: number;
}

async function sources(
  flags: MockFlags,
  cwd: string,
): Promise<{ services: ServiceDescriptor[]; document: oas30.OpenAPIObject; what: string }> {
  if (flags.from !== undefined) {
    const { loadOpenApiDocument } = await import('../openapi/load-document');
    const { document } = await loadOpenApiDocument(flags.from);
    const { descriptor, generated } = descriptorFromDocument(document, flags.from, cwd);
    for (const w of generated.warnings) process.stderr.write(`warning: ${w.pointer}: ${w.message}\n`);
    return { services: [descriptor], document, what: flags.from };
  }
  const project = readServiceProject(cwd);
  const configured = (project.packageJson?.doudou as { contracts?: unknown } | undefined)?.contracts;
  const modules = flags.contracts ?? (Array.isArray(configured) ? configured.map(String) : undefined);
  if (modules === undefined || modules.length === 0) {
    throw new CliError(
      CliErrorCodes.CLI_BAD_ARGUMENT,
      'nothing to mock: give --from <openapi file|url>, or --contracts <compiled module…>, or "doudou": { "contracts": [...] } in package.json',
    );
  }
  const services = descriptorsFromModules(cwd, modules);
  const document = buildOpenApiDocument(services, { title: services.map((s) => s.name).join(', '), version: 'mock' });
  return { services, document, what: services.map((s) => s.name).join(', ') };
}

export function registerSvcMock(parent: Command): void {
  parent
    .command('mock')
    .description("serve this project's contracts, or any OpenAPI 3.0 document, with generated responses and real request validation")
    .option('-f, --from <file|url>', 'an OpenAPI 3.0 (or Swagger 2.0) document instead of the project contracts')
    .option('--contracts <modules...>', 'compiled modules exporting the contracts (default: package.json doudou.contracts)')
    .option('-p, --port <port>', 'port (default: GDD_PORT, 6060)', integerOption('--port', 0, 65535))
    .option('--host <host>', 'address to listen on (default: GDD_HOST, all interfaces)')
    .option('--seed <n>', 'seed of the generated data: the same seed gives the same answers', integerOption('--seed', 0, 2 ** 31 - 1), 1)
    .addHelpText(
      'after',
      '\nAnswers use the examples of the document when it has them, else data generated from the schemas.\n' +
        'Requests are validated as the real service does (400 naming the fields). Send `Prefer: code=404` to get\n' +
        'a declared error response.\n\nExamples:\n  doudou svc mock\n  doudou svc mock --from ./partner-openapi.json --port 7070 --seed 42',
    )
    .action(async (flags: MockFlags) => {
      const cwd = process.cwd();
      const { services, document, what } = await sources(flags, cwd);
      // the mock server, its fake data and its logger load when the mock starts, not with every `doudou` command
      const [{ FakeData }, { MockServer }, { default: winston }] = await Promise.all([
        import('../mock/fake-data'),
        import('../mock/mock-server'),
        import('winston'),
      ]);
      const fake = await FakeData.create(document, { seed: flags.seed });
      const logger = winston.createLogger({
        level: 'info',
        format: winston.format.combine(winston.format.timestamp(), winston.format.simple()),
        transports: [new winston.transports.Console()],
      });
      const server = new MockServer({ services, document, fake, logger });
      const config = readServiceProject(cwd).config;
      const address = await server.listen(flags.port ?? config.http.port, flags.host ?? (config.http.host || '0.0.0.0'));
      const data = fake.usesFaker
        ? 'json-schema-faker + @faker-js/faker'
        : 'json-schema-faker (install @faker-js/faker for realistic values)';
      process.stdout.write(
        `mock of ${what} listening on ${address.url} (seed ${flags.seed}, ${data}); docs at ${address.url}/go-doudou/doc\n`,
      );
      const stop = (): void => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
}
