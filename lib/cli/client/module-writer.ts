/**
 * The generated module's text: header, imports from 'ts-doudou' only (what a user would write), enum
 * constants, type aliases, DTO classes in dependency order (decorators evaluate their class references at
 * definition time), and the @Contract class. Pure and deterministic.
 */
import { toLowerCamelCase } from '../../decorators/json-case';
import { docComment, literal, code, type Code } from './code-literal';
import { propertyKey } from './identifiers';
import type { MethodModel, ParamModel } from './operation-mapper';
import type { ClassDecl, Declaration, MappedType, PropDecl } from './declarations';

export interface ModuleSpec {
  title: string;
  version: string;
  source: string;
  serviceName: string;
  className: string;
  rootPath: string;
  description?: string;
  declarations: readonly Declaration[];
  methods: readonly MethodModel[];
}

/** Classes ordered so each comes after the classes its runtime code names; cycles keep document order. */
function orderClasses(classes: readonly ClassDecl[], runtimeDeps: (c: ClassDecl) => string[]): ClassDecl[] {
  const byName = new Map(classes.map((c) => [c.name, c]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: ClassDecl[] = [];
  const visit = (c: ClassDecl): void => {
    if (done.has(c.name) || visiting.has(c.name)) return;
    visiting.add(c.name);
    for (const d of runtimeDeps(c)) {
      const dep = byName.get(d);
      if (dep !== undefined && dep !== c) visit(dep);
    }
    visiting.delete(c.name);
    done.add(c.name);
    out.push(c);
  };
  for (const c of classes) visit(c);
  return out;
}

function classDeps(c: ClassDecl): string[] {
  return [...(c.extends !== undefined ? [c.extends] : []), ...c.props.flatMap((p) => p.type.deps)];
}

/** Options of @Prop / a parameter decorator: `type` first, then constraints, then `optional`. */
function options(type: MappedType, optional: boolean, extra: Record<string, unknown> = {}): string {
  const o: Record<string, unknown> = { type: type.spec, ...type.constraints, ...extra };
  if (optional) o.optional = true;
  return literal(o);
}

/**
 * A property whose class is declared later (a cycle between DTOs): its decorator must not name that class
 * at definition time, so the schema is given as a `$ref` and the type written so reflection records Object.
 */
function lateBound(type: MappedType, declared: ReadonlySet<string>): MappedType {
  if (type.deps.every((d) => declared.has(d))) return type;
  const ts = /^[A-Z]\w*$/.test(type.ts) ? `Readonly<${type.ts}>` : type.ts;
  return { ...type, ts, spec: code(literal(type.json)), constraints: {}, deps: [] };
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;

/**
 * The TypeScript name of each property: a snake_case wire name (`page_size`) becomes a lowerCamel property
 * with `@Prop({ name: 'page_size' })`, so callers write camelCase and the wire keeps the document's names;
 * unless the camelCase name is itself a wire name of the class.
 */
function propertyNamesOf(c: ClassDecl): Map<string, string> {
  const wire = new Set(c.props.map((p) => p.name));
  const names = new Map<string, string>();
  for (const p of c.props) {
    const camel = SNAKE_CASE.test(p.name) ? toLowerCamelCase(p.name) : p.name;
    names.set(p.name, camel !== p.name && (wire.has(camel) || [...names.values()].includes(camel)) ? p.name : camel);
  }
  return names;
}

function writeProp(p: PropDecl, declared: ReadonlySet<string>, property: string): string {
  const type = lateBound(p.type, declared);
  const comment = docComment([p.description], '  ');
  const wireName = property !== p.name ? { name: p.name } : {};
  return `${comment}  @Prop(${options(type, p.optional, wireName)})\n  ${propertyKey(property)}${p.optional ? '?' : '!'}: ${type.ts};\n`;
}

function writeClass(c: ClassDecl, declared: Set<string>): string {
  const heritage = c.extends !== undefined ? ` extends ${c.extends}` : '';
  declared.add(c.name); // a class may name itself in its own decorators (they run after the class exists)
  const names = propertyNamesOf(c);
  const body = c.props.map((p) => writeProp(p, declared, names.get(p.name) ?? p.name)).join('\n');
  return `${docComment([c.description], '')}export class ${c.name}${heritage} {\n${body}}\n`;
}

function paramDecorator(p: ParamModel): string {
  if (p.decorator === 'Body') return `@Body(${options(p.type, p.optional)})`;
  if (p.decorator === 'UploadedFile') {
    const o: Record<string, unknown> = {};
    if (p.multiple === true) o.multiple = true;
    if (p.optional) o.optional = true;
    return `@UploadedFile(${literal(p.wireName)}${Object.keys(o).length > 0 ? `, ${literal(o)}` : ''})`;
  }
  const extra = p.description !== undefined && p.decorator !== 'Path' ? { description: p.description } : {};
  return `@${p.decorator}(${literal(p.wireName)}, ${options(p.type, p.optional, extra)})`;
}

function paramType(p: ParamModel): string {
  if (p.decorator === 'UploadedFile') return p.multiple === true ? 'UploadedFileInfo[]' : 'UploadedFileInfo';
  return p.type.ts;
}

function returnType(m: MethodModel): string {
  if (m.file) return 'FileResult';
  return m.returns?.ts ?? 'void';
}

function routeOptions(m: MethodModel): string {
  const o: Record<string, unknown> = {};
  if (m.file) o.file = true;
  else if (m.returns !== undefined) o.returns = m.returns.spec;
  if (m.summary !== undefined) o.summary = m.summary;
  if (m.deprecated) o.deprecated = true;
  return Object.keys(o).length > 0 ? `, ${literal(o)}` : '';
}

/** Declared errors with an exact status (`4XX` and `default` ranges cannot narrow a status). */
function exactErrors(m: MethodModel): MethodModel['errors'] {
  return m.errors.filter((e) => /^\d{3}$/.test(e.status));
}

/**
 * `export type CreateOrderError = DeclaredHttpError<422, 'UNKNOWN_USER'> | …` and its guard
 * `isCreateOrderError`, so a caller's `switch (err.status)` or `err.code` narrows status, code and details.
 */
function writeErrorUnion(m: MethodModel): string {
  if (m.errorType === undefined) return '';
  const members: string[] = [];
  const table: Record<string, unknown> = {};
  for (const e of exactErrors(m)) {
    for (const v of e.variants) {
      const codes = v.codes !== undefined ? v.codes.map((c) => literal(c)).join(' | ') : 'string';
      members.push(`DeclaredHttpError<${e.status}, ${codes}${v.details !== undefined ? `, ${v.details.ts}` : ''}>`);
    }
    const known = e.variants.every((v) => v.codes !== undefined);
    table[e.status] = known ? e.variants.flatMap((v) => v.codes ?? []) : true;
  }
  return (
    `/** The errors ${m.name}() declares: narrow with is${m.errorType}(err), then switch on \`status\` or \`code\`. */
` +
    `export type ${m.errorType} =
${members.map((t) => `  | ${t}`).join('\n')};
` +
    `export const is${m.errorType} = declaredErrorGuard<${m.errorType}>(${literal(table)});
`
  );
}

function writeMethod(m: MethodModel): string {
  const errors = m.errors.map((e) => `@throws RemoteHttpError ${e.status}${e.description !== undefined ? ` — ${e.description}` : ''}`);
  if (m.errorType !== undefined) errors.push(`(typed: ${m.errorType}, is${m.errorType})`);
  const comment = docComment([m.description ?? m.summary, ...errors], '  ');
  const params = m.params.map((p) => `${paramDecorator(p)} ${p.argName}${p.optional ? '?' : ''}: ${paramType(p)}`).join(', ');
  return (
    `${comment}  @${m.httpMethod}(${literal(m.path)}${routeOptions(m)})\n` +
    `  async ${m.name}(${params}): Promise<${returnType(m)}> {\n    return notImplemented();\n  }\n`
  );
}

function imports(spec: ModuleSpec, classes: readonly ClassDecl[]): string {
  const names = new Set<string>(['Contract']);
  if (classes.some((c) => c.props.length > 0)) names.add('Prop');
  if (spec.methods.some((m) => m.errorType !== undefined)) names.add('type DeclaredHttpError').add('declaredErrorGuard');
  for (const m of spec.methods) {
    names.add(m.httpMethod);
    if (m.file) names.add('FileResult');
    for (const p of m.params) {
      names.add(p.decorator);
      if (p.decorator === 'UploadedFile') names.add('type UploadedFileInfo');
    }
  }
  const sorted = [...names].sort((a, b) => a.replace(/^type /, '').localeCompare(b.replace(/^type /, '')));
  return `import { ${sorted.join(', ')} } from 'ts-doudou';\n`;
}

export function writeModule(spec: ModuleSpec): string {
  const classes = spec.declarations.filter((d): d is ClassDecl => d.kind === 'class');
  const declared = new Set<string>();
  const parts: string[] = [];
  parts.push(
    `/**\n * ${spec.title} ${spec.version}: a typed client contract generated by \`doudou svc client\` from ${spec.source}.\n` +
      ` * Do not edit: re-run the command to regenerate. Use it with \`createClient(${spec.className}, { baseUrl })\`,\n` +
      ` * or as the type of a constructor parameter of a service (injected as a client).\n */\n`,
  );
  parts.push(imports(spec, classes));
  for (const d of spec.declarations) {
    if (d.kind === 'enum') {
      parts.push(
        `${docComment([d.description], '')}export const ${d.name} = ${literal(d.values)} as const;\nexport type ${d.name} = (typeof ${d.name})[number];\n`,
      );
      declared.add(d.name);
    }
  }
  for (const d of spec.declarations)
    if (d.kind === 'alias') parts.push(`${docComment([d.description], '')}export type ${d.name} = ${d.ts};\n`);
  for (const c of orderClasses(classes, classDeps)) parts.push(writeClass(c, declared));
  for (const m of spec.methods) if (m.errorType !== undefined) parts.push(writeErrorUnion(m));
  parts.push(
    "const notImplemented = (): never => {\n  throw new Error('contract only: call it through createClient() or inject it');\n};\n",
  );
  const contractOptions: Record<string, unknown> = { name: spec.serviceName };
  if (spec.rootPath !== '') contractOptions.path = spec.rootPath;
  if (spec.description !== undefined) contractOptions.description = spec.description.split('\n')[0];
  parts.push(`@Contract(${literal(contractOptions)})\nexport class ${spec.className} {\n${spec.methods.map(writeMethod).join('\n')}}\n`);
  return parts.join('\n');
}

export type { Code };
