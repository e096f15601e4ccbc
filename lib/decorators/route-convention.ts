import type { HttpMethod } from './descriptors';

/**
 * go-doudou v2's method-name → route convention (docs/go-doudou-differences.md#route-convention), applied to camelCase TS names:
 * - the first word, when it is a verb (get/post/put/delete/patch), sets the method and is dropped; else POST;
 * - every remaining word becomes one lowercase path segment (`pageUsers` → `/page/users`);
 * - `_` + uppercase starts a path variable of one word (`getBooks_Id` → `/books/:id`);
 * - `_` + lowercase stays literal inside the segment (`apiV1Query_range` → `/api/v1/query_range`);
 * - unlike go-doudou v2, acronyms stay whole (`getUserID` → `/user/id`, not `/user/i/d`).
 */
export interface ConventionalRoute {
  method: HttpMethod;
  path: string;
}

const VERBS: Readonly<Record<string, HttpMethod>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  delete: 'DELETE',
  patch: 'PATCH',
};

/**
 * One word: an acronym with an optional plural `s` (`IDs`), an acronym (`HTTP`, stops before `Request`),
 * a capitalised or lowercase word; trailing digits stay with their word (`V1`, `HTTP2`).
 */
const WORD = /[A-Z]{2,}s(?![a-z])\d*|[A-Z]+(?![a-z])\d*|[A-Z]?[a-z]+\d*|\d+[a-z]*/g;

/** Splits one underscore-free chunk of an identifier into its words. */
export function splitWords(chunk: string): string[] {
  return chunk.match(WORD) ?? [];
}

interface Segment {
  text: string;
  variable: boolean;
}

function segmentsOf(name: string): Segment[] {
  const segments: Segment[] = [];
  const chunks = name.split('_');
  chunks.forEach((chunk, i) => {
    const words = splitWords(chunk);
    if (words.length === 0) return;
    const first = words[0];
    if (i > 0 && /^[A-Z]/.test(chunk)) {
      segments.push({ text: first.toLowerCase(), variable: true });
    } else if (i > 0 && /^[a-z0-9]/.test(chunk) && segments.length > 0 && !segments[segments.length - 1].variable) {
      segments[segments.length - 1].text += `_${first.toLowerCase()}`;
    } else {
      segments.push({ text: first.toLowerCase(), variable: false });
    }
    for (const word of words.slice(1)) segments.push({ text: word.toLowerCase(), variable: false });
  });
  return segments;
}

function pathOf(segments: readonly Segment[]): string {
  return '/' + segments.map((s) => (s.variable ? `:${s.text}` : s.text)).join('/');
}

/** The route go-doudou's convention gives a method name: `routeFromMethodName('getBooks_Id')` → GET `/books/:id`. */
export function routeFromMethodName(name: string): ConventionalRoute {
  const segments = segmentsOf(name);
  const head = segments[0];
  const verb = head !== undefined && !head.variable ? VERBS[head.text] : undefined;
  if (verb === undefined) return { method: 'POST', path: pathOf(segments) };
  return { method: verb, path: pathOf(segments.slice(1)) };
}

/**
 * The path for a method under a verb-specific decorator (`@Get()`): the decorator's verb wins, and a leading
 * verb word is dropped only when it is that same verb (`@Get() getUser` → `/user`, `@Post() getUser` → `/get/user`).
 */
export function pathFromMethodName(name: string, method: HttpMethod): string {
  const segments = segmentsOf(name);
  const head = segments[0];
  const leadingVerb = head !== undefined && !head.variable ? VERBS[head.text] : undefined;
  return pathOf(leadingVerb === method ? segments.slice(1) : segments);
}

/**
 * A leading word one edit (insertion, deletion, substitution or swap of neighbours) away from a verb —
 * `gteUser`, `delteUser`, `pust` — which the convention turns into a path segment instead of a method:
 * worth a warning, since the route then silently answers somewhere else.
 */
export function misspeltVerb(name: string): { word: string; verb: string } | undefined {
  const head = segmentsOf(name)[0];
  if (head === undefined || head.variable || VERBS[head.text] !== undefined) return undefined;
  const verb = Object.keys(VERBS).find((v) => oneEditApart(head.text, v));
  return verb === undefined ? undefined : { word: head.text, verb };
}

/** Optimal string alignment distance ≤ 1, without building the matrix. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // one swap
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i); // one insertion or deletion
}
