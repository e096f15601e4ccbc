/**
 * Reading an OpenAPI document for `svc client` and `svc mock`: from a file or an http(s) URL, JSON or YAML.
 * OpenAPI 3.0.x is used as it is; Swagger 2.0 is converted with swagger2openapi when the project has that
 * package installed (an optional peer dependency: the converter and its 40 dependencies weigh more than the
 * rest of the CLI).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { oas30 } from 'openapi3-ts';
import { parse as parseYaml } from 'yaml';
import { CliError } from '../cli-errors';

export interface LoadedDocument {
  document: oas30.OpenAPIObject;
  /** What the user gave (file path or URL), for messages and the generated header. */
  source: string;
  /** Set when the document was Swagger 2.0 and converted. */
  convertedFrom?: 'swagger-2.0';
}

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

async function readSource(source: string): Promise<string> {
  if (isUrl(source)) {
    let response: Response;
    try {
      response = await fetch(source, { headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.1' } });
    } catch (err) {
      const reason = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError('CLI_BAD_DOCUMENT', `cannot fetch ${source}: ${reason?.code ?? reason?.message ?? (err as Error).message}`);
    }
    if (!response.ok) throw new CliError('CLI_BAD_DOCUMENT', `cannot fetch ${source}: HTTP ${response.status}`);
    return response.text();
  }
  try {
    return await readFile(source, 'utf8');
  } catch (err) {
    throw new CliError('CLI_FILE_NOT_FOUND', `cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function parseText(text: string, source: string): unknown {
  const trimmed = text.trimStart();
  try {
    return trimmed.startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new CliError('CLI_BAD_DOCUMENT', `${source} is neither JSON nor YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

interface Swagger2Converter {
  convertObj(doc: unknown, options: Record<string, unknown>): Promise<{ openapi: oas30.OpenAPIObject }>;
}

/**
 * The converter is looked up from the project (the working directory), where `npm i -D swagger2openapi` puts
 * it: ts-doudou itself may live elsewhere (a `file:` link to a clone, a global install).
 */
function loadSwagger2Converter(cwd: string): Swagger2Converter {
  return createRequire(path.join(cwd, 'package.json'))('swagger2openapi') as Swagger2Converter;
}

async function convertSwagger2(doc: unknown, source: string, cwd: string): Promise<oas30.OpenAPIObject> {
  let converter: Swagger2Converter;
  try {
    converter = loadSwagger2Converter(cwd);
  } catch {
    throw new CliError(
      'CLI_MISSING_PACKAGE',
      `${source} is Swagger 2.0: install the converter to read it (npm install --save-dev swagger2openapi), or give an OpenAPI 3.0 document`,
    );
  }
  try {
    return (await converter.convertObj(doc, { patch: true, warnOnly: true })).openapi;
  } catch (err) {
    throw new CliError('CLI_BAD_DOCUMENT', `${source}: Swagger 2.0 conversion failed: ${(err as Error).message}`);
  }
}

export async function loadOpenApiDocument(source: string, cwd = process.cwd()): Promise<LoadedDocument> {
  const parsed = parseText(await readSource(source), source);
  if (parsed === null || typeof parsed !== 'object') throw new CliError('CLI_BAD_DOCUMENT', `${source} is not an OpenAPI document`);
  const doc = parsed as { openapi?: unknown; swagger?: unknown; paths?: unknown };
  if (doc.swagger === '2.0') return { document: await convertSwagger2(doc, source, cwd), source, convertedFrom: 'swagger-2.0' };
  if (typeof doc.openapi !== 'string' || !/^3\.0\.\d+/.test(doc.openapi)) {
    const seen = typeof doc.openapi === 'string' ? `openapi ${doc.openapi}` : 'no openapi or swagger field';
    throw new CliError('CLI_BAD_DOCUMENT', `${source} is not OpenAPI 3.0 (${seen}); OpenAPI 3.0.x and Swagger 2.0 are read`);
  }
  if (doc.paths === null || typeof doc.paths !== 'object') throw new CliError('CLI_BAD_DOCUMENT', `${source} has no paths`);
  return { document: parsed as oas30.OpenAPIObject, source };
}
