/**
 * JSON key case: the names DTO properties carry on the wire (go-doudou's `--case lowerCamel|snake`).
 * TypeScript code always uses the property names it declares; with `snake`, the request and response
 * bodies, their validation messages and the OpenAPI document use snake_case names instead. An explicit
 * `@Prop({ name })` wins over either case.
 */

/** `lowerCamel` (default): the declared property name as it is. `snake`: `pageSize` → `page_size`. */
export type JsonCase = 'lowerCamel' | 'snake';

export const JSON_CASES: readonly JsonCase[] = ['lowerCamel', 'snake'];

/**
 * `pageSize` → `page_size`, `userID` → `user_id`, `parseHTTPResponse` → `parse_http_response`,
 * `line2Total` → `line2_total`: a word starts at an upper-case letter that follows a lower-case letter or
 * digit, and at the last capital of an acronym followed by a lower-case letter (iancoleman/strcase rules,
 * which go-doudou's `name --case snake` uses); digits stay with the word before them.
 */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** `page_size` → `pageSize`: the TypeScript name a generated client declares for a snake_case wire name. */
export function toLowerCamelCase(name: string): string {
  return name.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The wire name of a DTO property: the explicit `@Prop({ name })`, else the property name in `jsonCase`. */
export function wireNameOf(property: string, jsonCase: JsonCase, explicit?: string): string {
  if (explicit !== undefined) return explicit;
  return jsonCase === 'snake' ? toSnakeCase(property) : property;
}
