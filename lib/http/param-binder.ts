/**
 * Request → handler arguments for one route: read each parameter from where it lives, coerce strings to
 * the declared scalar, validate everything in one pass, then hand the values over in `index` order.
 * Query arrays come from repeated keys and from the axios-style `name[]`; a scalar given several times
 * takes the first value (as go-doudou's r.FormValue). An empty string for a non-string scalar counts as absent.
 */
import type { Context } from 'koa';
import type { ParamDescriptor, RouteDescriptor, ServiceDescriptor } from '../decorators/descriptors';
import type { UploadedFileInfo } from '../decorators/uploaded-file';
import { compileKeyRenamer, type KeyRenamer } from '../decorators/wire-keys';
import { ValidationError, type FieldError } from '../errors';
import { coerceScalar, syntaxError } from './coerce';
import { NO_QUERY, queryValues, type QueryValues } from './query-values';
import { forbiddenFlatKeyIn, forbiddenKeyError } from './forbidden-keys';
import type { FormFields } from './request-body';
import type { CompileQueue } from './compile-queue';
import { RequestValidator, VALIDATED_LOCATIONS, paramKey } from './request-validator';
import type Ajv from 'ajv';
import type { Class } from '../decorators/class-type';

/** What the route builder read from the body before binding. */
export interface ParsedBody {
  json?: unknown;
  form?: FormFields;
  files?: Record<string, UploadedFileInfo[]>;
}

type Values = string | string[] | undefined;

/** A param read from path/query/header/form, with what it is called, built once: its key in the validated
 *  input, its field name in errors, its axios-style `name[]` spelling. */
interface LocatedParam {
  readonly p: ParamDescriptor;
  readonly key: string;
  readonly field: string;
  readonly bracketed: string;
}

