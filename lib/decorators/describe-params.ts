import { ConfigError } from '../errors';
import type { JsonSchema, ParamDescriptor } from './descriptors';
import { readOwnParams, reflectParamTypes, type ParamRecord } from './metadata';
import { parameterNames } from './parameter-names';
import type { ParamOptions, UploadedFileOptions } from './schema-options';
import { resolveType, type ComponentSchemas } from './schema-resolver';
import type { Class } from './class-type';

/** Turns the parameter decorators of one route method into ParamDescriptors, checking each one. */

const BINARY: JsonSchema = { type: 'string', format: 'binary' };

interface ParamContext {
  /** `Class.method`, for messages. */
  route: string;
  index: number;
  declaredName?: string;
  reflected: unknown;
  components: ComponentSchemas;
}

function label(ctx: ParamContext): string {
  return `${ctx.route} parameter #${ctx.index}${ctx.declaredName !== undefined ? ` (${ctx.declaredName})` : ''}`;
}

function wireName(record: ParamRecord, ctx: ParamContext): string {
  const name = record.name ?? ctx.declaredName;
  if (name === undefined || name === '') {
    throw new ConfigError(
      'UNNAMED_PARAMETER',
      `${label(ctx)} has no name to bind (destructured?); give it one: @${decoratorName(record)}('name')`,
    );
  }
  return name;
}

function decoratorName(record: ParamRecord): string {
  const names: Record<ParamRecord['in'], string> = {
    path: 'Path',
    query: 'Query',
    header: 'Header',
    body: 'Body',
    form: 'Form',
    file: 'UploadedFile',
    context: 'Ctx',
  };
  return names[record.in];
}

function fileParam(record: ParamRecord, ctx: ParamContext): ParamDescriptor {
  const options = record.options as UploadedFileOptions;
  const multiple = options.multiple ?? ctx.reflected === Array;
  const schema: JsonSchema = multiple ? { type: 'array', items: BINARY } : BINARY;
  return {
    index: ctx.index,
    name: wireName(record, ctx),
    in: 'file',
    schema: options.description !== undefined ? { ...schema, description: options.description } : schema,
    required: options.optional !== true,
    multiple,
  };
}

function bodyParam(record: ParamRecord, ctx: ParamContext): ParamDescriptor {
  const options = record.options as ParamOptions;
  const resolved = resolveType(ctx.reflected, options, label(ctx), ctx.components);
  const param: ParamDescriptor = { index: ctx.index, name: '', in: 'body', schema: resolved.schema, required: options.optional !== true };
  return resolved.dto !== undefined ? { ...param, dto: resolved.dto } : param;
}

/** path, query, header and form values arrive as strings: scalars or arrays of scalars only. */
function scalarParam(record: ParamRecord, ctx: ParamContext): ParamDescriptor {
  const options = record.options as ParamOptions;
  const name = wireName(record, ctx);
  const resolved = resolveType(ctx.reflected, options, label(ctx), ctx.components);
  if (resolved.coerce === undefined) {
    throw new ConfigError(
      'UNSUPPORTED_PARAMETER_TYPE',
      `${label(ctx)}: @${decoratorName(record)} values are strings, so the type must be a scalar or an array of scalars; use @Body() for objects`,
    );
  }
  if (record.in === 'path' && resolved.isArray) {
    throw new ConfigError('UNSUPPORTED_PARAMETER_TYPE', `${label(ctx)}: a path variable cannot be an array`);
  }
  if (record.in === 'path' && options.optional === true) {
    throw new ConfigError('OPTIONAL_PATH_PARAMETER', `${label(ctx)}: a path variable is always present, it cannot be optional`);
  }
  return {
    index: ctx.index,
    name,
    in: record.in,
    schema: resolved.schema,
    required: options.optional !== true && options.default === undefined,
    coerce: resolved.coerce,
    isArray: resolved.isArray,
  };
}

function describeParam(record: ParamRecord, ctx: ParamContext): ParamDescriptor {
  switch (record.in) {
    case 'context':
      return { index: ctx.index, name: '', in: 'context', schema: {}, required: true };
    case 'body':
      return bodyParam(record, ctx);
    case 'file':
      return fileParam(record, ctx);
    default:
      return scalarParam(record, ctx);
  }
}

function checkUniqueNames(params: readonly ParamDescriptor[], route: string): void {
  const seen = new Map<string, ParamDescriptor>();
  for (const p of params) {
    if (p.in === 'body' || p.in === 'context') continue;
    // Headers are case-insensitive; form fields and files share one multipart namespace.
    const space = p.in === 'file' ? 'form' : p.in;
    const key = `${space}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new ConfigError('DUPLICATE_PARAMETER', `${route}: parameters #${earlier.index} and #${p.index} both bind ${p.in} '${p.name}'`);
    }
    seen.set(key, p);
  }
}

/**
 * The parameters of `owner.prototype[method]`: every declared parameter must carry exactly one parameter
 * decorator; names default to the declared names read from the method's source.
 */
export function describeParams(owner: Class, method: string, components: ComponentSchemas): ParamDescriptor[] {
  const route = `${owner.name}.${method}`;
  const records = readOwnParams(owner, method);
  const types = reflectParamTypes(owner, method) ?? [];
  const fn = (owner.prototype as Record<string, unknown>)[method];
  const names = typeof fn === 'function' ? parameterNames(fn as (...args: never[]) => unknown) : [];
  const count = Math.max(types.length, names.length, ...records.map((r) => r.index + 1));
  const params: ParamDescriptor[] = [];
  for (let index = 0; index < count; index++) {
    const ctx: ParamContext = { route, index, declaredName: names[index], reflected: types[index], components };
    const mine = records.filter((r) => r.index === index);
    if (mine.length === 0) {
      throw new ConfigError(
        'UNDECORATED_PARAMETER',
        `${label(ctx)} has no parameter decorator; mark it @Path, @Query, @Header, @Body, @Form, @UploadedFile or @Ctx`,
      );
    }
    if (mine.length > 1) {
      const which = mine.map((r) => `@${decoratorName(r)}`).join(' and ');
      throw new ConfigError('CONFLICTING_PARAMETER_DECORATORS', `${label(ctx)} has ${which}; a parameter comes from one place`);
    }
    params.push(describeParam(mine[0], ctx));
  }
  checkUniqueNames(params, route);
  return params;
}
