/**
 * Typed errors with stable codes. Every error the framework raises on purpose is one of these;
 * one place (lib/http) maps them to JSON `{ error: { code, message, details?, requestId } }`.
 */

/** An error that carries an HTTP status and a stable, machine-readable code. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** One offending input: where it was (`body.items[0].name`, `query.page`) and what is wrong. */
export interface FieldError {
  field: string;
  message: string;
}

/** 400 naming every bad field. */
export class ValidationError extends HttpError {
  readonly fields: readonly FieldError[];

  constructor(fields: readonly FieldError[]) {
    const names = fields.map((f) => f.field).join(', ');
    super(400, 'VALIDATION_FAILED', `invalid request: ${names}`, fields);
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

/** A start-up problem: bad configuration, a broken contract, a missing dependency. Never sent to a client. */
export class ConfigError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
  }
}
