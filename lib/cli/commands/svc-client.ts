/** `doudou svc client --from <file|URL> --out <file>`: a typed client contract from an OpenAPI 3.0 document. */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

interface ClientFlags {
  from: string;
  out: string;
  name?: string;
  className?: string;
}

export function registerSvcClient(parent: Command): void {
  parent
    .command('client')
    .description('generate a typed client (DTO classes + a @Contract class) from an OpenAPI 3.0 or Swagger 2.0 document')
    .requiredOption('-f, --from <file|url>', 'the OpenAPI document: a JSON/YAML file or an http(s) URL')
    .requiredOption('-o, --out <file>', 'the TypeScript module to write, e.g. src/clients/payments.ts')
    .option('--name <service>', 'service name of the contract (default: from info.title)')
    .option('--class-name <name>', 'contract class name (default: <Service>Contract)')
    .addHelpText(
      'after',
      '\nThe module imports only from ts-doudou. Use it with createClient(Contract, { baseUrl }) or inject the\n' +
        'contract into a service. What cannot be mapped is reported as a warning naming its JSON pointer.\n\n' +
        'Example:\n  doudou svc client --from http://payments:6060/go-doudou/openapi.json --out src/clients/payments.ts',
    )
    .action(async (flags: ClientFlags) => {
      // the document loader and the generator load when the command runs, not with every `doudou` command
      const [{ loadOpenApiDocument }, { generateClient }] = await Promise.all([
        import('../openapi/load-document'),
        import('../client/generate-client'),
      ]);
      const loaded = await loadOpenApiDocument(flags.from);
      const generated = generateClient(loaded.document, { source: flags.from, serviceName: flags.name, className: flags.className });
      for (const w of generated.warnings) process.stderr.write(`warning: ${w.pointer}: ${w.message}\n`);
      const out = path.resolve(flags.out);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, generated.code);
      const from = loaded.convertedFrom !== undefined ? ' (converted from Swagger 2.0)' : '';
      process.stdout.write(`wrote ${flags.out}: ${generated.className} (service ${generated.serviceName})${from}\n`);
    });
}
