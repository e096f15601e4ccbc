/**
 * Every error answer a route can give, by status: ts-doudou's own (from what the route reads — the same facts
 * route-builder.ts acts on), those of mounted middleware that declares them (a rate limiter's 429), and the
 * route's declared `errors: [...]`. The OpenAPI document lists exactly these, and in development an error a
 * handler throws outside them is reported as a contract breach — one list, so the two cannot disagree.
 */
import type { Middleware } from 'koa';
import { bodyKindOf } from '../decorators/body-kind';
import type { ErrorResponseDescriptor, JsonSchema, RouteDescriptor } from '../decorators/descriptors';
import { COMPONENT_PREFIX } from '../decorators/schema-resolver';
import { HttpErrorCodes, type HttpErrorCode } from '../errors';

/** Name of the `{ field, message }` component schema that 400 details are made of. */
export const FIELD_ERROR_NAME = 'FieldError';

/** `details` of a 400: `[{ field, message }]`, fields named like `body.items[0].name`. */
export const FIELD_ERRORS_SCHEMA: JsonSchema = { type: 'array', items: { $ref: `${COMPONENT_PREFIX}${FIELD_ERROR_NAME}` } };

/** One code a status can carry, with what it means and the shape of its `details`. */
export interface ErrorCodeAnswer {
  code: string;
  meaning: string;
  details?: JsonSchema;
}

/** One error status of a route: what it means and every code it can carry. */
export interface ErrorStatusAnswer {
  status: number;
  description: string;
  codes: ErrorCodeAnswer[];
}

/** What each framework status means on a route, for the document (the codes' meanings are in HttpErrorCodes). */
const STATUS_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Bad request: a parameter or the body is missing, malformed or invalid (`details` names each field)',
  413: 'Request body too large',
  415: 'Unsupported media type or content encoding',
  500: 'Internal error: the message is hidden, the details are logged with the request id',
};

const ANSWERS = Symbol.for('ts-doudou.answersErrors');

/** Marks middleware that answers with `errors` (e.g. rateLimit() and bulkhead(): 429), so every route lists them. */
export function answersErrors<M extends Middleware>(middleware: M, errors: readonly ErrorResponseDescriptor[]): M {
  return Object.assign(middleware, { [ANSWERS]: errors });
}

/** The errors declared by any of `middleware` (see answersErrors). */
export function middlewareErrors(middleware: readonly Middleware[]): ErrorResponseDescriptor[] {
  return middleware.flatMap((m) => (m as Middleware & { [ANSWERS]?: readonly ErrorResponseDescriptor[] })[ANSWERS] ?? []);
}

function own(code: HttpErrorCode, details?: JsonSchema): ErrorResponseDescriptor {
  const status = HttpErrorCodes.table[code].status;
  return { status, codes: [code], description: STATUS_DESCRIPTIONS[status] ?? code, ...(details ? { details } : {}) };
}

/** ts-doudou's own answers for this route: 400 codes by body kind, 413/415 for bodies, 500 always. */
function frameworkErrors(route: RouteDescriptor): ErrorResponseDescriptor[] {
  const out: ErrorResponseDescriptor[] = [];
  if (route.params.some((p) => p.in !== 'context')) out.push(own('VALIDATION_FAILED', FIELD_ERRORS_SCHEMA));
  const kind = bodyKindOf(route);
  if (kind !== undefined) {
    if (kind === 'json') out.push(own('MALFORMED_JSON', FIELD_ERRORS_SCHEMA));
    else out.push(own('MALFORMED_MULTIPART')); // form routes accept multipart too (browsers pick)
    out.push(own('MALFORMED_ENCODING', FIELD_ERRORS_SCHEMA), own('REQUEST_ABORTED'));
    out.push(own('PAYLOAD_TOO_LARGE'), own('UNSUPPORTED_MEDIA_TYPE'));
  }
  out.push(own('INTERNAL'));
  return out;
}

function meaningOf(code: string, declared: ErrorResponseDescriptor): string {
  return HttpErrorCodes.has(code) ? HttpErrorCodes.table[code].meaning : declared.description;
}

/** The route's error answers by status (ascending), each code once; `extra` are middleware-declared ones. */
export function routeErrors(route: RouteDescriptor, extra: readonly ErrorResponseDescriptor[] = []): ErrorStatusAnswer[] {
  const byStatus = new Map<number, ErrorStatusAnswer>();
  for (const declared of [...frameworkErrors(route), ...extra, ...route.errors]) {
    let answer = byStatus.get(declared.status);
    if (answer === undefined) {
      answer = { status: declared.status, description: declared.description, codes: [] };
      byStatus.set(declared.status, answer);
    } else if (!answer.description.includes(declared.description)) {
      answer.description = `${answer.description}; ${declared.description}`;
    }
    for (const code of declared.codes) {
      if (answer.codes.some((c) => c.code === code)) continue;
      answer.codes.push({ code, meaning: meaningOf(code, declared), ...(declared.details ? { details: declared.details } : {}) });
    }
  }
  return [...byStatus.values()].sort((a, b) => a.status - b.status);
}

/** `status code` keys of every answer in `answers`, for a quick membership check. */
export function answerKeys(answers: readonly ErrorStatusAnswer[]): Set<string> {
  return new Set(answers.flatMap((a) => a.codes.map((c) => `${a.status} ${c.code}`)));
}
