/**
 * The component schemas a route's schemas reach through `$ref: '#/components/schemas/X'`, transitively —
 * what its validator (request-validator.ts) and serializer (response-serializer.ts) are compiled with.
 * Compiling every route with every component of its service made boot grow with routes × components
 * (bench/http/boot.ts: 200 routes with a DTO each took seconds); with what each route reaches it grows
 * with the routes.
 */
import type { JsonSchema } from '../decorators/descriptors';
import { COMPONENT_PREFIX } from '../decorators/schema-resolver';

export function reachableComponents(
  roots: readonly unknown[],
  components: Readonly<Record<string, JsonSchema>>,
): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const pending = [...roots];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      pending.push(...(value as unknown[]));
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(COMPONENT_PREFIX)) {
        const name = child.slice(COMPONENT_PREFIX.length);
        const schema = components[name];
        if (schema !== undefined && !Object.prototype.hasOwnProperty.call(out, name)) {
          out[name] = schema;
          pending.push(schema);
        }
      } else if (typeof child === 'object') pending.push(child);
    }
  }
  return out;
}
