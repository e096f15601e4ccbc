/**
 * The answers a route passes on when a typed client it calls fails before the other service answers:
 * 502 REMOTE_UNAVAILABLE / BAD_RESPONSE, 503 NO_INSTANCE / CIRCUIT_OPEN, 504 TIMEOUT (a remote's own error
 * answer keeps its status and code, and is the route's to declare). The App adds them to every route of a
 * service that was injected a client, directly or through its dependencies, so the document, the generated
 * clients and the development contract check all know them; a service that builds its clients itself
 * declares them with `errors: [...UPSTREAM_ERRORS]`.
 */
import type { ErrorResponseDescriptor, JsonSchema, ServiceDescriptor } from '../decorators/descriptors';
import type { ErrorResponseOptions } from '../decorators/schema-options';
import { ClientErrorCodes } from './errors';

/** `error.details` of every client failure: the call's target (CallTarget) and, where known, why. */
const UPSTREAM_DETAILS: JsonSchema = {
  type: 'object',
  required: ['service', 'operationId'],
  additionalProperties: false,
  properties: {
    service: { type: 'string', description: 'The service called' },
    operationId: { type: 'string', description: 'Its operation' },
    method: { type: 'string', description: 'The HTTP method of the call' },
    instance: { type: 'string', description: 'The instance chosen, when one was' },
    url: { type: 'string', description: "That instance's base URL" },
    reason: { type: 'string', description: 'REMOTE_UNAVAILABLE: the socket-level reason, e.g. ECONNREFUSED' },
    scope: { type: 'string', enum: ['call', 'attempt'], description: 'TIMEOUT: the whole call or one attempt' },
  },
};

const PASSED_ON = (['REMOTE_UNAVAILABLE', 'BAD_RESPONSE', 'NO_INSTANCE', 'CIRCUIT_OPEN', 'TIMEOUT'] as const).map((code) => ({
  status: ClientErrorCodes.statusOf(code),
  code,
  description: `A service this one calls: ${ClientErrorCodes.table[code].meaning}`,
}));

/** For `errors: [...UPSTREAM_ERRORS]` on routes that call a client the App did not inject. */
export const UPSTREAM_ERRORS: readonly ErrorResponseOptions[] = PASSED_ON.map((e) => ({ ...e, details: UPSTREAM_DETAILS }));

const UPSTREAM_RESPONSES: readonly ErrorResponseDescriptor[] = PASSED_ON.map(({ status, code, description }) => ({
  status,
  codes: [code],
  description,
  details: UPSTREAM_DETAILS,
}));

/** `descriptor` with the upstream answers added to every route (a new descriptor; the original is unchanged). */
export function withUpstreamErrors(descriptor: ServiceDescriptor): ServiceDescriptor {
  return { ...descriptor, routes: descriptor.routes.map((route) => ({ ...route, errors: [...route.errors, ...UPSTREAM_RESPONSES] })) };
}
