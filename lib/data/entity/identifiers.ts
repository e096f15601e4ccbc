import { createHash } from 'node:crypto';
import { splitWords } from '../../decorators/route-convention';

/**
 * Names: property ↔ column (snake_case), table → class (PascalCase), and the default names of indexes and
 * constraints. Identifiers are restricted to what both MySQL and PostgreSQL accept unquoted-safe, so DDL and
 * generated code never carry odd characters.
 */

/** PostgreSQL truncates identifiers at 63 bytes (NAMEDATALEN - 1); MySQL allows 64. The smaller wins. */
export const MAX_IDENTIFIER_LENGTH = 63;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && name.length <= MAX_IDENTIFIER_LENGTH;
}

/** `userId` → `user_id`, `createdAt` → `created_at`, `userID` → `user_id`, `OrderRow` → `order_row`. */
export function snakeCase(name: string): string {
  return name
    .split('_')
    .filter((chunk) => chunk !== '')
    .flatMap((chunk) => splitWords(chunk))
    .map((word) => word.toLowerCase())
    .join('_');
}

/** `user_id` → `userId`; a name already in camelCase is kept. */
export function camelCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  if (words.length === 0) return name;
  const [first, ...rest] = words;
  const head = /^[A-Z0-9_]+$/.test(first) ? first.toLowerCase() : first[0].toLowerCase() + first.slice(1);
  return head + rest.map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join('');
}

/** `order_items` → `OrderItems`. */
export function pascalCase(name: string): string {
  const camel = camelCase(name);
  return camel[0].toUpperCase() + camel.slice(1);
}

/** A naive English singular for generated class names: `orders` → `order`, `categories` → `category`. */
export function singular(word: string): string {
  if (/ies$/i.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|us|is)$/i.test(word)) return word;
  if (/(x|ch|sh|ss)es$/i.test(word)) return word.slice(0, -2);
  if (/s$/i.test(word)) return word.slice(0, -1);
  return word;
}

/** Joins name parts; past the identifier limit, the tail is replaced by a hash so names stay unique. */
export function boundedName(parts: readonly string[]): string {
  const full = parts.join('_');
  if (full.length <= MAX_IDENTIFIER_LENGTH) return full;
  const hash = createHash('sha1').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_IDENTIFIER_LENGTH - 9)}_${hash}`;
}
