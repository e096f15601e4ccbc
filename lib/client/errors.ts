/**
 * Typed errors of the client, each with a stable `code`. They all extend HttpError, so when a handler lets
 * one escape, the calling service answers with a sensible status (a remote 404 stays 404, an unreachable
 * dependency is 502/503/504) instead of a bare 500 — and `err instanceof HttpError` treats a remote error
 * like a local one (the sample order service relies on that).
 */
import { defineErrorCodes, HttpError, type CodeOf } from '../errors';
import type { HttpMethod } from '../decorators/descriptors';

export const ClientErrorCodes = defineErrorCodes('client', 'HttpError', {
  REMOTE_UNAVAILABLE: {
    status: 502,
    thrownBy: 'RemoteUnavailableError',
    meaning: 'No instance could be reached: connection refused or reset, DNS failure, a socket error before any answer.',
  },
  NO_INSTANCE: { status: 503, thrownBy: 'NoInstanceError', meaning: 'The instance source lists no instance of the service.' },
  CIRCUIT_OPEN: {
    status: 503,
    thrownBy: 'CircuitOpenError',
    meaning: 'The circuit breaker is open: the call failed fast without touching the network.',
  },
  TIMEOUT: {
    status: 504,
    thrownBy: 'ClientTimeoutError',
    meaning: 'The call (all attempts together) or one attempt took longer than allowed.',
  },
  BAD_RESPONSE: {
    status: 502,
    thrownBy: 'BadResponseError',
    meaning: 'A 2xx answer whose body does not match the contract (e.g. JSON that does not parse).',
  },
  INVALID_ARGUMENT: {
    status: 400,
    thrownBy: 'InvalidArgumentError',
    meaning: 'An argument the client cannot send (a missing path variable, an unreadable file argument); never retried.',
  },
});

export type ClientErrorCode = CodeOf<typeof ClientErrorCodes>;

/** Where a call went: useful in logs and in `details`. */
export interface CallTarget {
  service: string;
  operationId: string;
  method: HttpMethod;
  /** Instance id and base URL when one had been chosen. */
  instance?: string;
  url?: string;
}

/**
 * The remote service answered with a status ≥ 400. `code`, `message`, `details` and `requestId` come from
 * its JSON error body `{ error: { code, message, details?, requestId } }`; for other bodies the code is
 * derived from the status (`BAD_GATEWAY`) and the message is the start of the body text.
 */
export class RemoteHttpError extends HttpError {
  readonly requestId?: string;
  readonly target: CallTarget;

  constructor(status: number, code: string, message: string, target: CallTarget, details?: unknown, requestId?: string) {
    super(status, code, message, details);
    this.requestId = requestId;
    this.target = target;
  }

  /** The HTTP method of the call (decides whether a 5xx may be retried). */
  get method(): HttpMethod {
    return this.target.method;
  }
}

/**
 * One error answer an operation declares, as a caller catches it: status, code and details narrowed. A
 * generated client (`doudou svc client`) exports the union of these per operation (`CreateOrderError`) with
 * a guard (`isCreateOrderError`); switching on `status` or `code` then narrows the rest.
 */
export type DeclaredHttpError<S extends number = number, C extends string = string, D = undefined> = HttpError & {
  readonly status: S;
  readonly code: C;
  readonly details?: D;
};

/**
 * A guard for the declared errors of one operation, from its table `{ 422: ['UNKNOWN_USER'], 404: true }`
 * (`true`: any code of that status). It takes a local HttpError too, so the same check works when the
 * contract is served in the same process (monolith mode) instead of called.
 */
export function declaredErrorGuard<E extends HttpError>(
  declared: Readonly<Record<number, readonly string[] | true>>,
): (err: unknown) => err is E {
  return (err: unknown): err is E => {
    if (!(err instanceof HttpError) || !Object.hasOwn(declared, err.status)) return false;
    const codes = declared[err.status];
    return codes === true || (codes !== undefined && codes.includes(err.code));
  };
}

