/** A value to await (a promise or any thenable): the request path awaits only these, so synchronous work costs no promise turn. */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
