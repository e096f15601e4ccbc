import assert from 'node:assert/strict';
import { parameterNames } from '../../lib/decorators/parameter-names';

class Sample {
  plain(a: number, b: string): void {}
  async asyncMethod(page: number, size: number): Promise<void> {}
  withDefaults(page = 1, label = 'a,b)', list = [1, 2], opts = { x: (1 + 2) * 3 }, tpl = `x${'(,'}y`): void {}
  withDestructuring({ a, b }: { a: number; b: number }, [first]: number[], last: string): void {}
  withRest(first: string, ...rest: string[]): void {}
  withComments(
    /* a, */ real: number, // b,
    other: number,
  ): void {}
  none(): void {}
  'quoted(name)'(value: number): void {}
  [Symbol.for('x(y)')](value: number): void {}
}

describe('parameterNames', () => {
  const p = Sample.prototype as unknown as Record<string | symbol, (...args: never[]) => unknown>;

  it('reads the names of a plain method', () => {
    assert.deepEqual(parameterNames(p.plain), ['a', 'b']);
  });

  it('reads the names of an async method', () => {
    assert.deepEqual(parameterNames(p.asyncMethod), ['page', 'size']);
  });

  it('ignores default values, even ones holding commas, parentheses, brackets and templates', () => {
    assert.deepEqual(parameterNames(p.withDefaults), ['page', 'label', 'list', 'opts', 'tpl']);
  });

  it('gives undefined for destructured parameters and keeps the positions of the others', () => {
    assert.deepEqual(parameterNames(p.withDestructuring), [undefined, undefined, 'last']);
  });

  it('names a rest parameter', () => {
    assert.deepEqual(parameterNames(p.withRest), ['first', 'rest']);
  });

  it('skips comments inside the parameter list', () => {
    assert.deepEqual(parameterNames(p.withComments), ['real', 'other']);
  });

  it('gives no names for no parameters', () => {
    assert.deepEqual(parameterNames(p.none), []);
  });

  it('finds the list after a quoted or computed method name holding parentheses', () => {
    assert.deepEqual(parameterNames(p['quoted(name)']), ['value']);
    assert.deepEqual(parameterNames(p[Symbol.for('x(y)')]), ['value']);
  });

  it('reads plain functions and arrows', () => {
    assert.deepEqual(
      parameterNames(function named(x: number, y: number) {
        return x + y;
      }),
      ['x', 'y'],
    );
    assert.deepEqual(
      parameterNames((q: number) => q),
      ['q'],
    );
    assert.deepEqual(
      parameterNames(async (q: number) => q),
      ['q'],
    );
  });
});
