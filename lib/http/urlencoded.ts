/**
 * application/x-www-form-urlencoded (and query-string) text → fields, as `querystring.parse` shapes them
 * (repeated keys become arrays, at most 1000 keys), but decoded strictly: a percent-escape that spells
 * ill-formed UTF-8 (`name=%FF`) is 400 MALFORMED_ENCODING naming the field, where querystring would
 * quietly put U+FFFD in its place.
 */
import { decodeUtf8 } from './utf8';

export type FormFields = Record<string, string | string[] | undefined>;

/** querystring's default bound on the number of keys. */
const MAX_KEYS = 1000;

/** The bytes a percent-encoded text stands for: runs of `%XX` are bytes, everything else its UTF-8 (a lone `%` stays itself). */
function percentDecodedBytes(text: string): Buffer {
  const pieces = text.split(/((?:%[0-9A-Fa-f]{2})+)/);
  return Buffer.concat(pieces.map((piece, i) => (i % 2 === 1 ? Buffer.from(piece.replace(/%/g, ''), 'hex') : Buffer.from(piece, 'utf8'))));
}

function decodeComponent(raw: string, field: string): string {
  const spaced = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!spaced.includes('%')) return spaced;
  return decodeUtf8(percentDecodedBytes(spaced), field);
}

export function parseUrlencoded(text: string, location: string): FormFields {
  // no prototype: keys such as __proto__ stay keys (and are refused by the caller)
  const fields = Object.create(null) as FormFields;
  let keys = 0;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    if (++keys > MAX_KEYS) break;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq), location);
    const value = decodeComponent(eq === -1 ? '' : pair.slice(eq + 1), `${location}.${key}`);
    const earlier = fields[key];
    if (earlier === undefined) fields[key] = value;
    else if (Array.isArray(earlier)) earlier.push(value);
    else fields[key] = [earlier, value];
  }
  return fields;
}
