import { strict as assert } from 'node:assert';
import type { RouteDescriptor } from '../../lib/decorators/descriptors';
import { RequestValidator, createAjv, fieldName, routeInputSchema } from '../../lib/http/request-validator';

const quiet = { warn: () => undefined };

describe('request-validator', () => {
  it('turns JSON pointers into dotted field names with [index]', () => {
    assert.equal(fieldName('/body/items/0/name'), 'body.items[0].name');
    assert.equal(fieldName('/query', 'page'), 'query.page');
    assert.equal(fieldName('/body/a~1b/c~0d'), 'body.a/b.c~d');
    assert.equal(fieldName('', 'body'), 'body');
  });

  const route: RouteDescriptor = {
    operationId: 'x',
    method: 'POST',
    path: '/x',
    tags: [],
    response: {},
    errors: [],
    params: [
      { index: 0, name: '', in: 'body', required: true, schema: { $ref: '#/components/schemas/Order' } },
      { index: 1, name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } },
      { index: 2, name: 'ids', in: 'query', required: false, isArray: true, coerce: 'integer', schema: {} },
    ],
  };
  const schemas = {
    Order: {
      type: 'object' as const,
      properties: {
        lines: { type: 'array' as const, items: { $ref: '#/components/schemas/Line' } },
        status: { type: 'string' as const, enum: ['new', 'paid'] },
      },
      additionalProperties: false,
    },
    Line: { type: 'object' as const, properties: { qty: { type: 'integer' as const, exclusiveMinimum: 0 } }, required: ['qty'] },
  };

  it('rewrites component refs to local $defs and lower-cases header keys', () => {
    const s = routeInputSchema(route, schemas) as {
      properties: Record<string, { properties?: Record<string, unknown> }>;
      $defs: Record<string, { properties: { lines: { items: unknown } } }>;
    };
    assert.deepEqual(s.properties.body, { $ref: '#/$defs/Order' });
    assert.deepEqual(s.$defs.Order!.properties.lines.items, { $ref: '#/$defs/Line' });
    assert.ok(s.properties.header!.properties!['x-tenant']);
    assert.deepEqual(s.properties.query!.properties!.ids, { type: 'array', items: { type: 'integer' } });
  });

  it('reports every problem with stable wording', () => {
    const v = new RequestValidator(createAjv(quiet), route, schemas);
    const errors = v.validate({
      path: {},
      query: { ids: [1, 'x'] },
      header: {},
      form: {},
      body: { lines: [{ qty: 0 }, {}], status: 'lost', note: 1 },
    });
    assert.deepEqual(errors.map((e) => `${e.field}: ${e.message}`).sort(), [
      'body.lines[0].qty: must be > 0',
      'body.lines[1].qty: is required',
      'body.note: is not allowed',
      'body.status: must be one of: new, paid',
      'header.x-tenant: is required',
      'query.ids[1]: must be integer',
    ]);
  });

  it('accepts a valid input and returns no errors', () => {
    const v = new RequestValidator(createAjv(quiet), route, schemas);
    assert.deepEqual(v.validate({ path: {}, query: {}, header: { 'x-tenant': 't1' }, form: {}, body: { lines: [{ qty: 2 }] } }), []);
  });
});
