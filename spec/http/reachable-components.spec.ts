import { strict as assert } from 'node:assert';
import type { JsonSchema } from '../../lib/decorators/descriptors';
import { reachableComponents } from '../../lib/http/reachable-components';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const COMPONENTS: Record<string, JsonSchema> = {
  Order: { type: 'object', properties: { lines: { type: 'array', items: ref('Line') }, buyer: { allOf: [ref('User')] } } },
  Line: { type: 'object', properties: { product: ref('Product') } },
  Product: { type: 'object', properties: { name: { type: 'string' } } },
  User: { type: 'object', properties: { friends: { type: 'array', items: ref('User') } } },
  Unused: { type: 'object', properties: { order: ref('Order') } },
};

describe('reachable components', () => {
  it('collects the components a schema refers to, transitively, and no others', () => {
    assert.deepEqual(Object.keys(reachableComponents([ref('Order')], COMPONENTS)).sort(), ['Line', 'Order', 'Product', 'User']);
  });

  it('follows refs through arrays and combinators, ends on cycles, and skips names it does not hold', () => {
    const reached = reachableComponents([{ anyOf: [ref('User'), ref('Missing')] }, undefined, 'text'], COMPONENTS);
    assert.deepEqual(Object.keys(reached), ['User']);
    assert.equal(reached.User, COMPONENTS.User);
  });

  it('reaches nothing from schemas without component refs', () => {
    assert.deepEqual(reachableComponents([{ type: 'integer' }, { $ref: '#/$defs/Local' }], COMPONENTS), {});
  });
});
