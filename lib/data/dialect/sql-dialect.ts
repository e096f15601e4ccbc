/**
 * What differs between MySQL/MariaDB and PostgreSQL for `ddl`: how a neutral column type is written and how
 * the type text a server reports reads back. Comparing `parseType(renderType(t))` with the parsed live type
 * compares both sides in the server's own terms (PostgreSQL has no tinyint, MySQL's boolean is tinyint(1)).
 */
import type { ForeignKeyRule } from '../entity/entity-options';
import type { SqlType } from '../entity/sql-type';

export type DialectName = 'mysql' | 'postgres';

export interface SqlDialect {
  readonly name: DialectName;
  /** The type as DDL writes it. */
  renderType(type: SqlType): string;
  /** The type text the server reports (or renderType wrote) → neutral, with the server's implicit sizes filled in. */
  parseType(text: string): SqlType;
  /** Rules the server treats as the same collapse to one (MySQL: restrict = no action). */
  normalizeRule(rule: ForeignKeyRule): ForeignKeyRule;
}

/** Verbatim (non-neutral) type text in a comparable form: keywords lowercased, quoted values kept, spaces collapsed. */
export function normalizeVerbatim(text: string): string {
  return text
    .trim()
    .split(/('(?:[^']|'')*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .toLowerCase()
            .replace(/\s+/g, ' ')
            .replace(/\s*([(),])\s*/g, '$1'),
    )
    .join('');
}

/** Words that follow a type rather than belong to its name (`int unsigned`, `timestamp with time zone`). */
const MODIFIER = /^(unsigned|zerofill|signed|with|without)$/i;

/**
 * `name(args) rest` → its pieces: `bigint(20) unsigned` → bigint [20] 'unsigned', `character varying(200)`,
 * `timestamp(3) with time zone`. Undefined when the arguments are not numbers (`enum('a','b')`).
 */
export function splitTypeText(text: string): { base: string; args: number[]; rest: string } | undefined {
  const m = /^\s*([a-z][a-z0-9_ ]*)(?:\(([^)]*)\))?\s*([a-z ]*)$/i.exec(text);
  if (!m) return undefined;
  const words = m[1]
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const cut = words.findIndex((w) => MODIFIER.test(w));
  const base = (cut < 0 ? words : words.slice(0, cut)).join(' ');
  const restWords = [
    ...(cut < 0 ? [] : words.slice(cut)),
    ...m[3]
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== ''),
  ];
  if (base === '' || (m[2] !== undefined && !/^\s*\d+\s*(,\s*\d+\s*)?$/.test(m[2]))) return undefined;
  const args = m[2] === undefined ? [] : m[2].split(',').map((a) => Number(a.trim()));
  return { base, args, rest: restWords.join(' ') };
}
