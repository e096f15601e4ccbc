/**
 * What tracing costs a request when it is off, measured directly: the request path's only contact with
 * tracing is lib/http/server-span.ts (start, and `span !== undefined` before finishing or logging an
 * error) and, per typed-client call, ClientSpan.start without a parent. Those calls are timed in a loop,
 * in nanoseconds per request; the run compares that with the CPU time one request takes on the `off`
 * target, which is the share tracing-off adds. A load test cannot show a cost this small — it drowns in
 * the noise — so this is how "off costs nothing measurable" is shown.
 */
import type { Context } from 'koa';
import type { Span } from 'opentracing';
import { ClientSpan } from '../../lib/client/client-span';
import { startServerSpan } from '../../lib/http/server-span';
import { Tracing } from '../../lib/observability/tracing';

/** Nanoseconds per request of the tracing calls a request (with one client call) makes when tracing is off. */
export function offPathNanosPerRequest(iterations = 20_000_000): number {
  // startServerSpan returns before it touches the context when tracing is off
  const ctx = { method: 'GET', originalUrl: '/users/42', req: { headers: {} } } as unknown as Context;
  const headers: Record<string, string> = {};
  let spans = 0;
  const run = (n: number): void => {
    for (let i = 0; i < n; i++) {
      const span: Span | undefined = startServerSpan(Tracing.off, ctx, 'req-1');
      const call = ClientSpan.start(span, 'usersvc', 'getUser', 'GET', headers);
      if (span !== undefined) spans++; // the finish check in request-lifecycle.ts
      if (call !== undefined) spans++;
    }
  };
  run(iterations / 10); // warm-up: optimised before it is timed
  const start = process.hrtime.bigint();
  run(iterations);
  const elapsed = Number(process.hrtime.bigint() - start);
  if (spans !== 0) throw new Error(`tracing off started ${spans} spans`);
  return elapsed / iterations;
}
