/**
 * The span of one typed-client call, a child of the caller's active span (no parent, no span: a client
 * used outside a traced request costs nothing). One span per call, not per attempt: each attempt is a
 * log entry naming the instance the balancer chose; the tags say which instance answered last, how many
 * retries it took, and whether the circuit breaker refused the call.
 */
import { Tags, type Span } from 'opentracing';
import { injectTraceHeaders } from '../observability/tracing';
import { CircuitOpenError, RemoteHttpError } from './errors';

export const INSTANCE_TAG = 'gdd.instance';
export const RETRIES_TAG = 'gdd.retries';
export const CIRCUIT_OPEN_TAG = 'gdd.circuit_open';

export class ClientSpan {
  private attempts = 0;

  private constructor(private readonly span: Span) {}

  /** Starts the span and writes its trace headers into `headers`; undefined without a parent. */
  static start(
    parent: Span | undefined,
    service: string,
    operationId: string,
    method: string,
    headers: Record<string, string>,
  ): ClientSpan | undefined {
    if (parent === undefined) return undefined;
    const span = parent.tracer().startSpan(`${service}.${operationId}`, {
      childOf: parent,
      tags: {
        [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_CLIENT,
        [Tags.COMPONENT]: 'ts-doudou-client',
        [Tags.PEER_SERVICE]: service,
        [Tags.HTTP_METHOD]: method,
      },
    });
    injectTraceHeaders(span, headers);
    return new ClientSpan(span);
  }

  attempt(instance: string, url: string): void {
    this.attempts++;
    this.span.setTag(INSTANCE_TAG, instance);
    this.span.setTag(Tags.HTTP_URL, url);
    this.span.log({ event: 'attempt', attempt: this.attempts, instance, url });
  }

  attemptFailed(instance: string, err: unknown): void {
    const e = err instanceof Error ? err : undefined;
    this.span.log({
      event: 'attempt failed',
      attempt: this.attempts,
      instance,
      'error.kind': e?.name ?? typeof err,
      message: e?.message ?? String(err),
    });
  }

  answered(status: number): void {
    this.span.setTag(Tags.HTTP_STATUS_CODE, status);
  }

  /** Ends the span; `err` is the typed error the caller receives, if any. */
  finish(err?: unknown): void {
    this.span.setTag(RETRIES_TAG, Math.max(0, this.attempts - 1));
    if (err !== undefined) {
      if (err instanceof CircuitOpenError) {
        this.span.setTag(CIRCUIT_OPEN_TAG, true);
        this.span.log({ event: 'circuit open', message: err.message });
      }
      if (err instanceof RemoteHttpError) this.span.setTag(Tags.HTTP_STATUS_CODE, err.status);
      // a 4xx answer is the caller's mistake, not a failure of the call (OpenTracing: error = failed RPC)
      if (!(err instanceof RemoteHttpError && err.status < 500)) {
        this.span.setTag(Tags.ERROR, true);
        const e = err instanceof Error ? err : undefined;
        this.span.log({ event: 'error', 'error.kind': e?.name ?? typeof err, message: e?.message ?? String(err) });
      }
    }
    this.span.finish();
  }
}
