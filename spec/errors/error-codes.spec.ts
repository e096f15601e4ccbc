import assert from 'node:assert/strict';
import { ConfigError, DoudouError, defineErrorCodes, type CodeOf } from '../../lib/errors';

const ShopErrorCodes = defineErrorCodes('data', 'ShopError', {
  OUT_OF_STOCK: { status: 409, meaning: 'No item left.' },
  BAD_SKU: { meaning: 'A SKU that is not one.', thrownBy: 'BadSkuError' },
});
type ShopErrorCode = CodeOf<typeof ShopErrorCodes>;
class ShopError extends DoudouError<ShopErrorCode> {}
class ShopConfigError extends ConfigError<ShopErrorCode> {}

describe('errors/error-codes: a registry of codes', () => {
  it('answers the status of a code, and whether a string is one of its codes', () => {
    assert.equal(ShopErrorCodes.statusOf('OUT_OF_STOCK'), 409);
    assert.equal(ShopErrorCodes.has('BAD_SKU'), true);
    assert.equal(ShopErrorCodes.has('toString'), false);
    assert.equal(ShopErrorCodes.has('NOPE'), false);
  });

  it('exposes each code as a property whose value is the code', () => {
    assert.equal(ShopErrorCodes.OUT_OF_STOCK, 'OUT_OF_STOCK');
    assert.equal(ShopErrorCodes.BAD_SKU, 'BAD_SKU');
  });

  it('lists its entries with the class that raises each (its own class unless thrownBy says otherwise)', () => {
    assert.deepEqual(
      ShopErrorCodes.entries().map((e) => [e.area, e.code, e.errorClass, e.status]),
      [
        ['data', 'OUT_OF_STOCK', 'ShopError', 409],
        ['data', 'BAD_SKU', 'BadSkuError', undefined],
      ],
    );
  });

  it('is frozen, table included', () => {
    assert.ok(Object.isFrozen(ShopErrorCodes));
    assert.ok(Object.isFrozen(ShopErrorCodes.table));
    assert.throws(() => {
      (ShopErrorCodes.table as Record<string, unknown>).NEW = { meaning: 'x' };
    }, TypeError);
  });
});

describe('errors/doudou-error: the one base', () => {
  it('names the error by its class, keeps the code and passes the ES2022 cause on', () => {
    const cause = new Error('socket hang up');
    const err = new ShopError('OUT_OF_STOCK', 'sku 42 is sold out', { cause });
    assert.ok(err instanceof DoudouError && err instanceof Error);
    assert.deepEqual([err.name, err.code, err.message, err.cause], ['ShopError', 'OUT_OF_STOCK', 'sku 42 is sold out', cause]);
    assert.equal(Object.getOwnPropertyDescriptor(err, 'cause')?.enumerable, false, 'cause is not enumerable, as in Error');
    assert.match(err.stack ?? '', /^ShopError: sku 42 is sold out/);
  });

  it("lets an area's start-up errors be ConfigErrors with the area's own codes", () => {
    const err = new ShopConfigError('BAD_SKU', 'SKU_PREFIX is empty');
    assert.ok(err instanceof ConfigError && err instanceof DoudouError);
    assert.deepEqual([err.name, err.code], ['ShopConfigError', 'BAD_SKU']);
    assert.equal('cause' in err, false, 'no cause unless one is given');
  });
});