/** No instance could be reached (the call never got an HTTP answer). 502, like a gateway would answer. */
export class RemoteUnavailableError extends HttpError<'REMOTE_UNAVAILABLE'> {
  /** The socket-level reason, e.g. `ECONNREFUSED`, `ECONNRESET`. */
  readonly reason: string;
  readonly target: CallTarget;

  constructor(target: CallTarget, reason: string, message: string) {
    super(ClientErrorCodes.statusOf('REMOTE_UNAVAILABLE'), 'REMOTE_UNAVAILABLE', `${target.service}.${target.operationId}: ${message}`, {
      ...target,
      reason,
    });
    this.reason = reason;
    this.target = target;
  }
}

/** The instance source has no instance of the service (go-doudou built a relative URL here; we say why). */
export class NoInstanceError extends HttpError<'NO_INSTANCE'> {
  readonly service: string;

  constructor(service: string, operationId: string) {
    super(
      ClientErrorCodes.statusOf('NO_INSTANCE'),
      'NO_INSTANCE',
      `no instance of service '${service}' is available (calling ${operationId})`,
      {
        service,
        operationId,
      },
    );
    this.service = service;
  }
}

/** The client's circuit breaker is open; wraps cockatiel's BrokenCircuitError. */
export class CircuitOpenError extends HttpError<'CIRCUIT_OPEN'> {
  readonly service: string;

  constructor(service: string, operationId: string, cause?: unknown) {
    super(
      ClientErrorCodes.statusOf('CIRCUIT_OPEN'),
      'CIRCUIT_OPEN',
      `circuit breaker for service '${service}' is open (calling ${operationId})`,
      { service, operationId },
      cause === undefined ? undefined : { cause },
    );
    this.service = service;
  }
}

/** The call took too long: `scope` says whether the whole call (policy timeout) or one attempt timed out. */
export class ClientTimeoutError extends HttpError<'TIMEOUT'> {
  readonly scope: 'call' | 'attempt';
  readonly target: CallTarget;

  constructor(target: CallTarget, scope: 'call' | 'attempt', message: string) {
    super(ClientErrorCodes.statusOf('TIMEOUT'), 'TIMEOUT', `${target.service}.${target.operationId}: ${message}`, { ...target, scope });
    this.scope = scope;
    this.target = target;
  }
}

/** A 2xx answer the client cannot decode as the contract says. */
export class BadResponseError extends HttpError<'BAD_RESPONSE'> {
  readonly target: CallTarget;

  constructor(target: CallTarget, message: string) {
    super(ClientErrorCodes.statusOf('BAD_RESPONSE'), 'BAD_RESPONSE', `${target.service}.${target.operationId}: ${message}`, target);
    this.target = target;
  }
}

/** An argument that cannot be sent; raised before any request, never retried. */
export class InvalidArgumentError extends HttpError<'INVALID_ARGUMENT'> {
  constructor(service: string, operationId: string, message: string, options?: ErrorOptions) {
    super(
      ClientErrorCodes.statusOf('INVALID_ARGUMENT'),
      'INVALID_ARGUMENT',
      `${service}.${operationId}: ${message}`,
      { service, operationId },
      options,
    );
  }
}

const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** RFC 9110 §9.2.2: methods whose repetition has the same effect as one call. */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/**
 * May this failed attempt be tried again (on another instance)? Connection failures and attempt timeouts
 * for every method (no answer came back); 5xx only for idempotent methods (a POST that reached the server
 * may have had effects); 4xx never.
 */
export function isRetryableFailure(err: unknown): boolean {
  if (err instanceof RemoteUnavailableError) return true;
  if (err instanceof ClientTimeoutError) return err.scope === 'attempt';
  if (err instanceof RemoteHttpError) return err.status >= 500 && isIdempotentMethod(err.method);
  return false;
}

/** Does this outcome count against the circuit breaker? Unreachable, timed out, or 5xx — never 4xx. */
export function isBreakerFailure(err: unknown): boolean {
  if (err instanceof RemoteUnavailableError || err instanceof ClientTimeoutError) return true;
  if (err instanceof RemoteHttpError || err instanceof BadResponseError) return err.status >= 500;
  return false;
}
