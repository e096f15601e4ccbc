/**
 * Typed errors with registered codes. Every error the framework raises on purpose extends DoudouError
 * (`code`, ES2022 `cause`); each area registers its codes in one table (defineErrorCodes) from which its code
 * union and docs/errors.md are derived. The hierarchy:
 *
 *   DoudouError
 *   ├── HttpError            answered to the client with its status (ValidationError, the client's errors, 429/503 of resilience)
 *   ├── ConfigError          start-up problems, never sent to a client (InvalidConfigError, RegistryError, InvalidRateLimitError, …)
 *   ├── GossipError          gossip protocol and node (JoinFailedError, GossipNodeError, …)
 *   ├── TransportError       gossip UDP/TCP transport
 *   ├── WireDecodeError      malformed gossip input: dropped and counted
 *   ├── WireEncodeError      a gossip message that cannot be encoded
 *   └── resilience internals (RedisCommandTimeoutError, GateRejectedError, InvalidRateCostError)
 */
export { DoudouError } from './doudou-error';
export {
  defineErrorCodes,
  ErrorCodeRegistry,
  ERROR_AREAS,
  type CodeOf,
  type CodeConstants,
  type CodesWithStatus,
  type ErrorArea,
  type ErrorCodeEntry,
  type ErrorCodeInfo,
  type ErrorCodeListing,
  type ErrorCodeTable,
} from './error-codes';
export { HttpError, ValidationError, type FieldError } from './http-error';
export { HttpErrorCodes, type HttpErrorCode } from './http-error-codes';
export { ConfigError } from './config-error';
export { ConfigErrorCodes, type ConfigErrorCode } from './config-error-codes';
