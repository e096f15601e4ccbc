/**
 * OpenAPI 3.0 Schema Objects → what the generated module declares: DTO classes with `@Prop()` fields, enum
 * constants, type aliases — and, per use site, the TypeScript type, the `type:` TypeSpec and the SchemaOptions
 * the decorators need. What the decorators cannot say directly (unions, arrays of arrays, maps) is given as a
 * ready JSON Schema in `type:`; what nothing can say becomes a warning that names its JSON pointer.
 */
import type { oas30 } from 'openapi3-ts';
import type { JsonSchema } from '../../decorators/descriptors';
import { pointer, resolvePointer } from '../openapi/json-pointer';
import { code, literal } from './code-literal';
import type { ClassDecl, Declaration, GeneratorWarning, MappedType, PropDecl, Scalar } from './declarations';
import { typeName, typeNameScope, type NameScope } from './identifiers';

type Schema = oas30.SchemaObject | oas30.ReferenceObject;

const COMPONENTS = '#/components/schemas/';

function isRef(s: unknown): s is oas30.ReferenceObject {
  return typeof s === 'object' && s !== null && typeof (s as { $ref?: unknown }).$ref === 'string';
}

function union(types: readonly string[]): string {
  const unique = [...new Set(types)];
  return unique.length === 0 ? 'never' : unique.join(' | ');
}

function arrayOf(ts: string): string {
  return /^[\w.]+$/.test(ts) ? `${ts}[]` : `Array<${ts}>`;
}

function scalarLiteral(v: Scalar): string {
  return typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(v);
}

/** Keywords a value's own constraints carry (resolveType puts them on array items). */
function valueConstraints(s: oas30.SchemaObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.format !== undefined && s.format !== 'date-time' && s.format !== 'binary') out.format = s.format;
  if (s.minimum !== undefined) out[s.exclusiveMinimum === true ? 'exclusiveMinimum' : 'minimum'] = s.minimum;
  if (s.maximum !== undefined) out[s.exclusiveMaximum === true ? 'exclusiveMaximum' : 'maximum'] = s.maximum;
  if (s.minLength !== undefined) out.minLength = s.minLength;
  if (s.maxLength !== undefined) out.maxLength = s.maxLength;
  if (s.pattern !== undefined) out.pattern = s.pattern;
  return out;
}

function annotations(s: oas30.SchemaObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.default !== undefined) out.default = s.default;
  if (s.example !== undefined) out.example = s.example;
  if (s.nullable === true) out.nullable = true;
  return out;
}

export class SchemaMapper {
  readonly declarations: Declaration[] = [];
  readonly warnings: GeneratorWarning[] = [];
  private readonly names: NameScope = typeNameScope();
  /** Component name → its declared TypeScript name. */
  private readonly componentNames = new Map<string, string>();
  private readonly byName = new Map<string, Declaration>();
  private readonly aliasStack: string[] = [];

  constructor(private readonly document: oas30.OpenAPIObject) {
    const components = document.components?.schemas ?? {};
    for (const name of Object.keys(components)) this.componentNames.set(name, this.names.take(typeName(name)));
    for (const [name, schema] of Object.entries(components)) this.declareComponent(name, schema);
  }

  warn(at: string, message: string): void {
    this.warnings.push({ pointer: at, message });
  }

  /** A fresh, unique type name for an inline object (`CreatePetBody`, `PetOwner`). */
  takeName(hint: string): string {
    return this.names.take(typeName(hint));
  }

  private declare(decl: Declaration): void {
    this.declarations.push(decl);
    this.byName.set(decl.name, decl);
  }

  private declareComponent(name: string, schema: Schema): void {
    const tsName = this.componentNames.get(name) as string;
    const at = pointer('#/components/schemas', name);
    if (isRef(schema)) {
      this.declare({ kind: 'alias', name: tsName, ts: this.map(schema, at, tsName).ts });
      return;
    }
    if (schema.enum !== undefined && (schema.type === undefined || schema.type !== 'object')) {
      const values = schema.enum.filter((v): v is Scalar => v !== null && typeof v !== 'object');
      this.declare({ kind: 'enum', name: tsName, values, description: schema.description });
      return;
    }
    if (this.isObjectLike(schema)) {
      this.declareClass(tsName, schema, at);
      return;
    }
    this.aliasStack.push(name);
    const mapped = this.map(schema, at, tsName);
    this.aliasStack.pop();
    this.declare({ kind: 'alias', name: tsName, ts: mapped.ts, description: schema.description });
  }

