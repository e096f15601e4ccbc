/**
 * A client built or used the wrong way: bad options, a balancer asked to pick from nothing, a non-client
 * given to withContext(). ConfigErrors: raised before any request is sent, never retried, never sent to a
 * caller (a handler that lets one escape answers 500).
 */
import { ConfigError, defineErrorCodes, type CodeOf } from '../errors';

export const ClientConfigErrorCodes = defineErrorCodes('client', 'ClientConfigError', {
  INVALID_BASE_URL: { meaning: 'A base URL that is not absolute http(s) (e.g. http://127.0.0.1:6060), or has a query or fragment.' },
  INVALID_INSTANCE_SOURCE: { meaning: 'createClient() needs exactly one of `baseUrl` and `instances`.' },
  DUPLICATE_INSTANCE: { meaning: 'Two instances of one service share an id.' },
  INVALID_WEIGHT: { meaning: 'An instance weight that is not a number >= 0.' },
  UNKNOWN_BALANCER: { meaning: "A `balancer` that is neither 'round-robin', 'smooth-weighted' nor an object with pick()." },
  UNKNOWN_TRANSPORT: { meaning: "A `transport` that is neither 'node', 'got' nor an object with send() and close()." },
  INVALID_POLICY_OPTION: { meaning: "`retryCount`, `timeoutMs` or the breaker's `halfOpenAfterMs` is not an integer >= 0." },
  INVALID_BREAKER_OPTION: {
    meaning: 'A circuit-breaker option out of range: failureRatio in (0, 1], minimumCalls and buckets integers >= 1, windowMs > 0.',
  },
  NO_CANDIDATES: { meaning: "A balancer's pick() was called with no instances (the client itself answers NO_INSTANCE first)." },
  NOT_A_CLIENT: { meaning: 'withContext() or closeClient() was given an object createClient() did not make.' },
});

export type ClientConfigErrorCode = CodeOf<typeof ClientConfigErrorCodes>;

export class ClientConfigError extends ConfigError<ClientConfigErrorCode> {}
