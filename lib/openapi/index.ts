/** The public OpenAPI API (re-exported by lib/index.ts). */
export { buildOpenApiDocument, toOpenApiPath, type OpenApiOptions } from './document';
export { toOpenApiSchema } from './schema-conversion';
export { FIELD_ERROR_NAME, FIELD_ERROR_SCHEMA, REQUEST_ID_HEADER_OBJECT } from './error-response';
