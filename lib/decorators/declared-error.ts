import { HttpError } from '../errors';
import type { ErrorResponseOptions, TypeSpec } from './schema-options';

/**
 * An error answer declared once and used everywhere it matters: in the `errors: [...]` of the routes that
 * answer it (so the document, the generated client and the mock know it), at the throw site
 * (`throw UnknownUser.error('user 7 does not exist')`), and where a caller handles it
 * (`UnknownUser.matches(err)` — true for the local HttpError and for the RemoteHttpError of a typed client).
 */
export class DeclaredError<C extends string = string, D = unknown> implements ErrorResponseOptions {
  readonly status: number;
  readonly code: C;
  readonly description?: string;
  readonly details?: TypeSpec;

  constructor(declaration: { status: number; code: C; description?: string; details?: TypeSpec }) {
    this.status = declaration.status;
    this.code = declaration.code;
    if (declaration.description !== undefined) this.description = declaration.description;
    if (declaration.details !== undefined) this.details = declaration.details;
  }

  /** The HttpError to throw: this status and code, with `message` (and details) for the caller. */
  error(message: string, details?: D, options?: ErrorOptions): HttpError<C> {
    return new HttpError(this.status, this.code, message, details, options);
  }

  /** Is `err` this error, raised here or answered by a remote service? */
  matches(err: unknown): err is HttpError<C> & { readonly details?: D } {
    return err instanceof HttpError && err.status === this.status && err.code === this.code;
  }
}
