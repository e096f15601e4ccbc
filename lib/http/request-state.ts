/**
 * What the built-in middleware leave on `ctx.state` for the ones after them (and for user middleware).
 * One place names these keys so nothing else guesses them.
 */
import type { Context } from 'koa';

export interface GddRequestState {
  /** X-Request-Id of this request (taken from the request or generated). */
  requestId?: string;
  /** Route template that matched (`/users/:id`), for metrics and the access log; unset when none did. */
  routeTemplate?: string;
}

export function gddState(ctx: Context): GddRequestState {
  return ctx.state as GddRequestState;
}

/** Label used for metrics and logs when no route matched, so raw URLs never become label values. */
export const UNMATCHED_ROUTE = 'unmatched';
