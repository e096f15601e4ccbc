/**
 * Basic auth in front of /go-doudou/* (GDD_MANAGE_USER / GDD_MANAGE_PASS). Both values are compared as
 * SHA-256 digests with crypto.timingSafeEqual, so neither the content nor the length of the expected
 * credentials leaks through timing. An empty user AND password switch auth off.
 */
import type { Middleware } from 'koa';
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../../errors';

export interface BasicAuthCredentials {
  user: string;
  pass: string;
}

export const BASIC_AUTH_REALM = 'go-doudou';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Parses `Authorization: Basic base64(user:pass)`; undefined when absent or malformed. */
export function parseBasicAuth(header: string | undefined): BasicAuthCredentials | undefined {
  const match = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

export function credentialsMatch(given: BasicAuthCredentials, expected: BasicAuthCredentials): boolean {
  const userOk = timingSafeEqual(digest(given.user), digest(expected.user));
  const passOk = timingSafeEqual(digest(given.pass), digest(expected.pass));
  return userOk && passOk;
}

export function basicAuth(expected: BasicAuthCredentials): Middleware {
  const disabled = expected.user === '' && expected.pass === '';
  return async function basicAuth(ctx, next) {
    if (!disabled) {
      const given = parseBasicAuth(ctx.get('Authorization'));
      if (!given || !credentialsMatch(given, expected)) {
        const err = HttpError.of('UNAUTHORIZED', 'authentication required') as HttpError & {
          headers: Record<string, string>;
        };
        err.headers = { 'WWW-Authenticate': `Basic realm="${BASIC_AUTH_REALM}", charset="UTF-8"` };
        throw err;
      }
    }
    await next();
  };
}
