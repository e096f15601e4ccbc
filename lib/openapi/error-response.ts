/**
 * Error responses in the document: one per status a route can answer (lib/http/route-errors.ts decides which),
 * each with its own `code` enum, an example per code, `details` typed where they have a shape, and the
 * headers the server sets. The body is what lib/http/error-mapper.ts writes, closed: `{ error: { code,
 * message, details?, requestId } }` and nothing else.
 */
import { isDeepStrictEqual } from 'node:util';
import type { oas30 } from 'openapi3-ts';
import type { ErrorResponseDescriptor, ParamDescriptor, RouteDescriptor } from '../decorators/descriptors';
import { REQUEST_ID_HEADER } from '../http/request-id';
import { FIELD_ERROR_NAME, routeErrors, type ErrorCodeAnswer, type ErrorStatusAnswer } from '../http/route-errors';
import { toOpenApiSchema } from './schema-conversion';

export { FIELD_ERROR_NAME };

/** `{ field, message }`: one offending input of a 400. */
export const FIELD_ERROR_SCHEMA: oas30.SchemaObject = {
  type: 'object',
  required: ['field', 'message'],
  additionalProperties: false,
  properties: {
    field: { type: 'string', description: 'Where: `path.id`, `query.page`, `body.items[0].name`, `form.note`, `file.avatar`' },
    message: { type: 'string', description: 'What is wrong with it' },
  },
};

/** The X-Request-Id response header, declared once under components.headers and referenced by every response. */
export const REQUEST_ID_HEADER_OBJECT: oas30.HeaderObject = {
  description:
    "The request's id: the client's X-Request-Id when it sent a sane one, else a new UUID; errors repeat it as `error.requestId`",
  schema: { type: 'string' },
};

export const REQUEST_ID_HEADER_REF: oas30.ReferenceObject = { $ref: `#/components/headers/${REQUEST_ID_HEADER}` };

const EXAMPLE_REQUEST_ID = '5f0c3a8e-2d4b-4c71-9a56-0e8f7b1d2c3a';

/** Headers an error status carries besides X-Request-Id. */
const STATUS_HEADERS: Readonly<Record<number, Record<string, oas30.HeaderObject>>> = {
  429: { 'Retry-After': { description: 'Seconds until a retry can succeed', schema: { type: 'integer', minimum: 1 } } },
  503: { 'Retry-After': { description: 'Seconds until a retry can succeed', schema: { type: 'integer', minimum: 1 } } },
};

/** How a parameter is named in `details[].field`. */
function fieldName(p: ParamDescriptor | undefined): string {
  if (p === undefined || p.in === 'body') return 'body';
  return `${p.in}.${p.name}`;
}

/** The message (and details) lib/http writes for `code` on `route`; undefined for codes it does not write itself. */
function knownExample(route: RouteDescriptor, code: string): { message: string; details?: unknown } | undefined {
  // one switch, not a table of every code per call: the document builds this for each code of each route
  switch (code) {
    case 'VALIDATION_FAILED': {
      const field = fieldName(route.params.find((p) => p.in !== 'context'));
      return { message: `invalid request: ${field}`, details: [{ field, message: 'is required' }] };
    }
    case 'MALFORMED_JSON':
      return {
        message: 'body is not valid JSON: Unexpected end of JSON input',
        details: [{ field: 'body', message: 'is not valid JSON: Unexpected end of JSON input' }],
      };
    case 'MALFORMED_ENCODING':
      return {
        message: 'body is not valid UTF-8 (first bad byte at offset 9)',
        details: [{ field: 'body', message: 'is not valid UTF-8 (first bad byte at offset 9)' }],
      };
    case 'MALFORMED_MULTIPART':
      return { message: 'multipart body could not be parsed: Unexpected end of form' };
    case 'REQUEST_ABORTED':
      return { message: 'client aborted the request' };
    case 'PAYLOAD_TOO_LARGE':
      return { message: 'request body is larger than 1048576 bytes' };
    case 'UNSUPPORTED_MEDIA_TYPE':
      return { message: `Content-Type text/plain is not accepted here; send ${route.bodyType ?? 'application/json'}` };
    case 'INTERNAL':
      return { message: 'internal server error' };
    case 'TOO_MANY_REQUESTS':
      return { message: 'too many requests: rate limit exceeded, retry in 1 s' };
    default:
      return undefined;
  }
}

/** An example `{ error }` for `code` on `route` (the messages are the ones lib/http writes). */
function exampleError(route: RouteDescriptor, c: ErrorCodeAnswer): Record<string, unknown> {
  const known = knownExample(route, c.code);
  const error: Record<string, unknown> = { code: c.code, message: known?.message ?? c.meaning };
  if (known?.details !== undefined) error.details = known.details;
  error.requestId = EXAMPLE_REQUEST_ID;
  return error;
}

/** The `error` object for codes sharing one details shape. */
function errorObject(codes: readonly ErrorCodeAnswer[]): oas30.SchemaObject {
  const properties: Record<string, oas30.SchemaObject | oas30.ReferenceObject> = {
    code: { type: 'string', enum: codes.map((c) => c.code), description: 'Stable machine-readable code: switch on this' },
    message: { type: 'string', description: 'Human-readable explanation' },
  };
  const details = codes[0]?.details;
  if (details !== undefined) properties.details = toOpenApiSchema(details);
  properties.requestId = { type: 'string', description: 'The X-Request-Id of the request' };
  return { type: 'object', required: ['code', 'message', 'requestId'], additionalProperties: false, properties };
}

/** The body schema of one status: codes grouped by their details shape (a oneOf when there are several). */
function errorBodySchema(answer: ErrorStatusAnswer): oas30.SchemaObject {
  const groups: ErrorCodeAnswer[][] = [];
  for (const c of answer.codes) {
    const group = groups.find((g) => isDeepStrictEqual(g[0].details, c.details));
    if (group !== undefined) group.push(c);
    else groups.push([c]);
  }
  const error = groups.length === 1 ? errorObject(groups[0]) : { oneOf: groups.map(errorObject) };
  return { type: 'object', required: ['error'], additionalProperties: false, properties: { error } };
}

function errorResponse(route: RouteDescriptor, answer: ErrorStatusAnswer): oas30.ResponseObject {
  const examples = Object.fromEntries(answer.codes.map((c) => [c.code, { summary: c.meaning, value: { error: exampleError(route, c) } }]));
  return {
    description: answer.description,
    headers: { [REQUEST_ID_HEADER]: REQUEST_ID_HEADER_REF, ...(STATUS_HEADERS[answer.status] ?? {}) },
    content: { 'application/json': { schema: errorBodySchema(answer), examples } },
  };
}

/** The error responses of `route` by status; `middleware` are the errors mounted middleware declares (a 429). */
export function errorResponses(
  route: RouteDescriptor,
  middleware: readonly ErrorResponseDescriptor[] = [],
): Record<string, oas30.ResponseObject> {
  return Object.fromEntries(routeErrors(route, middleware).map((a) => [String(a.status), errorResponse(route, a)]));
}
