/**
 * OpenAPI operations → contract methods: route decorator, parameters (path, query, header, cookie, JSON /
 * form / multipart body), the success response (JSON, download, or none) and the declared error responses.
 */
import type { oas30 } from 'openapi3-ts';
import { pointer } from '../openapi/json-pointer';
import { code } from './code-literal';
import { camelCase, NameScope, safeIdentifier } from './identifiers';
import type { MappedType } from './declarations';
import type { SchemaMapper } from './schema-mapper';

export type ParamDecorator = 'Path' | 'Query' | 'Header' | 'Body' | 'Form' | 'UploadedFile';

export interface ParamModel {
  decorator: ParamDecorator;
  /** Wire name (path variable, query key, header, form field); undefined for a whole body. */
  wireName?: string;
  argName: string;
  type: MappedType;
  optional: boolean;
  multiple?: boolean;
  description?: string;
}

/** One shape of an error body: the codes it carries (undefined: any) and the type of its `details`. */
export interface ErrorVariant {
  codes?: readonly string[];
  details?: MappedType;
}

/** An error response of the operation: its status key, description, and the body shapes it has. */
export interface ErrorResponseModel {
  status: string;
  description?: string;
  variants: ErrorVariant[];
}

export interface MethodModel {
  name: string;
  httpMethod: 'Get' | 'Post' | 'Put' | 'Patch' | 'Delete';
  /** Koa-style path (`/pets/:petId`), relative to the contract's root path. */
  path: string;
  params: ParamModel[];
  returns?: MappedType;
  file: boolean;
  summary?: string;
  description?: string;
  deprecated: boolean;
  errors: ErrorResponseModel[];
  /** Name of the exported union of the declared errors (`CreateOrderError`), when there are any. */
  errorType?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const IGNORED_METHODS = ['head', 'options', 'trace'] as const;
/** OpenAPI 3.0 §4.7.12.1: these header parameters are ignored; the transport sets them. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

type Ref = oas30.ReferenceObject;

function isRef(x: unknown): x is Ref {
  return typeof x === 'object' && x !== null && typeof (x as Ref).$ref === 'string';
}

function isJsonMedia(type: string): boolean {
  const t = type.split(';')[0].trim().toLowerCase();
  return t === 'application/json' || t.endsWith('+json') || t === '*/*';
}

export class OperationMapper {
  private readonly methodNames = new NameScope(['constructor']);

  constructor(
    private readonly document: oas30.OpenAPIObject,
    private readonly schemas: SchemaMapper,
  ) {}

  private deref<T extends object>(x: T | Ref, at: string): { value: T; at: string } | undefined {
    if (!isRef(x)) return { value: x, at };
    const resolved = this.schemas.resolve(x as never, at);
    return resolved === undefined ? undefined : { value: resolved.schema as unknown as T, at: resolved.at };
  }

  mapAll(): MethodModel[] {
    const out: MethodModel[] = [];
    for (const [path, item] of Object.entries(this.document.paths ?? {})) {
      const itemAt = pointer('#/paths', path);
      for (const m of IGNORED_METHODS) {
        if ((item as Record<string, unknown>)[m] !== undefined)
          this.schemas.warn(pointer(itemAt, m), `${m.toUpperCase()} operations are not generated`);
      }
      for (const m of METHODS) {
        const op = (item as Record<string, oas30.OperationObject | undefined>)[m];
        if (op === undefined) continue;
        const mapped = this.mapOperation(path, m, op, item as oas30.PathItemObject, pointer(itemAt, m));
        if (mapped !== undefined) out.push(mapped);
      }
    }
    return out;
  }

