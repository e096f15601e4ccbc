import { DoudouError } from './doudou-error';
import { HttpErrorCodes, type HttpErrorCode } from './http-error-codes';

/**
 * An error answered to the client: an HTTP status and a stable code. One place (lib/http/error-mapper.ts)
 * turns it into `{ error: { code, message, details?, requestId } }`. Handlers throw it with codes of their own
 * (`new HttpError(404, 'TODO_NOT_FOUND', …)`); the framework's codes are in HttpErrorCodes.
 */
export class HttpError<C extends string = string> extends DoudouError<C> {
  readonly status: number;
  readonly details?: unknown;

  constructor(status: number, code: C, message: string, details?: unknown, options?: ErrorOptions) {
    super(code, message, options);
    this.status = status;
    this.details = details;
  }

  /** One of the framework's own HTTP errors; its status comes from the registry. */
  static of(code: HttpErrorCode, message: string, details?: unknown, options?: ErrorOptions): HttpError<HttpErrorCode> {
    return new HttpError(HttpErrorCodes.table[code].status, code, message, details, options);
  }
}

/** One offending input: where it was (`body.items[0].name`, `query.page`) and what is wrong. */
export interface FieldError {
  field: string;
  message: string;
}

/** 400 naming every bad field. */
export class ValidationError extends HttpError<'VALIDATION_FAILED'> {
  readonly fields: readonly FieldError[];

  constructor(fields: readonly FieldError[]) {
    const names = fields.map((f) => f.field).join(', ');
    super(HttpErrorCodes.statusOf('VALIDATION_FAILED'), 'VALIDATION_FAILED', `invalid request: ${names}`, fields);
    this.fields = fields;
  }
}