  /** An object with named properties, or an allOf composition: a class. */
  private isObjectLike(s: oas30.SchemaObject): boolean {
    if (s.allOf !== undefined && !(s.allOf.length === 1 && s.properties === undefined)) return true;
    return s.properties !== undefined && (s.type === 'object' || s.type === undefined) && s.oneOf === undefined && s.anyOf === undefined;
  }

  /** Properties of a schema, following allOf members that are not the base class. */
  private collectProps(s: oas30.SchemaObject, at: string, owner: string, into: PropDecl[], required: Set<string>): void {
    for (const r of s.required ?? []) required.add(r);
    for (const [key, prop] of Object.entries(s.properties ?? {})) {
      const existing = into.findIndex((p) => p.name === key);
      const decl: PropDecl = {
        name: key,
        optional: false,
        type: this.map(prop, pointer(at, 'properties', key), `${owner} ${key}`),
        description: isRef(prop) ? undefined : prop.description,
      };
      if (existing >= 0) into[existing] = decl;
      else into.push(decl);
    }
    if (s.additionalProperties !== undefined && s.additionalProperties !== false && s.properties !== undefined) {
      this.warn(pointer(at, 'additionalProperties'), 'keys beyond the declared properties are accepted but not typed on the class');
    }
  }

  private declareClass(name: string, s: oas30.SchemaObject, at: string): ClassDecl {
    const decl: ClassDecl = { kind: 'class', name, props: [], description: s.description };
    this.declare(decl);
    const required = new Set<string>();
    const members = s.allOf ?? [];
    members.forEach((member, i) => {
      const memberAt = pointer(at, 'allOf', i);
      const target = this.componentOf(member);
      if (decl.extends === undefined && target !== undefined && this.byName.get(target.tsName)?.kind !== 'enum' && i === 0) {
        const base = this.byName.get(target.tsName);
        if (base === undefined || base.kind === 'class') {
          decl.extends = target.tsName;
          for (const r of this.requiredOf(target.schema)) required.add(r);
          return;
        }
      }
      const resolved = this.resolve(member, memberAt);
      if (resolved === undefined) return;
      this.collectProps(resolved.schema, resolved.at, name, decl.props, required);
      for (const nested of resolved.schema.allOf ?? []) {
        const inner = this.resolve(nested, resolved.at);
        if (inner) this.collectProps(inner.schema, inner.at, name, decl.props, required);
      }
    });
    this.collectProps(s, at, name, decl.props, required);
    for (const p of decl.props) p.optional = !required.has(p.name);
    if (s.oneOf !== undefined || s.anyOf !== undefined)
      this.warn(at, 'oneOf/anyOf next to properties or allOf is not typed; the class has the properties only');
    return decl;
  }

  private requiredOf(s: oas30.SchemaObject): string[] {
    return [...(s.required ?? []), ...(s.allOf ?? []).flatMap((m) => (isRef(m) ? [] : (m.required ?? [])))];
  }

  private componentOf(s: Schema): { name: string; tsName: string; schema: oas30.SchemaObject } | undefined {
    if (!isRef(s) || !s.$ref.startsWith(COMPONENTS)) return undefined;
    const name = decodeURIComponent(s.$ref.slice(COMPONENTS.length)).replace(/~1/g, '/').replace(/~0/g, '~');
    const tsName = this.componentNames.get(name);
    const schema = this.document.components?.schemas?.[name];
    if (tsName === undefined || schema === undefined || isRef(schema)) return undefined;
    return { name, tsName, schema };
  }

  /** Follows local $refs to a Schema Object; warns (and gives undefined) for what cannot be followed. */
  resolve(s: Schema, at: string): { schema: oas30.SchemaObject; at: string } | undefined {
    let current: Schema = s;
    let where = at;
    for (let hops = 0; isRef(current); hops++) {
      if (!current.$ref.startsWith('#') || hops > 20) {
        this.warn(at, `$ref ${current.$ref} cannot be followed (only references inside the document are)`);
        return undefined;
      }
      const target = resolvePointer(this.document, current.$ref);
      if (target === undefined || target === null || typeof target !== 'object') {
        this.warn(at, `$ref ${current.$ref} points at nothing`);
        return undefined;
      }
      where = current.$ref;
      current = target as Schema;
    }
    return { schema: current, at: where };
  }

