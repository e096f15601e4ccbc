/**
 * Puts Date objects back where the server's handler returned them: JSON carries dates as ISO strings, and
 * the response schema says which fields are `format: date-time` (or `date`). One reviver per route is
 * compiled from the schema once; a schema without any date compiles to the identity, so most routes pay
 * nothing.
 */
import type { JsonSchema } from '../decorators/descriptors';

export type Reviver = (value: unknown) => unknown;

const identity: Reviver = (v) => v;

function toDate(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : d;
}

const REF_PREFIX = '#/components/schemas/';

class ReviverCompiler {
  /** Per component: its reviver once compiled; `pending` while compiling (recursive DTOs). */
  private readonly byRef = new Map<string, Reviver | 'pending'>();

  constructor(private readonly schemas: Readonly<Record<string, JsonSchema>>) {}

  compile(schema: JsonSchema | undefined): Reviver {
    if (!schema) return identity;
    if (schema.$ref !== undefined) return this.ref(schema.$ref);
    if (schema.type === 'string' && (schema.format === 'date-time' || schema.format === 'date')) return toDate;
    const alternatives = [...(schema.allOf ?? []), ...(schema.anyOf ?? [])].map((s) => this.compile(s)).filter((r) => r !== identity);
    if (alternatives.length > 0) {
      // allOf with one $ref (described DTO) or anyOf [{ $ref }, { type: 'null' }]: null passes through.
      return (v) => (v === null || v === undefined ? v : alternatives.reduce<unknown>((acc, r) => r(acc), v));
    }
    if (schema.type === 'array' || schema.items !== undefined) {
      const item = this.compile(schema.items);
      if (item === identity) return identity;
      return (v) => (Array.isArray(v) ? v.map(item) : v);
    }
    return this.object(schema);
  }

  private object(schema: JsonSchema): Reviver {
    const fields: [string, Reviver][] = [];
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      const r = this.compile(prop);
      if (r !== identity) fields.push([name, r]);
    }
    const extra = typeof schema.additionalProperties === 'object' ? this.compile(schema.additionalProperties) : identity;
    if (fields.length === 0 && extra === identity) return identity;
    const known = new Set(Object.keys(schema.properties ?? {}));
    return (v) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
      const o = v as Record<string, unknown>;
      for (const [name, r] of fields) if (o[name] !== undefined) o[name] = r(o[name]);
      if (extra !== identity) for (const k of Object.keys(o)) if (!known.has(k)) o[k] = extra(o[k]);
      return o;
    };
  }

  private ref(ref: string): Reviver {
    const name = ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
    const known = this.byRef.get(name);
    if (known === 'pending') {
      // A recursive DTO: defer to the finished reviver at call time.
      return (v) => (this.byRef.get(name) as Reviver)(v);
    }
    if (known) return known;
    this.byRef.set(name, 'pending');
    const compiled = this.compile(this.schemas[name]);
    this.byRef.set(name, compiled);
    return compiled;
  }
}

/** The reviver for one response schema; `$ref`s resolve against the service descriptor's `schemas`. */
export function compileDateReviver(schema: JsonSchema | undefined, schemas: Readonly<Record<string, JsonSchema>>): Reviver {
  return new ReviverCompiler(schemas).compile(schema);
}

/** True when the reviver does nothing (no date anywhere in the schema). */
export function isIdentityReviver(r: Reviver): boolean {
  return r === identity;
}
