/** The typed HTTP client: createClient, instance sources, balancers, the resilience policy, errors. */
export { createClient, withContext, closeClient, clientDescriptor, type Client, type ClientOptions } from './create-client';
export { StaticInstances, FixedBaseUrl, normaliseBaseUrl, type InstanceSource, type ServiceInstance } from './instances';
export { resolveBalancer, type Balancer, type BalancerName } from './balancer';
export { RoundRobinBalancer } from './round-robin-balancer';
export { SmoothWeightedRoundRobinBalancer } from './smooth-weighted-balancer';
export {
  defaultClientPolicy,
  noPolicy,
  CLIENT_POLICY_DEFAULTS,
  type ClientPolicy,
  type ClientPolicyOptions,
  type BreakerOptions,
} from './client-policy';
export { WindowBreaker, type WindowBreakerOptions } from './window-breaker';
export { runWithCallContext, currentCallContext, propagateRequestContext, type CallContext } from './call-context';
export type { FileArgument, FileData } from './file-argument';
export type { Transport, TransportOptions, AttemptRequest } from './transport';
export { NodeHttpTransport } from './node-http-transport';
export { GotTransport } from './got-transport';
export type { RawResponse } from './response-decoder';
export { fileNameFromContentDisposition } from './response-decoder';
export {
  RemoteHttpError,
  RemoteUnavailableError,
  NoInstanceError,
  CircuitOpenError,
  ClientTimeoutError,
  BadResponseError,
  InvalidArgumentError,
  ClientErrorCodes,
  isRetryableFailure,
  isBreakerFailure,
  isIdempotentMethod,
  declaredErrorGuard,
  type DeclaredHttpError,
  type ClientErrorCode,
  type CallTarget,
} from './errors';
export { UPSTREAM_ERRORS } from './upstream-errors';
export { ClientConfigError, ClientConfigErrorCodes, type ClientConfigErrorCode } from './client-config-errors';
