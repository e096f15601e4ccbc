import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { compileTs, tsProjectDir, type CompileResult } from '../../support/compile-ts';

const ENTITY = `
import { Column, Table, type Database } from 'ts-doudou';

@Table('orders')
export class OrderRow {
  @Column({ pk: true, auto: true }) id!: number;
  @Column() userId!: number;
  @Column({ length: 200 }) item!: string;
  @Column({ default: 1 }) quantity!: number;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ defaultNow: true }) createdAt!: Date;
}

export declare const db: Database;
export const orders = db.dao(OrderRow);
`;

/** Valid use: compiles without a single error. */
const VALID = `
import { db, orders, OrderRow } from './entity';

export async function valid(): Promise<number> {
  const created = await orders.insert({ userId: 7, item: 'tea' });
  const n: number = created.quantity;
  const note: string | null = created.note;
  await orders.update(created.id, { quantity: 2, note: null });
  await orders.find({ where: { userId: { in: [7, 8] }, note: null, item: { contains: 'te' } }, orderBy: { createdAt: 'desc' } });
  const page = await orders.page({ page: 1, size: 10, where: { $or: [{ quantity: { gte: 2 } }, { note: { isNull: true } }] } });
  await db.transaction(async (tx) => tx.dao(OrderRow).insert({ userId: 1, item: 'x' }));
  return n + page.total + (note?.length ?? 0);
}
`;

/** TS2322: not assignable; TS2353/TS2561: unknown property in an object literal. */
const NOT_ASSIGNABLE = 2322;
const UNKNOWN_PROPERTY = [2353, 2561];

/** Each misuse, alone in its own file, on the line marked `// ← error`, with the error tsc must give. */
const MISUSES: Record<string, { code: number | number[]; source: string }> = {
  'wrong-insert-type': { code: NOT_ASSIGNABLE, source: `await orders.insert({ userId: 'seven', item: 'tea' }); // ← error` },
  'unknown-insert-field': { code: UNKNOWN_PROPERTY, source: `await orders.insert({ userID: 7, item: 'tea' }); // ← error` },
  'wrong-update-type': { code: NOT_ASSIGNABLE, source: `await orders.update(1, { createdAt: 'yesterday' }); // ← error` },
  'wrong-filter-type': { code: NOT_ASSIGNABLE, source: `await orders.find({ where: { quantity: 'many' } }); // ← error` },
  'unknown-filter-operator': {
    code: UNKNOWN_PROPERTY,
    source: `await orders.find({ where: { quantity: { between: [1, 2] } } }); // ← error`,
  },
  'unknown-sort-field': { code: UNKNOWN_PROPERTY, source: `await orders.find({ orderBy: { nope: 'asc' } }); // ← error` },
  'wrong-sort-direction': { code: NOT_ASSIGNABLE, source: `await orders.find({ orderBy: { id: 'up' } }); // ← error` },
  'wrong-result-type': { code: NOT_ASSIGNABLE, source: `const item: number = (await orders.get(1))!.item; // ← error` },
  'null-where-not-nullable': { code: NOT_ASSIGNABLE, source: `await orders.find({ where: { item: null } }); // ← error` },
};

describe('data/dao/dao-types: the DAO is typed from the entity class', function () {
  this.timeout(120_000); // tsc reads the framework's declarations once
  let project: ReturnType<typeof tsProjectDir>;
  let result: CompileResult;

  before(() => {
    project = tsProjectDir('tsd-dao-types-');
    writeFileSync(path.join(project.dir, 'entity.ts'), ENTITY);
    writeFileSync(path.join(project.dir, 'valid.ts'), VALID);
    for (const [name, { source }] of Object.entries(MISUSES)) {
      writeFileSync(
        path.join(project.dir, `${name}.ts`),
        `import { orders } from './entity';\n\nexport async function misuse(): Promise<void> {\n  ${source}\n}\n`,
      );
    }
    result = compileTs(project.dir);
  });
  after(() => project?.remove());

  it('compiles correct use without errors', () => {
    const own = result.diagnostics.filter((d) => d.file === 'entity.ts' || d.file === 'valid.ts');
    assert.deepEqual(own, []);
  });

  for (const name of Object.keys(MISUSES)) {
    it(`rejects at compile time: ${name.replace(/-/g, ' ')}`, () => {
      const errors = result.diagnostics.filter((d) => d.file === `${name}.ts`);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0].line, 4, `the error is on the marked line: ${errors[0].message}`);
      assert.ok([MISUSES[name].code].flat().includes(errors[0].code), `TS${errors[0].code} ${errors[0].message}`);
    });
  }
});
