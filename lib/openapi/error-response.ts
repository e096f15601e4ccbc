import type { oas30 } from 'openapi3-ts';
import type { RouteDescriptor } from '../decorators/descriptors';

/** The one error body lib/http answers with: `{ error: { code, message, details?, requestId } }`. */
export const ERROR_RESPONSE_NAME = 'ErrorResponse';

export const ERROR_RESPONSE_SCHEMA: oas30.SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code, e.g. VALIDATION_FAILED', example: 'VALIDATION_FAILED' },
        message: { type: 'string', description: 'Human-readable explanation' },
        details: {
          description: 'Extra information, e.g. the invalid fields of a 400',
          oneOf: [
            { type: 'array', items: {} },
            { type: 'object', additionalProperties: true },
          ],
        },
        requestId: { type: 'string', description: 'The X-Request-Id of the request' },
      },
    },
  },
};

function errorResponse(description: string): oas30.ResponseObject {
  return {
    description,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_RESPONSE_NAME}` } } },
  };
}

/** The error statuses a route can answer with, given what it reads from the request. */
export function errorResponses(route: RouteDescriptor): Record<string, oas30.ResponseObject> {
  const takesInput = route.params.some((p) => p.in !== 'context');
  const hasPathVariables = route.params.some((p) => p.in === 'path');
  const out: Record<string, oas30.ResponseObject> = {};
  if (takesInput) out['400'] = errorResponse('Bad request: a parameter or the body is missing or invalid');
  if (hasPathVariables) out['404'] = errorResponse('Not found');
  if (route.bodyType !== undefined) {
    out['413'] = errorResponse('Request body too large');
    out['415'] = errorResponse(`Unsupported media type: send ${route.bodyType}`);
  }
  out['429'] = errorResponse('Too many requests: rate limit exceeded');
  out['500'] = errorResponse('Internal error (details are logged, not sent)');
  return out;
}
