/**
 * Route path arithmetic shared by lib/http (mounting) and lib/openapi (documenting), so both agree:
 * `joinRoutePath('/api/', '/v1', '/users/:id')` → `/api/v1/users/:id`; empty parts and '/' vanish.
 */
export function joinRoutePath(...parts: readonly string[]): string {
  const segments = parts.flatMap((p) => p.split('/')).filter((s) => s !== '');
  return '/' + segments.join('/');
}

const VARIABLE = /:([A-Za-z_$][\w$]*)/g;

/** Names of the `:name` variables of a Koa-style path, in order. */
export function pathVariables(path: string): string[] {
  return [...path.matchAll(VARIABLE)].map((m) => m[1]);
}
