/**
 * Renames DTO keys between their TypeScript property names and their wire names (lib/decorators/json-case.ts),
 * following a schema: component schemas are keyed by wire names and `propertyNames` says which differ.
 * One renamer per schema and direction is compiled once (per route, at mount); a schema that reaches no
 * renamed property compiles to the identity, so lowerCamel services pay nothing.
 *
 *  - `fromWire` (request bodies on the server, answers on the client): a new object per DTO with the
 *    property names; keys the schema does not declare are kept as they came (validation decided on them).
 *  - `toWire` (handler results, client arguments): a new object with the declared fields under their wire
 *    names, read by property name (getters work); undeclared fields are left behind, as the response
 *    serializer would drop them anyway.
 */
import type { JsonSchema, ServiceDescriptor } from './descriptors';
import { COMPONENT_PREFIX } from './schema-resolver';

export type KeyRenamer = (value: unknown) => unknown;

export type RenameDirection = 'toWire' | 'fromWire';

const identity: KeyRenamer = (v) => v;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** An own property, defined rather than assigned: a `__proto__` key must not replace the prototype. */
function put(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}

/** A value about to be serialized the way JSON.stringify would see it (a class with `toJSON`). */
function jsonView(v: unknown): unknown {
  if (v instanceof Date || !isObject(v)) return v;
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(v) : v;
}

type Descriptor = Pick<ServiceDescriptor, 'schemas' | 'propertyNames'>;

class RenamerCompiler {
  /** Per component: its renamer once compiled; `pending` while compiling (recursive DTOs). */
  private readonly byRef = new Map<string, KeyRenamer | 'pending'>();

  constructor(
    private readonly descriptor: Descriptor,
    private readonly direction: RenameDirection,
  ) {}

  compile(schema: JsonSchema | undefined): KeyRenamer {
    if (schema === undefined) return identity;
    if (schema.$ref !== undefined) return this.ref(schema.$ref);
    // allOf [{ $ref }] (a described DTO), anyOf [{ $ref }, null] (a nullable one): the DTO branch renames.
    const branch = [...(schema.allOf ?? []), ...(schema.anyOf ?? [])].map((s) => this.compile(s)).find((r) => r !== identity);
    if (branch !== undefined) return branch;
    if (schema.items !== undefined) {
      const item = this.compile(schema.items);
      return item === identity ? identity : (v) => (Array.isArray(v) ? v.map(item) : v);
    }
    return this.object(schema, {});
  }

  private ref(ref: string): KeyRenamer {
    const name = ref.startsWith(COMPONENT_PREFIX) ? ref.slice(COMPONENT_PREFIX.length) : ref;
    const known = this.byRef.get(name);
    if (known === 'pending') return (v) => (this.byRef.get(name) as KeyRenamer)(v);
    if (known !== undefined) return known;
    const schema = this.descriptor.schemas[name];
    if (schema === undefined) return identity;
    this.byRef.set(name, 'pending');
    const compiled = this.object(schema, this.descriptor.propertyNames?.[name] ?? {});
    this.byRef.set(name, compiled);
    return compiled;
  }

  /** `renamed`: wire name → property name for this object's fields (empty for inline objects). */
  private object(schema: JsonSchema, renamed: Readonly<Record<string, string>>): KeyRenamer {
    const fields = Object.entries(schema.properties ?? {}).map(([wire, s]) => ({
      wire,
      property: renamed[wire] ?? wire,
      rename: this.compile(s),
    }));
    const extra = typeof schema.additionalProperties === 'object' ? this.compile(schema.additionalProperties) : identity;
    if (fields.every((f) => f.wire === f.property && f.rename === identity) && extra === identity) return identity;
    if (this.direction === 'fromWire') return fromWire(fields, extra);
    const open = schema.additionalProperties !== undefined && schema.additionalProperties !== false;
    return toWire(fields, open ? extra : undefined);
  }
}

interface Field {
  wire: string;
  property: string;
  rename: KeyRenamer;
}

/** `extra`: how undeclared fields are written when the schema lets them through; undefined drops them. */
function toWire(fields: readonly Field[], extra: KeyRenamer | undefined): KeyRenamer {
  const declared = new Set(fields.map((f) => f.property));
  return (input) => {
    const v = jsonView(input);
    if (!isObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const value = v[f.property];
      if (value !== undefined) put(out, f.wire, f.rename(value));
    }
    if (extra !== undefined) for (const key of Object.keys(v)) if (!declared.has(key)) put(out, key, extra(v[key]));
    return out;
  };
}

function fromWire(fields: readonly Field[], extra: KeyRenamer): KeyRenamer {
  const byWire = new Map(fields.map((f) => [f.wire, f]));
  return (v) => {
    if (!isObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      const f = byWire.get(key);
      if (f !== undefined) put(out, f.property, f.rename(v[key]));
      else put(out, key, extra(v[key]));
    }
    return out;
  };
}

/** The renamer of values of `schema` in one direction; `$ref`s resolve against the descriptor's `schemas`. */
export function compileKeyRenamer(schema: JsonSchema | undefined, descriptor: Descriptor, direction: RenameDirection): KeyRenamer {
  return new RenamerCompiler(descriptor, direction).compile(schema);
}

/** True when the renamer changes nothing (no renamed property reachable from the schema). */
export function isIdentityRenamer(r: KeyRenamer): boolean {
  return r === identity;
}
