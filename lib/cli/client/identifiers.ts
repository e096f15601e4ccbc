/** TypeScript names from OpenAPI names: classes, methods, parameters; unique within their scope. */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with as implements interface ' +
    'let package private protected public static yield any boolean constructor declare get module require number set string ' +
    'symbol type from of await async unknown never object undefined'
  ).split(' '),
);

/** Names the generated module imports or relies on: a DTO must not shadow them. */
const GLOBAL_NAMES = new Set(
  (
    'Array Boolean Date Error Function Map Number Object Promise Record RegExp Set String Symbol Buffer ' +
    'Body Contract DeclaredHttpError Delete FileResult Form Get Header Patch Path Post Prop Put Query UploadedFile UploadedFileInfo ' +
    'declaredErrorGuard notImplemented'
  ).split(' '),
);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
}

export function pascalCase(name: string): string {
  const out = words(name)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  return /^[0-9]/.test(out) ? `N${out}` : out;
}

export function camelCase(name: string): string {
  const p = pascalCase(name);
  return p === '' ? p : p[0].toLowerCase() + p.slice(1);
}

/** A valid identifier that is not a keyword. */
export function safeIdentifier(name: string, fallback: string): string {
  const id = name === '' ? fallback : name;
  return RESERVED.has(id) ? `${id}_` : id;
}

export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name);
}

/** Hands out names unique within one scope: `Pet`, `Pet2`, … */
export class NameScope {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r);
  }

  take(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.used.has(name); i++) name = `${wanted}${i}`;
    this.used.add(name);
    return name;
  }
}

/** A scope for top-level type names (classes, enums, aliases) of the generated module. */
export function typeNameScope(): NameScope {
  return new NameScope(GLOBAL_NAMES);
}

/** The class name for a component schema `Pet.Status` → `PetStatus`. */
export function typeName(name: string): string {
  const p = pascalCase(name);
  return p === '' ? 'Schema' : p;
}

/** A property key as written in a class body: `name` or `'first-name'`. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
