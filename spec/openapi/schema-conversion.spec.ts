import assert from 'node:assert/strict';
import { toOpenApiSchema } from '../../lib/openapi/schema-conversion';

describe('toOpenApiSchema (JSON Schema → OpenAPI 3.0)', () => {
  it('keeps a bare $ref bare', () => {
    assert.deepEqual(toOpenApiSchema({ $ref: '#/components/schemas/User' }), { $ref: '#/components/schemas/User' });
  });

  it('wraps a $ref with siblings in allOf, since OpenAPI 3.0 ignores $ref siblings', () => {
    assert.deepEqual(toOpenApiSchema({ $ref: '#/components/schemas/User', description: 'owner' }), {
      allOf: [{ $ref: '#/components/schemas/User' }],
      description: 'owner',
    });
  });

  it('writes anyOf [X, null] as allOf [X] with nullable', () => {
    assert.deepEqual(toOpenApiSchema({ anyOf: [{ $ref: '#/components/schemas/A' }, { type: 'null' }] }), {
      nullable: true,
      allOf: [{ $ref: '#/components/schemas/A' }],
    });
  });

  it('keeps anyOf of several non-null members, marking null as nullable', () => {
    assert.deepEqual(toOpenApiSchema({ anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] }), {
      nullable: true,
      anyOf: [{ type: 'string' }, { type: 'number' }],
    });
  });

  it('turns numeric exclusive bounds into boolean flags on minimum/maximum', () => {
    assert.deepEqual(toOpenApiSchema({ type: 'number', exclusiveMinimum: 0, maximum: 10, exclusiveMaximum: 5 }), {
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 5,
      exclusiveMaximum: true,
    });
  });

  it('keeps the stricter inclusive bound', () => {
    assert.deepEqual(toOpenApiSchema({ type: 'number', minimum: 3, exclusiveMinimum: 1 }), { type: 'number', minimum: 3 });
  });

  it('replaces type null with nullable', () => {
    assert.deepEqual(toOpenApiSchema({ type: 'null' }), { nullable: true });
  });

  it('converts nested properties, items and additionalProperties', () => {
    assert.deepEqual(
      toOpenApiSchema({
        type: 'object',
        required: ['a'],
        properties: { a: { type: 'array', items: { type: 'integer', exclusiveMinimum: 0 } } },
        additionalProperties: { type: 'string', nullable: true },
      }),
      {
        type: 'object',
        required: ['a'],
        properties: { a: { type: 'array', items: { type: 'integer', minimum: 0, exclusiveMinimum: true } } },
        additionalProperties: { type: 'string', nullable: true },
      },
    );
  });
});
