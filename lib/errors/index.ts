/**
 * Typed errors with registered codes. Every error the framework raises on purpose extends DoudouError
 * (`code`, ES2022 `cause`); each area registers its codes in one table (defineErrorCodes) from which its code
 * union and docs/errors.md are derived. docs/errors.md draws the class tree and lists every code.
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
export { PortInUseError } from './port-in-use-error';
export { ConfigErrorCodes, type ConfigErrorCode } from './config-error-codes';
