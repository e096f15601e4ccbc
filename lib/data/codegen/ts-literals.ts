/** Literals in generated TypeScript, written the way the project's Prettier settings would (single quotes). */

export function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

export function tsValue(value: string | number | boolean): string {
  return typeof value === 'string' ? tsString(value) : String(value);
}

/** `{ a: 1, b: 'x' }` from ordered entries (entries with undefined values are left out); '' when empty. */
export function tsObject(entries: ReadonlyArray<readonly [string, string | undefined]>): string {
  const parts = entries.filter((e): e is readonly [string, string] => e[1] !== undefined).map(([k, v]) => `${k}: ${v}`);
  return parts.length === 0 ? '' : `{ ${parts.join(', ')} }`;
}

export function tsArray(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

/** A generated file: where it goes (relative to the output directory) and what it holds. */
export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}

/** `order_items` → `order-items`. */
export function kebabCase(name: string): string {
  return name
    .replace(/_/g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

/** A property or class name that TypeScript accepts: `2fa` → `_2fa`. (Reserved words are valid field names.) */
export function safeIdentifier(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}
