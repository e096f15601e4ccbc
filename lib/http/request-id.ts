/**
 * X-Request-Id: taken from the request when it is a sane token, otherwise a fresh UUIDv4. The request
 * lifecycle stores it on ctx.state.requestId and sets it on every response, including errors and 404s
 * (go-doudou's requestid only set it on the request; echoing it lets clients quote it in bug reports).
 */
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Up to 128 visible ASCII characters: anything else (or a header-injection attempt) is replaced. */
const ACCEPTABLE_ID = /^[\x21-\x7e]{1,128}$/;

/** The id for a request whose X-Request-Id header is `incoming` (node:http joins repeated ones with ', '). */
export function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
}
