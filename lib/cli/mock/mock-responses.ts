/**
 * What the mock answers for one operation of the document: the declared response for the status the client
 * asked for (`Prefer: code=404`, as Prism does) or the first 2xx, with the document's example when it has
 * one (the one named by `Prefer: example=NAME` — ts-doudou names its error examples by code —, media
 * `example`, the first of `examples`, a schema `example`), else a value generated from the schema.
 */
import type { oas30 } from 'openapi3-ts';
import { resolvePointer } from '../openapi/json-pointer';
import type { FakeData } from './fake-data';

export interface MockAnswer {
  status: number;
  /** JSON value, or raw bytes for non-JSON media, or undefined for no content. */
  body?: unknown;
  contentType?: string;
}

type Ref = oas30.ReferenceObject;

function deref<T>(document: oas30.OpenAPIObject, value: T | Ref | undefined): T | undefined {
  let current: unknown = value;
  for (let i = 0; i < 20 && current !== null && typeof current === 'object' && typeof (current as Ref).$ref === 'string'; i++) {
    current = resolvePointer(document, (current as Ref).$ref);
  }
  return current as T | undefined;
}

function isJson(type: string): boolean {
  const t = type.split(';')[0].trim().toLowerCase();
  return t === 'application/json' || t.endsWith('+json') || t === '*/*';
}

/** `Prefer: code=404, example=x` → 404. */
export function preferredStatus(prefer: string | undefined): number | undefined {
  const m = /(?:^|[,;\s])code=(\d{3})\b/.exec(prefer ?? '');
  return m ? Number(m[1]) : undefined;
}

/** `Prefer: code=422, example=UNKNOWN_USER` → UNKNOWN_USER. */
export function preferredExample(prefer: string | undefined): string | undefined {
  return /(?:^|[,;\s])example=([^,;\s]+)/.exec(prefer ?? '')?.[1];
}

/** Status keys the operation declares, as numbers where they are exact (`2XX`, `default` are ranges). */
export function declaredStatuses(op: oas30.OperationObject): string[] {
  return Object.keys(op.responses ?? {});
}

function pickKey(op: oas30.OperationObject, wanted: number | undefined): string | undefined {
  const keys = declaredStatuses(op);
  if (wanted !== undefined) {
    return (
      keys.find((k) => k === String(wanted)) ??
      keys.find((k) => k.toUpperCase() === `${String(wanted)[0]}XX`) ??
      (keys.includes('default') ? 'default' : undefined)
    );
  }
  return keys.filter((k) => /^2(\d\d|XX)$/i.test(k)).sort()[0] ?? keys.find((k) => k === 'default');
}

function statusOf(key: string, wanted: number | undefined): number {
  if (/^\d{3}$/.test(key)) return Number(key);
  if (wanted !== undefined) return wanted;
  return /^2XX$/i.test(key) ? 200 : 500;
}

/** The value of the example called `name`, undefined when the media has none by that name. */
function namedExample(document: oas30.OpenAPIObject, media: oas30.MediaTypeObject, name: string): unknown {
  const examples = media.examples ?? {};
  return Object.hasOwn(examples, name) ? deref<oas30.ExampleObject>(document, examples[name])?.value : undefined;
}

async function exampleOrFake(document: oas30.OpenAPIObject, media: oas30.MediaTypeObject, fake: FakeData, salt: string): Promise<unknown> {
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  const example = deref<oas30.ExampleObject>(document, first);
  if (example?.value !== undefined) return example.value;
  if (media.schema === undefined) return undefined;
  return fake.generate(media.schema, salt);
}

/** What the client asked for with `Prefer`: a status, an example by name. */
export interface MockPreference {
  status?: number;
  example?: string;
}

/** The answer for `op`, or undefined when it declares no response with the wanted status (or example). */
export async function mockAnswer(
  document: oas30.OpenAPIObject,
  op: oas30.OperationObject,
  preference: MockPreference,
  fake: FakeData,
  salt: string,
): Promise<MockAnswer | undefined> {
  const wanted = preference.status;
  const key = pickKey(op, wanted);
  if (key === undefined) return undefined;
  const response = deref<oas30.ResponseObject>(document, op.responses?.[key]);
  const status = statusOf(key, wanted);
  const content = response?.content ?? {};
  const types = Object.keys(content);
  if (types.length === 0 || status === 204 || status === 304) return { status };
  const json = types.find(isJson);
  if (json !== undefined && preference.example !== undefined) {
    const body = namedExample(document, content[json], preference.example);
    return body === undefined ? undefined : { status, body, contentType: json };
  }
  if (json !== undefined) return { status, body: await exampleOrFake(document, content[json], fake, `${salt} ${key}`), contentType: json };
  return { status, body: Buffer.from(`mock ${types[0]} content`), contentType: types[0] };
}
