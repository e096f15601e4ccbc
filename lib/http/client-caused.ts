/**
 * Failures the client causes — it went away, reset the connection, sent bytes that are not HTTP, was too
 * slow — are part of running a public server, not bugs: they are recorded (access log, metrics) and
 * logged at debug without a stack. Only what is left is logged as an error.
 */

/** Socket and stream codes of a peer that closed or reset the connection, or of a write after it did. */
const CLIENT_GONE = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
  'ERR_HTTP_REQUEST_TIMEOUT',
]);

/** True for an error the client caused (see above); false for anything that may be the server's fault. */
export function isClientCaused(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  // HPE_*: llhttp refused what the client sent (bad request line, header overflow, invalid chunk)
  return CLIENT_GONE.has(code) || code.startsWith('HPE_');
}

/** `code: message` without the stack, for debug lines. */
export function briefError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
