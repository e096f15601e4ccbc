/**
 * Assertions about typed errors: the class, the registered code and what the message mentions. The code
 * argument is typed by the class, so a misspelt code in a spec does not compile either.
 */
import assert from 'node:assert/strict';
import type { DoudouError } from '../../lib/errors';

/** Any error class, including abstract and generic ones (`ConfigError`, `WireDecodeError`). */
export type ErrorClass<E extends DoudouError> = abstract new (...args: never[]) => E;

function mentionsAll(err: Error, mentions: readonly (string | RegExp)[]): void {
  for (const m of mentions) {
    const found = typeof m === 'string' ? err.message.includes(m) : m.test(err.message);
    assert.ok(found, `message "${err.message}" should mention ${String(m)}`);
  }
}

/**
 * A validation function for `assert.throws` / `assert.rejects`: the error is a `cls` with `code` whose
 * message mentions each of `mentions` (text or pattern). A mismatch fails with what was thrown instead.
 */
export function isCode<E extends DoudouError>(
  cls: ErrorClass<E>,
  code: E['code'],
  ...mentions: (string | RegExp)[]
): (err: unknown) => true {
  return (err: unknown): true => {
    assert.ok(
      err instanceof cls,
      `expected a ${cls.name} (${code}), got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
    );
    assert.equal(err.code, code, `${cls.name} code (message: ${err.message})`);
    mentionsAll(err, mentions);
    return true;
  };
}

/** `fn()` throws a `cls` with `code`, mentioning each of `mentions`. */
export function throwsCode<E extends DoudouError>(
  fn: () => unknown,
  cls: ErrorClass<E>,
  code: E['code'],
  ...mentions: (string | RegExp)[]
): void {
  assert.throws(fn, isCode(cls, code, ...mentions));
}

/** The promise (or the promise `fn` returns) rejects with a `cls` with `code`, mentioning each of `mentions`. */
export async function rejectsCode<E extends DoudouError>(
  promise: Promise<unknown> | (() => Promise<unknown>),
  cls: ErrorClass<E>,
  code: E['code'],
  ...mentions: (string | RegExp)[]
): Promise<void> {
  await assert.rejects(promise, isCode(cls, code, ...mentions));
}
