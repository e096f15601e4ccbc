/**
 * Mistakes of the program's own code found while a request is served: a middleware that calls `next()`
 * twice, a handler whose result does not fit the route's declared response. They are no HttpError on
 * purpose: the error mapper answers them 500 INTERNAL and logs the stack with the request id, since the
 * client did nothing wrong and must not see the program's internals.
 */
import { DoudouError, defineErrorCodes, type CodeOf } from '../errors';

export const ServingErrorCodes = defineErrorCodes('http', 'ServingError', {
  NEXT_CALLED_TWICE: { meaning: 'A middleware called `next()` more than once for one request (answered 500 INTERNAL).' },
  RESULT_NOT_JSON: {
    meaning: 'A handler of a route that declares a JSON response (`returns`) returned nothing, a file or a stream (answered 500 INTERNAL).',
  },
  FILE_TYPE_UNDECLARED: {
    meaning: 'A download route declaring `{ file: { mediaTypes } }` returned a FileResult of another type (answered 500 INTERNAL).',
  },
  RESULT_SCHEMA_MISMATCH: {
    meaning: "A handler's result cannot be written with its route's response schema (answered 500 INTERNAL; `cause` says why).",
  },
});

export type ServingErrorCode = CodeOf<typeof ServingErrorCodes>;

export class ServingError extends DoudouError<ServingErrorCode> {}
