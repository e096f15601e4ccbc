/**
 * Validates HTTP answers against the response schemas of an OpenAPI 3.0 document with ajv — independently
 * of lib/: the document is added to ajv as it is (OpenAPI's `nullable` is an ajv keyword; only its use
 * without `type`, which ajv refuses, is rewritten to an anyOf with null).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

function escapeToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

function nullableWithoutType(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableWithoutType);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = nullableWithoutType(v);
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function at(document: unknown, pointer: string): unknown {
  let node = document;
  for (const t of pointer.replace(/^#\//, '').split('/')) {
    node = (node as Record<string, unknown> | undefined)?.[t.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

export class ResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });

  constructor(private readonly document: Record<string, unknown>) {
    addFormats(this.ajv);
    this.ajv.addSchema(nullableWithoutType(document) as Record<string, unknown>, 'doc');
  }

  /** Pointer to the response object of (path, method, status), following a $ref to a shared response. */
  private responsePointer(path: string, method: string, status: string): string {
    const pointer = `#/paths/${escapeToken(path)}/${method.toLowerCase()}/responses/${status}`;
    const response = at(this.document, pointer) as { $ref?: string } | undefined;
    if (response === undefined) throw new Error(`${method} ${path} declares no ${status} response`);
    return typeof response.$ref === 'string' ? response.$ref : pointer;
  }

  /** Media types the response declares. */
  mediaTypes(path: string, method: string, status: string): string[] {
    const response = at(this.document, this.responsePointer(path, method, status)) as { content?: Record<string, unknown> };
    return Object.keys(response.content ?? {});
  }

  /** ajv's errors for `body` against the JSON schema of that response ([] when valid). */
  validate(path: string, method: string, status: string, body: unknown): string[] {
    const schema = `doc${this.responsePointer(path, method, status)}/content/application~1json/schema`;
    const validate = this.ajv.compile({ $ref: schema });
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  }
}
