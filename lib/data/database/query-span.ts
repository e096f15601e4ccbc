/**
 * A tracing span per query, a child of the request's span (no request span — tracing off, or a query
 * outside a request — no span, at no cost). Tagged as OpenTracing's database conventions say; the
 * statement is there, its parameters never are.
 */
import { Tags } from 'opentracing';
import { activeSpan } from '../../observability/request-context';
import type { QuerySpan } from './database';
import type { QueryKind } from './query-kind';

/** Long statements are cut in the span; the whole text would bloat every trace. */
const MAX_STATEMENT = 2000;

export function startQuerySpan(driver: string, database: string, kind: QueryKind, statement: string): QuerySpan | undefined {
  const parent = activeSpan();
  if (parent === undefined) return undefined;
  const span = parent.tracer().startSpan(`SQL ${kind.toUpperCase()}`, {
    childOf: parent,
    tags: {
      [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_CLIENT,
      [Tags.COMPONENT]: 'ts-doudou-db',
      [Tags.DB_TYPE]: 'sql',
      [Tags.DB_INSTANCE]: database,
      [Tags.DB_STATEMENT]: statement.length > MAX_STATEMENT ? `${statement.slice(0, MAX_STATEMENT)}…` : statement,
      'db.system': driver,
    },
  });
  return {
    finish(error) {
      if (error !== undefined) {
        span.setTag(Tags.ERROR, true);
        span.log({
          event: 'error',
          'error.kind': error.name,
          'error.code': (error as { code?: string }).code ?? '',
          message: error.message,
        });
      }
      span.finish();
    },
  };
}
