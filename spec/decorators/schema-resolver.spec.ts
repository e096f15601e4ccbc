import assert from 'node:assert/strict';
import { ConfigError } from '../../lib/errors';
import type { JsonSchema } from '../../lib/decorators/descriptors';
import { Prop } from '../../lib/decorators/prop';
import { ComponentSchemas, resolveType } from '../../lib/decorators/schema-resolver';
import { throwsCode } from '../support/errors';

enum Role {
  Admin = 'admin',
  Member = 'member',
}
enum Level {
  Low,
  High,
}

class Address {
  @Prop({ minLength: 1, maxLength: 80, pattern: /^[^<>]*$/ }) street!: string;
  @Prop({ type: String, optional: true, nullable: true }) zip?: string | null;
}

class Entity {
  @Prop({ integer: true, minimum: 1, description: 'Assigned by the service' }) id!: number;
  @Prop() createdAt!: Date;
}

class Member extends Entity {
  @Prop({ format: 'email', example: 'a@b.c' }) email!: string;
  @Prop({ enum: Role }) role!: Role;
  @Prop({ enum: Level }) level!: Level;
  @Prop({ enum: ['x', 'y'] }) letter!: 'x' | 'y';
  @Prop() active!: boolean;
  @Prop() home!: Address;
  @Prop({ type: Address, optional: true, nullable: true }) work?: Address | null;
  @Prop({ description: 'Earlier addresses', type: [Address], maxItems: 5 }) history!: Address[];
  @Prop({ items: Number, minimum: 0, integer: true }) scores!: number[];
  @Prop({ type: Object, optional: true }) extra?: Record<string, string>;
  @Prop({ type: { type: 'string', format: 'uuid' } }) ref!: string;
  @Prop({ type: 'integer', exclusiveMaximum: 10 }) small!: number;
}

class TreeNode {
  @Prop() label!: string;
  @Prop({ type: [TreeNode], optional: true }) children?: TreeNode[];
}

