/**
 * Values → TypeScript source, deterministic (insertion order; the same input prints the same text). `Code`
 * marks a fragment printed as it is (a class name, `[Pet]`, `Date`).
 */

export class Code {
  constructor(readonly text: string) {}
}

export function code(text: string): Code {
  return new Code(text);
}

function key(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k).replace(/^"|"$/g, "'");
}

function stringLiteral(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

export function literal(value: unknown): string {
  if (value instanceof Code) return value.text;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v)}`).join(', ')} }`;
  }
  return 'undefined';
}

/** A JSDoc block (or nothing) indented by `indent`; `*\/` in the text cannot end it early. */
export function docComment(lines: ReadonlyArray<string | undefined>, indent: string): string {
  const text = lines
    .filter((l): l is string => l !== undefined && l.trim() !== '')
    .flatMap((l) => l.replace(/\*\//g, '*\\/').split('\n'))
    .map((l) => l.trimEnd());
  if (text.length === 0) return '';
  if (text.length === 1) return `${indent}/** ${text[0]} */\n`;
  return `${indent}/**\n${text.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
}
