import assert from 'node:assert/strict';
import { crudModel } from '../../../../lib/data/codegen/crud/crud-model';
import type { TableModel } from '../../../../lib/data';

const table = (over: Partial<TableModel>): TableModel => ({
  name: 'order_items',
  columns: [
    { name: 'id', type: { name: 'bigint', unsigned: true }, nullable: false, autoIncrement: true },
    { name: 'item_name', type: { name: 'varchar', length: 40 }, nullable: false, autoIncrement: false },
    {
      name: 'price',
      type: { name: 'decimal', precision: 8, scale: 2 },
      nullable: false,
      autoIncrement: false,
      default: { kind: 'value', value: '0.00' },
    },
    { name: 'meta', type: { name: 'json' }, nullable: true, autoIncrement: false },
  ],
  primaryKey: ['id'],
  indexes: [],
  foreignKeys: [],
  ...over,
});

describe('data/codegen/crud/crud-model', () => {
  it('names the service, its DTOs and routes after the table', () => {
    const m = crudModel(table({}));
    assert.deepEqual(
      [m.name, m.plural, m.path, m.service, m.entity.className],
      ['OrderItem', 'OrderItems', '/order-items', 'order-items', 'OrderItemRow'],
    );
    assert.equal(m.key.property, 'id');
    assert.deepEqual(
      m.fields.map((f) => [f.property, f.tsType, f.generated, f.queryable, f.searchable]),
      [
        ['id', 'number', true, true, false],
        ['itemName', 'string', false, true, true],
        ['price', 'string', true, true, false],
        ['meta', 'unknown', false, false, false],
      ],
    );
    assert.equal(crudModel(table({}), 'items').service, 'items');
  });

  it('refuses tables it cannot serve: no key, a composite key, binary columns', () => {
    assert.throws(() => crudModel(table({ primaryKey: [] })), { code: 'CRUD_NEEDS_SINGLE_KEY', message: /order_items has none/ });
    assert.throws(() => crudModel(table({ primaryKey: ['id', 'item_name'] })), {
      code: 'CRUD_NEEDS_SINGLE_KEY',
      message: /\(id, item_name\)/,
    });
    const withBlob = table({
      columns: [...table({}).columns, { name: 'photo', type: { name: 'blob' }, nullable: true, autoIncrement: false }],
    });
    assert.throws(() => crudModel(withBlob), { code: 'CRUD_BINARY_COLUMN', message: /order_items\.photo/ });
  });
});
