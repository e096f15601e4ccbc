import assert from 'node:assert/strict';
import fastJson from 'fast-json-stringify';
import { compileSerializer } from '../../lib/http/response-serializer';
import { ServingError } from '../../lib/http/serving-errors';

describe('http/response-serializer', () => {
  describe('a free-form object (`returns: Object`)', () => {
    const serialize = compileSerializer({ type: 'object' }, {}, 'echo');
    const generic = fastJson({ type: 'object', additionalProperties: true }) as (value: unknown) => string;

    it('writes every property, byte for byte what fast-json-stringify writes', () => {
      const values: object[] = [
        { a: undefined, b: () => 1, c: Symbol('x'), d: [undefined, () => 1], e: { f: undefined } },
        Object.assign(Object.create(null) as object, { k: 1 }),
        { n: NaN, i: Infinity, z: -0, when: new Date(0), text: '\u2028 "q" \ud800' },
        { toJSON: () => ({ x: 1 }) },
        { nested: { deep: [1, 'two', { three: true }] } },
      ];
      for (const value of values) assert.equal(serialize(value), generic(value));
    });

    it('leaves what is not a plain object to fast-json-stringify', () => {
      for (const value of ['str', [1, 2], new Map([[1, 2]])]) assert.equal(serialize(value), generic(value));
    });

    it('names the route when a value cannot be written', () => {
      assert.throws(
        () => serialize({ big: 1n }),
        (err: unknown) => err instanceof ServingError && err.code === 'RESULT_SCHEMA_MISMATCH' && /^echo: /.test(err.message),
      );
    });
  });

  it('still drops what a declared object does not declare', () => {
    const serialize = compileSerializer(
      { type: 'object', properties: { id: { type: 'integer' } }, additionalProperties: false },
      {},
      'get',
    );
    assert.equal(serialize({ id: 1, secret: 'x' }), '{"id":1}');
  });
});
