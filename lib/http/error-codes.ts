/**
 * Stable `code`s of the errors the HTTP layer raises itself (clients may switch on them; never reuse one
 * for a different meaning). `VALIDATION_FAILED` comes from ValidationError in lib/errors.ts.
 */
export const HttpErrorCodes = {
  /** No route matches the path. */
  NOT_FOUND: 'NOT_FOUND',
  /** The path exists but not for this method; the answer carries `Allow`. */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** node:http cannot parse the request (bad header bytes, Transfer-Encoding with Content-Length, …); the connection is closed. */
  MALFORMED_REQUEST: 'MALFORMED_REQUEST',
  /** 431: the request headers are over node:http's limit (`--max-http-header-size`, 16 KiB); the connection is closed. */
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  /** Request body is not valid JSON. */
  MALFORMED_JSON: 'MALFORMED_JSON',
  /** A multipart body that cannot be parsed. */
  MALFORMED_MULTIPART: 'MALFORMED_MULTIPART',
  /** `Content-Encoding: gzip`/`deflate` body that does not decompress, or JSON/form/multipart text that is not
   *  UTF-8 (`details` names the field and the offset of the first bad byte; nothing is replaced by U+FFFD). */
  MALFORMED_ENCODING: 'MALFORMED_ENCODING',
  /** Body (after decompression) or an uploaded file over its limit. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** Body media type or content encoding the route does not accept. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** Missing or wrong basic-auth credentials on /go-doudou/*. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** Anything unexpected; the message sent to the client is generic, the stack is logged. */
  INTERNAL: 'INTERNAL',
  /** The client went away or the request was cut while reading it. */
  REQUEST_ABORTED: 'REQUEST_ABORTED',
  /** 404 on /go-doudou/registry of an instance without a gossip registry (GDD_MODE=mono): the message says so. */
  NO_REGISTRY: 'NO_REGISTRY',
  /** 408: the request (headers and body) was not received within GDD_READ_TIMEOUT; the connection is closed. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
} as const;

export type HttpErrorCode = (typeof HttpErrorCodes)[keyof typeof HttpErrorCodes];
