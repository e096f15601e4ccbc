/**
 * `svc client`'s core: an OpenAPI 3.0 document → the source of a TypeScript module with DTO classes and a
 * @Contract class, plus warnings for what could not be mapped (each naming its JSON pointer). Pure: the same
 * document and options give byte-identical output.
 */
import type { oas30 } from 'openapi3-ts';
import { pascalCase } from './identifiers';
import { writeModule } from './module-writer';
import { OperationMapper } from './operation-mapper';
import type { GeneratorWarning } from './declarations';
import { SchemaMapper } from './schema-mapper';

export interface GenerateClientOptions {
  /** Shown in the module header. */
  source: string;
  /** Service name of the contract (what `instances` are looked up by). Default: derived from info.title. */
  serviceName?: string;
  /** Contract class name. Default: `<ServiceName>Contract`. */
  className?: string;
}

export interface GeneratedClient {
  code: string;
  warnings: GeneratorWarning[];
  serviceName: string;
  className: string;
}

/** `User Service` → `userservice`; our own documents are titled with the service name (`usersvc`). */
export function serviceNameFromTitle(title: string): string {
  const name = title.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return name === '' ? 'service' : name;
}

/** The path part of the first server URL (`https://api.example.com/v2` → `/v2`), '' for none. */
function rootPathOf(document: oas30.OpenAPIObject): string {
  const url = document.servers?.[0]?.url;
  if (url === undefined) return '';
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '') : url;
  const clean = path.replace(/\{[^}]*\}/g, '').replace(/\/+$/, '');
  return clean === '' || clean === '/' ? '' : clean.startsWith('/') ? clean : `/${clean}`;
}

export function generateClient(document: oas30.OpenAPIObject, options: GenerateClientOptions): GeneratedClient {
  const schemas = new SchemaMapper(document);
  const methods = new OperationMapper(document, schemas).mapAll();
  if (document.components?.securitySchemes !== undefined && Object.keys(document.components.securitySchemes).length > 0) {
    schemas.warn(
      '#/components/securitySchemes',
      'security schemes are not generated; send credentials with withContext(client, { headers })',
    );
  }
  const serviceName = options.serviceName ?? serviceNameFromTitle(document.info?.title ?? 'service');
  const className = options.className ?? `${pascalCase(serviceName)}Contract`;
  const code = writeModule({
    title: document.info?.title ?? serviceName,
    version: document.info?.version ?? '',
    source: options.source,
    serviceName,
    className,
    rootPath: rootPathOf(document),
    description: document.info?.description,
    declarations: schemas.declarations,
    methods,
  });
  return { code, warnings: schemas.warnings, serviceName, className };
}
