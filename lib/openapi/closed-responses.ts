import type { oas30 } from 'openapi3-ts';

/**
 * Success responses are written by a serializer compiled from their schema (lib/http/response-serializer.ts),
 * which sends declared properties only — so the document can say so: their object schemas get
 * `additionalProperties: false`, and generated clients, mocks and validating proxies may rely on it.
 *
 * Only what the server alone writes is closed. A component also reachable from a request (a body or a
 * parameter) stays open: requests with extra properties are accepted, and one schema cannot say both.
 * Objects inside `allOf`/`anyOf`/`oneOf` stay open (closing one member would reject the other members'
 * properties), and free-form objects (no `properties`) keep what they hold.
 */

type Schema = oas30.SchemaObject | oas30.ReferenceObject;

const REF_PREFIX = '#/components/schemas/';
const COMPOSITIONS = ['allOf', 'anyOf', 'oneOf'] as const;

function isRef(s: Schema): s is oas30.ReferenceObject {
  return '$ref' in s;
}

/**
 * Calls `visit` on every schema nested in `s` (itself included) that is not behind a `$ref`, depth first.
 * Indexed loops, no arrays made per node: the document walks every schema of every route (boot, bench/http/boot.ts).
 */
function walk(s: Schema, visit: (schema: Schema, composed: boolean) => void, composed = false): void {
  visit(s, composed);
  if (isRef(s)) return;
  if (s.items !== undefined) walk(s.items, visit, composed);
  const properties = s.properties;
  if (properties !== undefined) for (const key of Object.keys(properties)) walk(properties[key]!, visit, composed);
  if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, visit, composed);
  for (let k = 0; k < COMPOSITIONS.length; k++) {
    const members = s[COMPOSITIONS[k]!];
    if (members !== undefined) for (let i = 0; i < members.length; i++) walk(members[i]!, visit, true);
  }
}

/** Names of the components `roots` reach, following `$ref`s transitively. */
function reachable(roots: readonly Schema[], components: Readonly<Record<string, Schema>>): Set<string> {
  const names = new Set<string>();
  const pending = [...roots];
  for (let s = pending.pop(); s !== undefined; s = pending.pop()) {
    walk(s, (n) => {
      if (!isRef(n) || !n.$ref.startsWith(REF_PREFIX)) return;
      const name = n.$ref.slice(REF_PREFIX.length);
      const target = components[name];
      if (names.has(name) || target === undefined) return;
      names.add(name);
      pending.push(target);
    });
  }
  return names;
}

function close(s: Schema): void {
  walk(s, (n, composed) => {
    if (!composed && !isRef(n) && n.properties !== undefined && n.additionalProperties === undefined) n.additionalProperties = false;
  });
}

function operations(document: oas30.OpenAPIObject): oas30.OperationObject[] {
  const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;
  return Object.values(document.paths ?? {}).flatMap((item: oas30.PathItemObject) =>
    methods.map((m) => item[m]).filter((op): op is oas30.OperationObject => op !== undefined),
  );
}

function mediaSchemas(content: oas30.ContentObject | undefined): Schema[] {
  return Object.values(content ?? {}).flatMap((m) => (m.schema !== undefined ? [m.schema] : []));
}

/** Closes, in place, the object schemas of `document` that only success responses use. */
export function closeResponseObjects(document: oas30.OpenAPIObject): void {
  const components = document.components?.schemas ?? {};
  const responseRoots: Schema[] = [];
  const requestRoots: Schema[] = [];
  for (const op of operations(document)) {
    for (const [status, response] of Object.entries(op.responses ?? {}) as Array<[string, oas30.ResponseObject]>) {
      if (status.startsWith('2')) responseRoots.push(...mediaSchemas(response.content));
    }
    for (const p of (op.parameters ?? []) as oas30.ParameterObject[]) if (p.schema !== undefined) requestRoots.push(p.schema);
    requestRoots.push(...mediaSchemas((op.requestBody as oas30.RequestBodyObject | undefined)?.content));
  }
  const fromRequests = reachable(requestRoots, components);
  for (const root of responseRoots) close(root);
  for (const name of reachable(responseRoots, components)) {
    const schema = components[name];
    if (!fromRequests.has(name) && schema !== undefined) close(schema);
  }
}