  /** The use-site mapping of a schema (`hint` names inline classes). */
  map(s: Schema, at: string, hint: string): MappedType {
    if (isRef(s)) return this.mapRef(s, at, hint);
    const mapped = this.mapSchema(s, at, hint);
    if (s.nullable === true && !mapped.ts.endsWith(' | null')) {
      return {
        ...mapped,
        ts: `${mapped.ts} | null`,
        constraints: { ...mapped.constraints, nullable: true },
        json: { ...mapped.json, nullable: true },
      };
    }
    return mapped;
  }

  private mapRef(s: oas30.ReferenceObject, at: string, hint: string): MappedType {
    const component = this.componentOf(s);
    if (component !== undefined) {
      const decl = this.byName.get(component.tsName);
      const json: JsonSchema = { $ref: `${COMPONENTS}${component.tsName}` };
      if (decl === undefined || decl.kind === 'class') {
        return { ts: component.tsName, spec: code(component.tsName), constraints: {}, deps: [component.tsName], json };
      }
      if (decl.kind === 'enum') return this.enumUse(decl.values, component.tsName, component.schema);
      // a named alias (a string with a format, an array…): the alias name for the type, its content at runtime
      if (this.aliasStack.includes(component.name)) {
        this.warn(at, `$ref ${s.$ref} refers to itself through aliases; typed as unknown`);
        return this.unknownType();
      }
      this.aliasStack.push(component.name);
      const inner = this.map(component.schema, pointer('#/components/schemas', component.name), hint);
      this.aliasStack.pop();
      return { ...inner, ts: component.tsName };
    }
    const resolved = this.resolve(s, at);
    return resolved === undefined ? this.unknownType() : this.map(resolved.schema, resolved.at, hint);
  }

  private unknownType(): MappedType {
    return { ts: 'unknown', spec: code('{}'), constraints: {}, deps: [], json: {} };
  }

  private enumUse(values: readonly Scalar[], constName: string | undefined, s: oas30.SchemaObject): MappedType {
    const kind = values.every((v) => typeof v === 'string')
      ? 'String'
      : values.every((v) => typeof v === 'number')
        ? values.every(Number.isInteger)
          ? "'integer'"
          : 'Number'
        : values.every((v) => typeof v === 'boolean')
          ? 'Boolean'
          : undefined;
    const jsonType = kind === 'String' ? 'string' : kind === "'integer'" ? 'integer' : kind === 'Number' ? 'number' : 'boolean';
    const json: JsonSchema = { type: jsonType, enum: [...values] };
    return {
      ts: constName ?? union(values.map(scalarLiteral)),
      spec: code(kind ?? 'Object'),
      constraints: { enum: constName !== undefined ? code(constName) : [...values], ...annotations(s) },
      deps: constName !== undefined ? [constName] : [],
      json,
    };
  }

  private mapSchema(s: oas30.SchemaObject, at: string, hint: string): MappedType {
    if (s.allOf !== undefined && s.allOf.length === 1 && s.properties === undefined) {
      const inner = this.map(s.allOf[0], pointer(at, 'allOf', 0), hint);
      return { ...inner, constraints: { ...inner.constraints, ...annotations(s) } };
    }
    if (this.isObjectLike(s)) {
      const decl = this.declareClass(this.takeName(hint), s, at);
      return {
        ts: decl.name,
        spec: code(decl.name),
        constraints: annotations(s),
        deps: [decl.name],
        json: { $ref: `${COMPONENTS}${decl.name}` },
      };
    }
    const alternatives = s.oneOf ?? s.anyOf;
    if (alternatives !== undefined) return this.mapUnion(alternatives, s, pointer(at, s.oneOf !== undefined ? 'oneOf' : 'anyOf'), hint);
    if (s.enum !== undefined)
      return this.enumUse(
        s.enum.filter((v): v is Scalar => v !== null && typeof v !== 'object'),
        undefined,
        s,
      );
    if (s.not !== undefined) this.warn(pointer(at, 'not'), "'not' cannot be expressed in TypeScript; it is ignored");
    switch (s.type) {
      case 'string':
        return this.mapString(s);
      case 'integer':
        return {
          ts: 'number',
          spec: code("'integer'"),
          constraints: { ...valueConstraints(s), ...annotations(s) },
          deps: [],
          json: { type: 'integer', ...this.jsonConstraints(s) },
        };
      case 'number':
        return {
          ts: 'number',
          spec: code('Number'),
          constraints: { ...valueConstraints(s), ...annotations(s) },
          deps: [],
          json: { type: 'number', ...this.jsonConstraints(s) },
        };
      case 'boolean':
        return { ts: 'boolean', spec: code('Boolean'), constraints: annotations(s), deps: [], json: { type: 'boolean' } };
      case 'array':
        return this.mapArray(s, at, hint);
      case 'object':
      case undefined:
        return this.mapObjectOrAny(s, at, hint);
      default:
        this.warn(at, `type '${String(s.type)}' is not an OpenAPI 3.0 type; typed as unknown`);
        return this.unknownType();
    }
  }

