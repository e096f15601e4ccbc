/** JSON Pointers (RFC 6901) into an OpenAPI document: for warnings that say exactly where, and for local $refs. */

export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `pointer('#/paths', '/pets/{id}', 'get')` → `#/paths/~1pets~1{id}/get` */
export function pointer(base: string, ...tokens: Array<string | number>): string {
  return tokens.reduce<string>((acc, t) => `${acc}/${escapeToken(t)}`, base);
}

/** The value at a local `#/…` pointer, or undefined. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const tokens = ref
    .slice(1)
    .split('/')
    .slice(1)
    .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = document;
  for (const t of tokens) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[t];
  }
  return node;
}
