import type { oas30 } from 'openapi3-ts';
import type { ErrorResponseDescriptor, ParamDescriptor, RouteDescriptor } from '../decorators/descriptors';
import { REQUEST_ID_HEADER } from '../http/request-id';
import { errorResponses, REQUEST_ID_HEADER_REF } from './error-response';
import { toOpenApiSchema } from './schema-conversion';

/** One route → one OpenAPI 3.0 Operation Object (parameters, request body, responses). */

function parameterObject(p: ParamDescriptor): oas30.ParameterObject {
  const param: oas30.ParameterObject = {
    name: p.name,
    in: p.in as 'path' | 'query' | 'header',
    required: p.in === 'path' ? true : p.required,
    schema: toOpenApiSchema(p.schema),
  };
  if (p.schema.description !== undefined) param.description = p.schema.description;
  // `?tags=a&tags=b`: the repeated-key form lib/http reads (it also accepts `tags[]=`).
  if (p.isArray === true && p.in === 'query') Object.assign(param, { style: 'form', explode: true });
  return param;
}

function formBody(route: RouteDescriptor, mediaType: string): oas30.RequestBodyObject {
  const fields = route.params.filter((p) => p.in === 'form' || p.in === 'file');
  const schema: oas30.SchemaObject = {
    type: 'object',
    properties: Object.fromEntries(fields.map((p) => [p.name, toOpenApiSchema(p.schema)])),
  };
  const required = fields.filter((p) => p.required).map((p) => p.name);
  if (required.length > 0) schema.required = required;
  const media: oas30.MediaTypeObject = { schema };
  const arrays = fields.filter((p) => p.isArray === true && mediaType === 'application/x-www-form-urlencoded');
  if (arrays.length > 0) media.encoding = Object.fromEntries(arrays.map((p) => [p.name, { style: 'form', explode: true }]));
  return { required: required.length > 0, content: { [mediaType]: media } };
}

function requestBody(route: RouteDescriptor): oas30.RequestBodyObject | undefined {
  if (route.bodyType === undefined) return undefined;
  if (route.bodyType !== 'application/json') return formBody(route, route.bodyType);
  const body = route.params.find((p) => p.in === 'body');
  if (body === undefined) return undefined;
  const out: oas30.RequestBodyObject = {
    required: body.required,
    content: { 'application/json': { schema: toOpenApiSchema(body.schema) } },
  };
  if (body.schema.description !== undefined) out.description = body.schema.description;
  return out;
}

function successResponses(route: RouteDescriptor): oas30.ResponsesObject {
  const { response } = route;
  if (response.file === true) {
    const types = response.mediaTypes ?? ['application/octet-stream'];
    const binary = (): oas30.MediaTypeObject => ({ schema: { type: 'string', format: 'binary' } });
    return { '200': { description: response.description ?? 'The file', content: Object.fromEntries(types.map((t) => [t, binary()])) } };
  }
  if (response.schema !== undefined) {
    return {
      '200': { description: response.description ?? 'OK', content: { 'application/json': { schema: toOpenApiSchema(response.schema) } } },
    };
  }
  return { '204': { description: response.description ?? 'No content' } };
}

/** Every answer carries X-Request-Id (lib/http/request-lifecycle.ts sets it before anything else). */
function withRequestId(responses: oas30.ResponsesObject): oas30.ResponsesObject {
  for (const response of Object.values(responses) as oas30.ResponseObject[]) {
    response.headers = { [REQUEST_ID_HEADER]: REQUEST_ID_HEADER_REF, ...response.headers };
  }
  return responses;
}

/**
 * The Operation Object of `route`, under the given (document-unique) operationId; `middlewareErrors` are the
 * answers of mounted middleware that declares them (a rate limiter's 429).
 */
export function buildOperation(
  route: RouteDescriptor,
  operationId: string,
  middlewareErrors: readonly ErrorResponseDescriptor[] = [],
): oas30.OperationObject {
  const operation: oas30.OperationObject = {
    operationId,
    tags: [...route.tags],
    responses: withRequestId({ ...successResponses(route), ...errorResponses(route, middlewareErrors) }),
  };
  if (route.summary !== undefined) operation.summary = route.summary;
  if (route.description !== undefined) operation.description = route.description;
  if (route.deprecated === true) operation.deprecated = true;
  const parameters = route.params.filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header').map(parameterObject);
  if (parameters.length > 0) operation.parameters = parameters;
  const body = requestBody(route);
  if (body !== undefined) operation.requestBody = body;
  return operation;
}
