import { defineErrorCodes, type CodeOf } from './error-codes';

/**
 * Codes of the errors the HTTP layer answers with itself (clients may switch on them; never reuse one for a
 * different meaning). Handlers throw HttpError with codes of their own; those are the service's to document.
 */
export const HttpErrorCodes = defineErrorCodes('http', 'HttpError', {
  NOT_FOUND: { status: 404, meaning: 'No route matches the path.' },
  METHOD_NOT_ALLOWED: { status: 405, meaning: 'The path exists but not for this method; the answer carries `Allow`.' },
  MALFORMED_REQUEST: {
    status: 400,
    meaning:
      'node:http cannot parse the request (Transfer-Encoding with Content-Length, a control byte in a header, …); counted as route `unmatched`, the connection is closed.',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    meaning: "Request headers over node:http's limit (16 KiB, `--max-http-header-size`); the connection is closed.",
  },
  VALIDATION_FAILED: {
    status: 400,
    thrownBy: 'ValidationError',
    meaning:
      'Bad parameters or body; `details` lists `[{ field, message }]`, fields named like `query.page`, `path.id`, `body.items[0].name`.',
  },
  MALFORMED_JSON: { status: 400, meaning: 'The request body is not valid JSON.' },
  MALFORMED_MULTIPART: { status: 400, meaning: 'A multipart body that cannot be parsed.' },
  MALFORMED_ENCODING: {
    status: 400,
    meaning:
      'A `Content-Encoding: gzip`/`deflate` body that does not decompress, or JSON/form/multipart text that is not UTF-8 (`details` names the field and the offset of the first bad byte).',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    meaning:
      'The body (after decompression) is over `GDD_BODY_LIMIT`, or an uploaded file over 32 MiB; the rest of the body (up to 16 MiB) is read and dropped first, so the answer reaches a client that is still sending, then the connection is closed.',
  },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'A body media type or content encoding the route does not accept.' },
  UNAUTHORIZED: { status: 401, meaning: 'Missing or wrong basic-auth credentials on /go-doudou/* (`GDD_MANAGE_USER`/`GDD_MANAGE_PASS`).' },
  NO_REGISTRY: {
    status: 404,
    meaning: '`/go-doudou/registry` of an instance in monolith mode: the message says to run with `GDD_MODE=micro`.',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    meaning: 'The request (headers and body) was not received within GDD_READ_TIMEOUT; the connection is closed.',
  },
  REQUEST_ABORTED: { status: 400, meaning: 'The client went away or the request was cut while its body was read.' },
  INTERNAL: {
    status: 500,
    meaning: 'Anything unexpected: the message is hidden, the stack is logged with the request id, the process keeps serving.',
  },
});

export type HttpErrorCode = CodeOf<typeof HttpErrorCodes>;
