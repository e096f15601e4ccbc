import assert from 'node:assert/strict';
import type { ServiceDescriptor } from '../../lib/decorators/descriptors';
import { compileKeyRenamer, isIdentityRenamer } from '../../lib/decorators/wire-keys';

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });

/** A snake_case descriptor: a recursive Tree, a Tag map, an Owner reached only through a nullable reference. */
const service: Pick<ServiceDescriptor, 'schemas' | 'propertyNames'> = {
  schemas: {
    Tree: {
      type: 'object',
      properties: {
        node_name: { type: 'string' },
        child_nodes: { type: 'array', items: ref('Tree') },
        owner: { anyOf: [ref('Owner'), { type: 'null' }] },
      },
    },
    Owner: { type: 'object', properties: { full_name: { type: 'string' } } },
    Tags: { type: 'object', properties: { tag_count: { type: 'integer' } }, additionalProperties: ref('Owner') },
    Plain: { type: 'object', properties: { id: { type: 'integer' } } },
  },
  propertyNames: {
    Tree: { node_name: 'nodeName', child_nodes: 'childNodes' },
    Owner: { full_name: 'fullName' },
    Tags: { tag_count: 'tagCount' },
  },
};

describe('decorators/wire-keys', () => {
  it('compiles to the identity when no renamed property is reachable', () => {
    assert.ok(isIdentityRenamer(compileKeyRenamer(ref('Plain'), service, 'fromWire')));
    assert.ok(isIdentityRenamer(compileKeyRenamer({ type: 'array', items: { type: 'string' } }, service, 'toWire')));
    assert.ok(isIdentityRenamer(compileKeyRenamer(undefined, service, 'toWire')));
  });

  it('renames a recursive DTO both ways, through arrays and nullable references', () => {
    const wire = { node_name: 'root', owner: null, child_nodes: [{ node_name: 'leaf', owner: { full_name: 'Ada' }, child_nodes: [] }] };
    const typed = { nodeName: 'root', owner: null, childNodes: [{ nodeName: 'leaf', owner: { fullName: 'Ada' }, childNodes: [] }] };
    assert.deepEqual(compileKeyRenamer(ref('Tree'), service, 'fromWire')(wire), typed);
    assert.deepEqual(compileKeyRenamer(ref('Tree'), service, 'toWire')(typed), wire);
    assert.deepEqual(compileKeyRenamer({ type: 'array', items: ref('Owner') }, service, 'toWire')([{ fullName: 'B' }]), [
      { full_name: 'B' },
    ]);
  });

  it('keeps undeclared keys coming from the wire, and writes map values of additionalProperties by their schema', () => {
    assert.deepEqual(compileKeyRenamer(ref('Owner'), service, 'fromWire')({ full_name: 'A', extra: 1 }), { fullName: 'A', extra: 1 });
    assert.deepEqual(compileKeyRenamer(ref('Tags'), service, 'toWire')({ tagCount: 1, red: { fullName: 'R' } }), {
      tag_count: 1,
      red: { full_name: 'R' },
    });
  });

  it('reads results by property name (getters, toJSON) and leaves undeclared fields behind', () => {
    class OwnerView {
      secret = 'kept off the wire';
      get fullName(): string {
        return 'From a getter';
      }
    }
    assert.deepEqual(compileKeyRenamer(ref('Owner'), service, 'toWire')(new OwnerView()), { full_name: 'From a getter' });
    assert.deepEqual(compileKeyRenamer(ref('Owner'), service, 'toWire')({ toJSON: () => ({ fullName: 'J' }) }), { full_name: 'J' });
  });

  it('never lets a __proto__ key from the wire replace a prototype', () => {
    const parsed = JSON.parse('{"full_name":"A","__proto__":{"polluted":true}}') as object;
    const out = compileKeyRenamer(ref('Owner'), service, 'fromWire')(parsed) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal((out as { polluted?: boolean }).polluted, undefined);
    assert.ok(Object.prototype.hasOwnProperty.call(out, '__proto__'));
  });
});