  private mapOperation(
    path: string,
    method: (typeof METHODS)[number],
    op: oas30.OperationObject,
    item: oas30.PathItemObject,
    at: string,
  ): MethodModel | undefined {
    const argNames = new NameScope(['body']);
    const pathVars = new Map<string, string>();
    const params: ParamModel[] = [];
    const cookies: Array<{ name: string; required: boolean }> = [];

    const declared = new Map<string, { p: oas30.ParameterObject; at: string }>();
    const collect = (list: ReadonlyArray<oas30.ParameterObject | Ref> | undefined, listAt: string): void => {
      (list ?? []).forEach((raw, i) => {
        const resolved = this.deref<oas30.ParameterObject>(raw, pointer(listAt, i));
        if (resolved !== undefined)
          declared.set(`${resolved.value.in}:${resolved.value.name}`, { p: resolved.value, at: pointer(listAt, i) });
      });
    };
    collect(item.parameters, pointer(at.slice(0, at.lastIndexOf('/')), 'parameters'));
    collect(op.parameters, pointer(at, 'parameters'));

    for (const { p, at: pAt } of declared.values()) {
      if (p.in === 'cookie') {
        cookies.push({ name: p.name, required: p.required === true });
        continue;
      }
      if (p.in === 'header' && IGNORED_HEADERS.has(p.name.toLowerCase())) continue;
      if (p.schema === undefined) {
        this.schemas.warn(pAt, `parameter ${p.name} has no schema (content-typed parameters are not supported); it is left out`);
        continue;
      }
      const type = this.schemas.map(p.schema, pointer(pAt, 'schema'), `${op.operationId ?? method} ${p.name}`);
      if (type.spec.text === 'Object' || type.json.$ref !== undefined || type.json.anyOf !== undefined) {
        this.schemas.warn(
          pAt,
          `${p.in} parameter ${p.name} is an object; only scalars and arrays of scalars can be sent there — it is left out`,
        );
        continue;
      }
      const argName = argNames.take(safeIdentifier(camelCase(p.name), 'param'));
      if (p.in === 'path') pathVars.set(p.name, argName);
      const decorator: ParamDecorator = p.in === 'path' ? 'Path' : p.in === 'query' ? 'Query' : 'Header';
      params.push({
        decorator,
        wireName: p.in === 'path' ? argName : p.name,
        argName,
        type,
        optional: p.in !== 'path' && p.required !== true,
        description: p.description,
      });
    }
    if (cookies.length > 0) {
      this.schemas.warn(
        pointer(at, 'parameters'),
        `cookie parameters ${cookies.map((c) => c.name).join(', ')} are sent as one Cookie header argument ('name=value; other=value')`,
      );
      params.push({
        decorator: 'Header',
        wireName: 'Cookie',
        argName: argNames.take('cookie'),
        type: { ts: 'string', spec: code('String'), constraints: {}, deps: [], json: { type: 'string' } },
        optional: !cookies.some((c) => c.required),
        description: `Cookies: ${cookies.map((c) => `${c.name}=…`).join('; ')}`,
      });
    }

    // `{petId}` → `:petId` (Koa-style, with the argument's identifier as the variable name)
    let koaPath = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const v = pathVars.get(name);
      if (v !== undefined) return `:${v}`;
      const arg = argNames.take(safeIdentifier(camelCase(name), 'param'));
      this.schemas.warn(at, `path variable {${name}} is not declared as a parameter; typed as string`);
      params.push({ decorator: 'Path', wireName: arg, argName: arg, type: this.stringType(), optional: false });
      pathVars.set(name, arg);
      return `:${arg}`;
    });
    if (koaPath === '') koaPath = '/';

    const body = this.mapBody(op, method, at, argNames);
    if (body === 'skip') return undefined;
    const response = this.mapResponses(op, at);

    const name = this.methodNames.take(safeIdentifier(camelCase(op.operationId ?? `${method} ${path}`), 'call'));
    const required = params.filter((p) => !p.optional);
    const optional = params.filter((p) => p.optional);
    const bodyRequired = body.filter((p) => !p.optional);
    const bodyOptional = body.filter((p) => p.optional);
    const typed = response.errors.some((e) => /^\d{3}$/.test(e.status));
    return {
      name,
      ...(typed ? { errorType: this.schemas.takeName(`${name} error`) } : {}),
      httpMethod: (method[0].toUpperCase() + method.slice(1)) as MethodModel['httpMethod'],
      path: koaPath,
      params: [
        ...required.filter((p) => p.decorator === 'Path'),
        ...bodyRequired,
        ...required.filter((p) => p.decorator !== 'Path'),
        ...optional,
        ...bodyOptional,
      ],
      returns: response.returns,
      file: response.file,
      summary: op.summary,
      description: op.description,
      deprecated: op.deprecated === true,
      errors: response.errors,
    };
  }

  private stringType(): MappedType {
    return { ts: 'string', spec: code('String'), constraints: {}, deps: [], json: { type: 'string' } };
  }

  private mapBody(op: oas30.OperationObject, method: string, at: string, argNames: NameScope): ParamModel[] | 'skip' {
    if (op.requestBody === undefined) return [];
    const bodyAt = pointer(at, 'requestBody');
    const resolved = this.deref<oas30.RequestBodyObject>(op.requestBody, bodyAt);
    if (resolved === undefined) return [];
    if (method === 'get') {
      this.schemas.warn(bodyAt, 'a GET request body cannot be sent by the typed client; it is left out');
      return [];
    }
    const content = resolved.value.content ?? {};
    const types = Object.keys(content);
    const required = resolved.value.required === true;
    const json = types.find(isJsonMedia);
    const hint = `${op.operationId ?? method} body`;
    if (json !== undefined) {
      const schema = content[json].schema;
      if (schema === undefined) return [];
      const type = this.schemas.map(schema, pointer(bodyAt, 'content', json, 'schema'), hint);
      return [{ decorator: 'Body', argName: 'body', type, optional: !required, description: resolved.value.description }];
    }
    const form =
      types.find((t) => t.startsWith('multipart/form-data')) ?? types.find((t) => t.startsWith('application/x-www-form-urlencoded'));
    if (form !== undefined) return this.mapForm(content[form].schema, pointer(bodyAt, 'content', form, 'schema'), argNames, hint);
    this.schemas.warn(
      bodyAt,
      `request bodies of type ${types.join(', ') || '(none)'} cannot be sent by the typed client; the operation is not generated`,
    );
    return 'skip';
  }

  private mapForm(schema: oas30.SchemaObject | Ref | undefined, at: string, argNames: NameScope, hint: string): ParamModel[] {
    if (schema === undefined) return [];
    const resolved = this.schemas.resolve(schema, at);
    if (resolved === undefined) return [];
    const required = new Set(resolved.schema.required ?? []);
    const out: ParamModel[] = [];
    for (const [name, prop] of Object.entries(resolved.schema.properties ?? {})) {
      const propAt = pointer(resolved.at, 'properties', name);
      const type = this.schemas.map(prop, propAt, `${hint} ${name}`);
      const argName = argNames.take(safeIdentifier(camelCase(name), 'field'));
      if (type.binary === true) {
        const multiple = type.ts.endsWith('[]') || type.ts.startsWith('Array<');
        out.push({ decorator: 'UploadedFile', wireName: name, argName, type, optional: !required.has(name), multiple });
        continue;
      }
      if (type.spec.text === 'Object' || type.json.$ref !== undefined) {
        this.schemas.warn(propAt, `form field ${name} is an object; form fields carry scalars — it is left out`);
        continue;
      }
      out.push({ decorator: 'Form', wireName: name, argName, type, optional: !required.has(name) });
    }
    return out;
  }

  /**
   * The body shapes of an error response: ts-doudou's `{ error: { code: enum, details } }` (a oneOf of them
   * when codes differ in their details), or one shape with any code for bodies of other servers.
   */
  private errorVariants(r: oas30.ResponseObject, at: string, hint: string): ErrorVariant[] {
    const json = Object.keys(r.content ?? {}).find(isJsonMedia);
    const schema = json !== undefined ? r.content?.[json]?.schema : undefined;
    const schemaAt = pointer(at, 'content', json ?? '', 'schema');
    const body = schema !== undefined ? this.schemas.resolve(schema, schemaAt) : undefined;
    const errorSchema = body?.schema.properties?.error;
    const error = errorSchema !== undefined ? this.schemas.resolve(errorSchema, pointer(body!.at, 'properties', 'error')) : undefined;
    if (error === undefined) return [{}];
    const members = (error.schema.oneOf ?? [error.schema]).map((m, i) =>
      error.schema.oneOf !== undefined
        ? this.schemas.resolve(m, pointer(error.at, 'oneOf', i))
        : { schema: m as oas30.SchemaObject, at: error.at },
    );
    return members.map((m): ErrorVariant => {
      if (m === undefined) return {};
      const code = m.schema.properties?.code;
      const resolvedCode = code !== undefined ? this.schemas.resolve(code, pointer(m.at, 'properties', 'code')) : undefined;
      const codes = resolvedCode?.schema.enum?.filter((c): c is string => typeof c === 'string');
      const details = m.schema.properties?.details;
      return {
        ...(codes !== undefined && codes.length > 0 ? { codes } : {}),
        ...(details !== undefined ? { details: this.schemas.map(details, pointer(m.at, 'properties', 'details'), `${hint} details`) } : {}),
      };
    });
  }

  private mapResponses(op: oas30.OperationObject, at: string): { returns?: MappedType; file: boolean; errors: ErrorResponseModel[] } {
    const responses = op.responses ?? {};
    const statuses = Object.keys(responses).sort();
    const success = statuses.filter((s) => /^2(\d\d|XX)$/i.test(s));
    const errors: ErrorResponseModel[] = [];
    for (const s of statuses.filter((x) => /^[45]/.test(x) || x === 'default')) {
      const r = this.deref<oas30.ResponseObject>(responses[s], pointer(at, 'responses', s));
      const variants = r !== undefined ? this.errorVariants(r.value, r.at, `${op.operationId ?? 'call'} ${s}`) : [{}];
      errors.push({ status: s, description: r?.value.description, variants });
    }
    if (success.length === 0) {
      this.schemas.warn(pointer(at, 'responses'), 'no 2xx response is declared; the method resolves to void');
      return { file: false, errors };
    }
    const first = success[0];
    const withContent = success.filter((s) => {
      const r = this.deref<oas30.ResponseObject>(responses[s], pointer(at, 'responses', s));
      return r !== undefined && Object.keys(r.value.content ?? {}).length > 0;
    });
    if (withContent.length > 1) {
      this.schemas.warn(
        pointer(at, 'responses', withContent[1]),
        `only the first success response (${withContent[0]}) is typed; this one is decoded the same way`,
      );
    }
    const chosen = withContent[0] ?? first;
    const resolved = this.deref<oas30.ResponseObject>(responses[chosen], pointer(at, 'responses', chosen));
    const content = resolved?.value.content ?? {};
    const types = Object.keys(content);
    if (types.length === 0) return { file: false, errors };
    const json = types.find(isJsonMedia);
    if (json !== undefined && content[json].schema !== undefined) {
      const schemaAt = pointer(at, 'responses', chosen, 'content', json, 'schema');
      const returns = this.schemas.map(content[json].schema as oas30.SchemaObject, schemaAt, `${op.operationId ?? 'call'} response`);
      return { returns, file: false, errors };
    }
    // octet-stream, images, text, …: a download (FileResult: bytes, file name, content type)
    return { file: true, errors };
  }
}