  private jsonConstraints(s: oas30.SchemaObject): JsonSchema {
    const c = valueConstraints(s) as JsonSchema;
    return { ...c };
  }

  private mapString(s: oas30.SchemaObject): MappedType {
    if (s.format === 'date-time') {
      return { ts: 'Date', spec: code('Date'), constraints: annotations(s), deps: [], json: { type: 'string', format: 'date-time' } };
    }
    const binary = s.format === 'binary';
    return {
      ts: 'string',
      spec: code('String'),
      constraints: { ...valueConstraints(s), ...annotations(s) },
      deps: [],
      json: { type: 'string', ...this.jsonConstraints(s) },
      binary,
    };
  }

  private mapArray(s: oas30.SchemaObject, at: string, hint: string): MappedType {
    const outer: Record<string, unknown> = { ...annotations(s) };
    if (s.minItems !== undefined) outer.minItems = s.minItems;
    if (s.maxItems !== undefined) outer.maxItems = s.maxItems;
    if (s.items === undefined) {
      this.warn(at, 'array without items; elements typed as unknown');
      return {
        ts: 'unknown[]',
        spec: code("{ type: 'array', items: {} }"),
        constraints: outer,
        deps: [],
        json: { type: 'array', items: {} },
      };
    }
    const item = this.map(s.items, pointer(at, 'items'), `${hint} item`);
    const json: JsonSchema = { type: 'array', items: item.json, ...(outer as JsonSchema) };
    // `[X]` works for one level of scalars, DTO classes and enums; anything deeper is a ready schema
    const simple = /^(String|Number|Boolean|Date|'integer'|[A-Z][\w]*)$/.test(item.spec.text) && item.constraints.nullable !== true;
    if (simple) {
      return {
        ts: arrayOf(item.ts),
        spec: code(`[${item.spec.text}]`),
        constraints: { ...item.constraints, ...outer },
        deps: item.deps,
        json,
        binary: item.binary,
      };
    }
    return { ts: arrayOf(item.ts), spec: code(literal(json)), constraints: {}, deps: [], json, binary: item.binary };
  }

  private mapObjectOrAny(s: oas30.SchemaObject, at: string, hint: string): MappedType {
    const extra = s.additionalProperties;
    if (typeof extra === 'object') {
      const value = this.map(extra, pointer(at, 'additionalProperties'), `${hint} value`);
      const json: JsonSchema = { type: 'object', additionalProperties: value.json };
      return { ts: `Record<string, ${value.ts}>`, spec: code(literal(json)), constraints: annotations(s), deps: [], json };
    }
    if (s.type === 'object' || extra === true) {
      return { ts: 'Record<string, unknown>', spec: code('Object'), constraints: annotations(s), deps: [], json: { type: 'object' } };
    }
    this.warn(at, 'schema has no type; typed as unknown');
    return this.unknownType();
  }

  private mapUnion(members: readonly Schema[], s: oas30.SchemaObject, at: string, hint: string): MappedType {
    const mapped = members.map((m, i) => this.map(m, pointer(at, i), `${hint} option ${i + 1}`));
    if (mapped.length === 1) return { ...mapped[0], constraints: { ...mapped[0].constraints, ...annotations(s) } };
    const json: JsonSchema = { anyOf: mapped.map((m) => m.json) };
    return {
      ts: union(mapped.map((m) => (m.ts.includes(' ') && !m.ts.startsWith('Record<') ? `(${m.ts})` : m.ts))),
      spec: code(literal(json)),
      constraints: annotations(s),
      deps: [],
      json,
    };
  }
}
