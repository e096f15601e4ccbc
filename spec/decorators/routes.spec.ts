import assert from 'node:assert/strict';
import { ConfigError } from '../../lib/errors';
import { describeService } from '../../lib/decorators/describe';
import { Prop } from '../../lib/decorators/prop';
import { Get, Post } from '../../lib/decorators/routes';
import { Service, unregisterService } from '../../lib/decorators/service';
import { isCode } from '../support/errors';

const nothing = async (): Promise<never> => {
  throw new Error('not implemented');
};

class Item {
  @Prop() name!: string;
}

@Service('returns')
class Returns {
  @Get('/s', { returns: String }) async s(): Promise<string> {
    return nothing();
  }
  @Get('/n', { returns: Number }) async n(): Promise<number> {
    return nothing();
  }
  @Get('/i', { returns: 'integer' }) async i(): Promise<number> {
    return nothing();
  }
  @Get('/b', { returns: Boolean }) async b(): Promise<boolean> {
    return nothing();
  }
  @Get('/d', { returns: Date }) async d(): Promise<Date> {
    return nothing();
  }
  @Get('/o', { returns: Object }) async o(): Promise<object> {
    return nothing();
  }
  @Get('/j', { returns: { type: 'string', format: 'uuid' } }) async j(): Promise<string> {
    return nothing();
  }
  @Get('/l', { returns: [Item] }) async l(): Promise<Item[]> {
    return nothing();
  }
  @Post({ returns: Item }) async postItem(): Promise<Item> {
    return nothing();
  }
}
unregisterService(Returns);

describe('route decorators', () => {
  it('turn every kind of returns into the 200 schema', () => {
    const schemas = Object.fromEntries(describeService(Returns).routes.map((r) => [r.operationId, r.response.schema]));
    assert.deepEqual(schemas, {
      s: { type: 'string' },
      n: { type: 'number' },
      i: { type: 'integer' },
      b: { type: 'boolean' },
      d: { type: 'string', format: 'date-time' },
      o: { type: 'object' },
      j: { type: 'string', format: 'uuid' },
      l: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
      postItem: { $ref: '#/components/schemas/Item' },
    });
  });

  it('accept options in place of the path, keeping the convention', () => {
    const r = describeService(Returns).routes.find((x) => x.operationId === 'postItem');
    assert.deepEqual([r?.method, r?.path], ['POST', '/item']);
  });

  it('refuse a static method (STATIC_ROUTE)', () => {
    assert.throws(
      () => {
        class S {
          @Get('/x') static x(): void {}
        }
        return S;
      },
      isCode(ConfigError, 'STATIC_ROUTE', 'S.x'),
    );
  });

  it('refuse a symbol-named method (SYMBOL_ROUTE)', () => {
    const key = Symbol('k');
    assert.throws(
      () => {
        class S {
          @Get('/x') [key](): void {}
        }
        return S;
      },
      isCode(ConfigError, 'SYMBOL_ROUTE'),
    );
  });

  it('refuse returns: Array without an element type (UNTYPED_ARRAY)', () => {
    @Service('bad')
    class Bad {
      @Get('/y', { returns: Array as unknown as StringConstructor }) async y(): Promise<void> {
        return nothing();
      }
    }
    unregisterService(Bad);
    assert.throws(() => describeService(Bad), isCode(ConfigError, 'UNTYPED_ARRAY', 'Bad.y returns'));
  });
});

describe('@Prop', () => {
  it('refuses a static property (BAD_PROP)', () => {
    assert.throws(
      () => {
        class S {
          @Prop() static x: string;
        }
        return S;
      },
      isCode(ConfigError, 'BAD_PROP'),
    );
  });
});