function listOf(v: Values): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export class ParamBinder {
  private readonly validator: RequestValidator;
  private readonly params: readonly ParamDescriptor[];
  /** Params read from path/query/header/form (body, file and context are handled apart). */
  private readonly located: readonly LocatedParam[];
  /** Locations with at least one param: only these get an object in the validated input (schema defaults land there). */
  private readonly locations: readonly string[];
  private readonly readsBody: boolean;
  private readonly fileParams: readonly ParamDescriptor[];
  private readonly formParams: readonly ParamDescriptor[];
  /** The JSON body's wire names → the DTO's property names (identity for lowerCamel services). */
  private readonly bodyFromWire: KeyRenamer;
  private readonly readsQuery: boolean;

  constructor(
    ajv: Ajv | (() => Ajv),
    private readonly route: RouteDescriptor,
    service: Pick<ServiceDescriptor, 'schemas' | 'propertyNames'>,
    queue?: CompileQueue,
  ) {
    this.validator = new RequestValidator(ajv, route, service.schemas, queue);
    this.bodyFromWire = compileKeyRenamer(route.params.find((p) => p.in === 'body')?.schema, service, 'fromWire');
    this.params = route.params;
    this.located = route.params
      .filter((p) => p.in !== 'body' && p.in !== 'file' && p.in !== 'context')
      .map((p) => ({ p, key: paramKey(p), field: `${p.in}.${paramKey(p)}`, bracketed: `${p.name}[]` }));
    this.locations = VALIDATED_LOCATIONS.filter((location) => route.params.some((p) => p.in === location));
    this.readsBody = route.params.some((p) => p.in === 'body');
    this.fileParams = route.params.filter((p) => p.in === 'file');
    this.formParams = route.params.filter((p) => p.in === 'form');
    this.readsQuery = route.params.some((p) => p.in === 'query');
  }

  private raw(ctx: Context, { p, bracketed }: LocatedParam, body: ParsedBody, q: QueryValues): Values {
    switch (p.in) {
      case 'path':
        return (ctx as Context & { params?: Record<string, string> }).params?.[p.name];
      case 'query': {
        if (!p.isArray) return q[p.name] ?? q[bracketed];
        const all = [...listOf(q[p.name]), ...listOf(q[bracketed])];
        return all.length > 0 ? all : undefined;
      }
      case 'header': {
        const h = ctx.req.headers[p.name.toLowerCase()];
        if (!p.isArray || h === undefined) return h;
        return listOf(h).flatMap((v) =>
          v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        );
      }
      case 'form': {
        const f = body.form ?? {};
        if (!p.isArray) return f[p.name] ?? f[bracketed];
        const all = [...listOf(f[p.name]), ...listOf(f[bracketed])];
        return all.length > 0 ? all : undefined;
      }
      default:
        return undefined;
    }
  }

  /** One string → its coerced value; `undefined` for "absent"; numbers and dates that do not convert are named here. */
  private scalar(raw: string, p: ParamDescriptor, field: string, errors: FieldError[]): unknown {
    if (raw === '' && p.coerce && p.coerce !== 'string') return undefined;
    const problem = syntaxError(raw, p.coerce);
    if (problem !== undefined) errors.push({ field, message: problem });
    return coerceScalar(raw, p.coerce);
  }

  /** Reads, coerces and validates; throws ValidationError listing every bad field. */
  bind(ctx: Context, body: ParsedBody): unknown[] {
    const querystring = ctx.querystring;
    rejectForbiddenQueryKeys(ctx, querystring);
    const q = this.readsQuery ? queryValues(ctx, querystring) : NO_QUERY;
    const errors: FieldError[] = [];
    const input: Record<string, unknown> = {};
    for (const location of this.locations) input[location] = {};
    for (const at of this.located) {
      const raw = this.raw(ctx, at, body, q);
      if (raw === undefined) continue;
      const { p, key, field } = at;
      let value: unknown;
      if (p.isArray) {
        value = listOf(raw)
          .map((s, i) => this.scalar(s, p, `${field}[${i}]`, errors))
          .filter((v) => v !== undefined);
      } else {
        value = this.scalar(typeof raw === 'string' ? raw : (raw[0] ?? ''), p, field, errors);
      }
      if (value !== undefined) (input[p.in] as Record<string, unknown>)[key] = value;
    }
    if (this.readsBody) input.body = body.json;
    if (body.files !== undefined) this.checkParts(body, errors);

    const invalid = this.validator.validate(input);
    if (invalid.length > 0) {
      // one complaint per field: the schema would repeat a syntax error already named ("must be integer")
      const named = new Set(errors.map((e) => e.field));
      for (const e of invalid) if (!named.has(e.field)) errors.push(e);
    }
    for (const p of this.fileParams) {
      if (p.required && (body.files?.[p.name] ?? []).length === 0 && !errors.some((e) => e.field === `file.${p.name}`)) {
        errors.push({ field: `file.${p.name}`, message: 'is required' });
      }
    }
    if (errors.length > 0) throw new ValidationError(errors);

    const args: unknown[] = [];
    for (const p of this.params) args[p.index] = this.value(ctx, p, input, body);
    return args;
  }

  /** Multipart parts in the wrong shape: several files for a single-file field, a file where text belongs and text where a file does. */
  private checkParts(body: ParsedBody, errors: FieldError[]): void {
    const files = body.files ?? {};
    for (const p of this.fileParams) {
      const count = files[p.name]?.length ?? 0;
      if (!p.multiple && count > 1) errors.push({ field: `file.${p.name}`, message: `takes one file, got ${count}` });
      if (count === 0 && body.form?.[p.name] !== undefined)
        errors.push({ field: `file.${p.name}`, message: 'must be a file, not a text field' });
    }
    for (const p of this.formParams) {
      if ((files[p.name]?.length ?? 0) > 0) errors.push({ field: `form.${p.name}`, message: 'must be a text field, not a file' });
    }
  }

  private value(ctx: Context, p: ParamDescriptor, input: Record<string, unknown>, body: ParsedBody): unknown {
    switch (p.in) {
      case 'context':
        return ctx;
      case 'file': {
        const files = body.files?.[p.name] ?? [];
        return p.multiple ? files : files[0];
      }
      case 'body': {
        const value = p.name === '' ? input.body : (input.body as Record<string, unknown> | undefined)?.[p.name];
        return toDto(this.bodyFromWire(value), p.dto);
      }
      default: {
        const value = (input[p.in] as Record<string, unknown>)[paramKey(p)];
        if (p.coerce !== 'date' || value === undefined) return value;
        return Array.isArray(value) ? value.map((s) => new Date(String(s))) : new Date(String(value));
      }
    }
  }
}

/** A query key can only be `__proto__`-like when it says `proto` or hides letters behind percent-escapes. */
function rejectForbiddenQueryKeys(ctx: Context, raw: string): void {
  if (!raw.includes('proto') && !raw.includes('%')) return;
  const forbidden = forbiddenFlatKeyIn(ctx.query, 'query');
  if (forbidden !== undefined) throw forbiddenKeyError(forbidden);
}

/**
 * A plain JSON object becomes an instance of its DTO class (constructor not run). Own properties are
 * DEFINED, never assigned: assignment of a `__proto__` key would replace the instance's prototype.
 */
function toDto(value: unknown, dto: Class | undefined): unknown {
  if (!dto || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const instance = Object.create(dto.prototype as object) as object;
  for (const key of Object.keys(value)) {
    Object.defineProperty(instance, key, {
      value: (value as Record<string, unknown>)[key],
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return instance;
}