describe('resolveType and ComponentSchemas (DTO schemas from @Prop)', () => {
  let components: ComponentSchemas;
  let schemas: Record<string, JsonSchema>;
  before(() => {
    components = new ComponentSchemas();
    assert.deepEqual(resolveType(Member, {}, 'test', components).schema, { $ref: '#/components/schemas/Member' });
    schemas = components.toRecord();
  });
  const prop = (name: string): JsonSchema | undefined => schemas.Member.properties?.[name];

  it('lists nested DTOs as components, transitively', () => {
    assert.deepEqual(Object.keys(schemas).sort(), ['Address', 'Member']);
  });

  it('inherits the parent DTO props first, then its own', () => {
    assert.deepEqual(Object.keys(schemas.Member.properties ?? {}).slice(0, 3), ['id', 'createdAt', 'email']);
    assert.deepEqual(prop('id'), { type: 'integer', minimum: 1, description: 'Assigned by the service' });
    assert.deepEqual(prop('createdAt'), { type: 'string', format: 'date-time' });
  });

  it('marks all but optional props required', () => {
    assert.deepEqual(schemas.Member.required, [
      'id',
      'createdAt',
      'email',
      'role',
      'level',
      'letter',
      'active',
      'home',
      'history',
      'scores',
      'ref',
      'small',
    ]);
    assert.deepEqual(schemas.Address.required, ['street']);
  });

  it('leaves a prop with a default out of required, keeping the default in its schema', () => {
    class Paging {
      @Prop({ integer: true, default: 1 }) page!: number;
      @Prop({ integer: true }) size!: number;
    }
    const c = new ComponentSchemas();
    resolveType(Paging, {}, 'test', c);
    const paging = c.toRecord().Paging;
    assert.deepEqual(paging.required, ['size']);
    assert.equal(paging.properties?.page?.default, 1);
  });

  it('keeps formats, examples, patterns and lengths', () => {
    assert.deepEqual(prop('email'), { type: 'string', format: 'email', example: 'a@b.c' });
    assert.deepEqual(schemas.Address.properties?.street, { type: 'string', minLength: 1, maxLength: 80, pattern: '^[^<>]*$' });
  });

  it('turns string and numeric TS enums and literal lists into enum values', () => {
    assert.deepEqual(prop('role'), { type: 'string', enum: ['admin', 'member'] });
    assert.deepEqual(prop('level'), { type: 'number', enum: [0, 1] });
    assert.deepEqual(prop('letter'), { type: 'string', enum: ['x', 'y'] });
  });

  it('references nested DTOs, wrapping a nullable one in anyOf with null', () => {
    assert.deepEqual(prop('home'), { $ref: '#/components/schemas/Address' });
    assert.deepEqual(prop('work'), { anyOf: [{ $ref: '#/components/schemas/Address' }, { type: 'null' }] });
    assert.deepEqual(schemas.Address.properties?.zip, { type: 'string', nullable: true });
  });

  it('describes arrays of DTOs with the description and counts on the array', () => {
    assert.deepEqual(prop('history'), {
      type: 'array',
      items: { $ref: '#/components/schemas/Address' },
      description: 'Earlier addresses',
      maxItems: 5,
    });
  });

  it('puts element constraints on items given by { items }', () => {
    assert.deepEqual(prop('scores'), { type: 'array', items: { type: 'integer', minimum: 0 } });
  });

  it('accepts Object for a free-form object, a ready JSON Schema and a kind name', () => {
    assert.deepEqual(prop('extra'), { type: 'object' });
    assert.deepEqual(prop('ref'), { type: 'string', format: 'uuid' });
    assert.deepEqual(prop('small'), { type: 'integer', exclusiveMaximum: 10 });
  });

  it('builds a self-referencing DTO once', () => {
    const c = new ComponentSchemas();
    resolveType(TreeNode, {}, 'test', c);
    assert.deepEqual(c.toRecord().TreeNode.properties?.children, { type: 'array', items: { $ref: '#/components/schemas/TreeNode' } });
  });

  it('wraps a described DTO reference in allOf so the description survives', () => {
    const c = new ComponentSchemas();
    assert.deepEqual(resolveType(Address, { description: 'where' }, 'test', c).schema, {
      allOf: [{ $ref: '#/components/schemas/Address' }],
      description: 'where',
    });
  });

  it("copies default and example values, leaving the caller's objects unfrozen", () => {
    const example = { street: 'Main' };
    const schema = resolveType(Address, { example, type: Object }, 't', new ComponentSchemas()).schema;
    assert.deepEqual(schema.example, example);
    assert.notEqual(schema.example, example);
  });

  it('reports coercion kinds: number, integer, boolean, date, string', () => {
    const c = new ComponentSchemas();
    assert.equal(resolveType(Number, {}, 't', c).coerce, 'number');
    assert.equal(resolveType(Number, { integer: true }, 't', c).coerce, 'integer');
    assert.equal(resolveType(Boolean, {}, 't', c).coerce, 'boolean');
    assert.equal(resolveType(Date, {}, 't', c).coerce, 'date');
    assert.equal(resolveType(undefined, { type: [String] }, 't', c).coerce, 'string');
    assert.equal(resolveType(Address, {}, 't', c).coerce, undefined);
  });

  describe('errors', () => {
    it('refuses two different classes with one name (SCHEMA_NAME_COLLISION)', () => {
      const make = () => {
        class Twin {
          @Prop() a!: string;
        }
        return Twin;
      };
      const c = new ComponentSchemas();
      resolveType(make(), {}, 'first', c);
      throwsCode(() => resolveType(make(), {}, 'Svc.second', c), ConfigError, 'SCHEMA_NAME_COLLISION', 'Twin', 'Svc.second');
    });

    it('refuses an array property without an element type, naming Class.prop (UNTYPED_ARRAY)', () => {
      class Bag {
        @Prop() items!: string[];
      }
      throwsCode(() => resolveType(Bag, {}, 'x', new ComponentSchemas()), ConfigError, 'UNTYPED_ARRAY', 'Bag.items');
    });

    it('refuses a property reflection sees as Object without a type (UNTYPED_VALUE)', () => {
      class Bag {
        @Prop() meta!: Record<string, string>;
      }
      throwsCode(() => resolveType(Bag, {}, 'x', new ComponentSchemas()), ConfigError, 'UNTYPED_VALUE', 'Bag.meta');
    });

    it('refuses a DTO without @Prop fields (DTO_WITHOUT_PROPS)', () => {
      class Empty {
        a!: string;
      }
      throwsCode(
        () => resolveType(Empty, {}, 'Svc.m parameter #0', new ComponentSchemas()),
        ConfigError,
        'DTO_WITHOUT_PROPS',
        'Empty',
        'Svc.m',
      );
    });

    it('refuses a pattern the validator could not compile (INVALID_PATTERN), for a value and for array items', () => {
      throwsCode(() => resolveType(String, { pattern: '(' }, 'X.y', new ComponentSchemas()), ConfigError, 'INVALID_PATTERN', 'X.y', '"("');
      // valid as /\-/ without flags, not in the Unicode mode the validator uses
      throwsCode(
        () => resolveType(undefined, { type: [String], pattern: new RegExp('\\-') }, 'X.z', new ComponentSchemas()),
        ConfigError,
        'INVALID_PATTERN',
        'X.z',
      );
      assert.equal(resolveType(String, { pattern: /^\p{L}+$/u }, 'X.y', new ComponentSchemas()).schema.pattern, '^\\p{L}+$');
    });

    it('refuses built-ins without a JSON form and unknown kind names (UNSUPPORTED_TYPE)', () => {
      throwsCode(() => resolveType(Map, {}, 'X.y', new ComponentSchemas()), ConfigError, 'UNSUPPORTED_TYPE', 'X.y', 'Map');
      throwsCode(
        () => resolveType(undefined, { type: 'float' as 'number' }, 'X.y', new ComponentSchemas()),
        ConfigError,
        'UNSUPPORTED_TYPE',
        'float',
      );
      throwsCode(
        () => resolveType(undefined, { type: [String, Number] as unknown as [StringConstructor] }, 'X.y', new ComponentSchemas()),
        ConfigError,
        'UNSUPPORTED_TYPE',
        'one element',
      );
    });
  });
});
