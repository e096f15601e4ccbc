/** The public OpenAPI API (re-exported by lib/index.ts). */
export { buildOpenApiDocument, toOpenApiPath, type OpenApiOptions } from './document';
export { toOpenApiSchema } from './schema-conversion';
export { ERROR_RESPONSE_NAME, ERROR_RESPONSE_SCHEMA } from './error-response';
