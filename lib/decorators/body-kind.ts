/**
 * How a route's request body travels, decided once from its descriptor: the server reads it this way
 * (lib/http/route-builder.ts) and the typed client writes it this way (lib/client/request-encoder.ts), so
 * both ends agree by construction. An explicit `bodyType` wins; otherwise the parameters decide — files
 * need multipart, form fields a urlencoded form, a body parameter JSON.
 */
import type { RouteDescriptor } from './descriptors';

export type BodyKind = 'json' | 'form' | 'multipart' | undefined;

export function bodyKindOf(route: RouteDescriptor): BodyKind {
  switch (route.bodyType) {
    case 'application/json':
      return 'json';
    case 'application/x-www-form-urlencoded':
      return 'form';
    case 'multipart/form-data':
      return 'multipart';
    default:
      if (route.params.some((p) => p.in === 'file')) return 'multipart';
      if (route.params.some((p) => p.in === 'form')) return 'form';
      if (route.params.some((p) => p.in === 'body')) return 'json';
      return undefined;
  }
}
