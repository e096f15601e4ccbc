import assert from 'node:assert/strict';
import { Column, DataConfigError, ForeignKey, Index, Table, describeEntity, type DataConfigErrorCode } from '../../../lib/data';
import { throwsCode } from '../../support/errors';

function rejects(make: () => unknown, code: DataConfigErrorCode, message: RegExp): void {
  throwsCode(make, DataConfigError, code, message);
}

class WithId {
  @Column({ pk: true, auto: true }) id!: number;
  @Column({ defaultNow: true, onUpdateNow: true }) updatedAt!: Date;
}

@Table()
@Index(['userId', 'createdAt desc'])
class OrderLine extends WithId {
  @Column() userId!: number;
  @Column() item!: string;
  @Column() paid!: boolean;
  @Column() createdAt!: Date;
  @Column() big!: bigint;
  @Column() blob!: Buffer;
  @Column({ type: 'json', nullable: true }) meta!: unknown;
  @Column({ type: String, nullable: true, length: 40 }) note!: string | null;
  @Column({ name: 'legacy_code', unique: true, length: 12 }) code!: string;
}

@Table('authors')
class Author {
  @Column({ pk: true, auto: true }) id!: number;
  @Column({ nullable: true, type: Number }) favouriteBookId!: number | null;
  @Column({ nullable: true, type: Number }) mentorId!: number | null;
}

@Table('books')
@ForeignKey(['authorId'], () => Author, { onDelete: 'cascade' })
class Book {
  @Column({ pk: true, auto: true }) id!: number;
  @Column() authorId!: number;
}

// books ↔ authors reference each other, and authors reference themselves
ForeignKey(['favouriteBookId'], () => Book, { onDelete: 'set null' })(Author);
ForeignKey(['mentorId'], () => Author)(Author);

describe('data/entity/describe-entity', () => {
  describe('a valid entity', () => {
    const d = describeEntity(OrderLine);

    it('names the table and columns in snake_case unless told otherwise, base-class columns first', () => {
      assert.equal(d.table.name, 'order_line');
      assert.deepEqual(
        d.table.columns.map((c) => c.name),
        ['id', 'updated_at', 'user_id', 'item', 'paid', 'created_at', 'big', 'blob', 'meta', 'note', 'legacy_code'],
      );
      assert.equal(d.byProperty.get('code')?.name, 'legacy_code');
      assert.equal(d.byProperty.get('id')?.declaredBy, 'WithId');
    });

    it('gives each TS type its default column type', () => {
      const types = Object.fromEntries(d.table.columns.map((c) => [c.property, [c.js, c.type]]));
      assert.deepEqual(types.item, ['string', { name: 'varchar', length: 255 }]);
      assert.deepEqual(types.userId, ['number', { name: 'int' }]);
      assert.deepEqual(types.paid, ['boolean', { name: 'boolean' }]);
      assert.deepEqual(types.createdAt, ['date', { name: 'datetime', precision: 3 }]);
      assert.deepEqual(types.big, ['bigint', { name: 'bigint' }]);
      assert.deepEqual(types.blob, ['buffer', { name: 'blob' }]);
      assert.deepEqual(types.meta, ['json', { name: 'json' }]);
      assert.deepEqual(types.note, ['string', { name: 'varchar', length: 40 }]);
    });

    it('reads keys, nullability, defaults and the update timestamp', () => {
      assert.deepEqual(d.table.primaryKey, ['id']);
      assert.deepEqual(
        d.primaryKey.map((c) => c.property),
        ['id'],
      );
      assert.equal(d.byProperty.get('id')?.autoIncrement, true);
      assert.equal(d.byProperty.get('note')?.nullable, true);
      assert.equal(d.byProperty.get('item')?.nullable, false);
      assert.deepEqual(d.byProperty.get('updatedAt')?.default, { kind: 'now' });
      assert.equal(d.byProperty.get('updatedAt')?.onUpdateNow, true);
    });

    it('names indexes after the table and columns: idx_… for @Index, uq_… for unique columns', () => {
      assert.deepEqual(d.table.indexes, [
        { name: 'uq_order_line_legacy_code', unique: true, columns: [{ name: 'legacy_code', desc: false }] },
        {
          name: 'idx_order_line_user_id_created_at',
          unique: false,
          columns: [
            { name: 'user_id', desc: false },
            { name: 'created_at', desc: true },
          ],
        },
      ]);
    });

    it('is frozen and described once', () => {
      assert.ok(Object.isFrozen(d.table.columns[0]));
      assert.equal(describeEntity(OrderLine), d);
    });
  });

  describe('foreign keys', () => {
    it("references the target's primary key by default, with the rules given", () => {
      assert.deepEqual(describeEntity(Book).table.foreignKeys, [
        {
          name: 'fk_books_author_id',
          columns: ['author_id'],
          referencedTable: 'authors',
          referencedColumns: ['id'],
          onDelete: 'cascade',
          onUpdate: 'no action',
        },
      ]);
    });

    it('resolves entities that reference each other, and themselves', () => {
      assert.deepEqual(
        describeEntity(Author)
          .table.foreignKeys.map((f) => [f.name, f.referencedTable, f.onDelete])
          .sort(),
        [
          ['fk_authors_favourite_book_id', 'books', 'set null'],
          ['fk_authors_mentor_id', 'authors', 'no action'],
        ],
      );
    });

    it('refuses a key whose column type differs from the referenced one, naming both', () => {
      @Table('t_fk_types')
      @ForeignKey(['authorId'], () => Author)
      class Bad {
        @Column({ pk: true }) id!: number;
        @Column({ type: 'bigint' }) authorId!: number;
      }
      rejects(() => describeEntity(Bad), 'FOREIGN_KEY_INVALID', /Bad\.authorId is bigint but references Author\.id, which is int/);
    });

    it('needs the referenced column names when the target is a table name', () => {
      @Table('t_fk_name')
      @ForeignKey(['ref'], 'elsewhere')
      class Bad {
        @Column({ pk: true }) ref!: number;
      }
      rejects(() => describeEntity(Bad), 'FOREIGN_KEY_INVALID', /Bad: a foreign key to the table 'elsewhere' needs referencedColumns/);
    });
  });

  describe('start-up errors name the class and property', () => {
    it('a nullable union without a type (reflection sees Object)', () => {
      @Table('t1')
      class T {
        @Column({ nullable: true }) note!: string | null;
      }
      rejects(() => describeEntity(T), 'COLUMN_TYPE_UNKNOWN', /^T\.note: reflection saw Object .* \{ type: String \}/);
    });

    it('a property type the column type cannot hold', () => {
      @Table('t2')
      class T {
        @Column({ type: 'varchar' }) count!: number;
      }
      rejects(() => describeEntity(T), 'COLUMN_TYPE_MISMATCH', /^T\.count: a number property cannot be stored in a varchar column/);
    });

    it('a length on a number, a bad precision', () => {
      @Table('t3')
      class T {
        @Column({ length: 10 }) n!: number;
      }
      rejects(() => describeEntity(T), 'COLUMN_SIZE_INVALID', /^T\.n: length applies to varchar\/char, not int/);
      @Table('t3b')
      class U {
        @Column({ precision: 9 }) at!: Date;
      }
      rejects(() => describeEntity(U), 'COLUMN_SIZE_INVALID', /^U\.at: fractional seconds go up to 6 digits/);
    });

    it('auto on a non-integer column, a nullable primary key', () => {
      @Table('t4')
      class T {
        @Column({ pk: true, auto: true }) code!: string;
      }
      rejects(() => describeEntity(T), 'AUTO_NOT_INTEGER', /^T\.code: auto applies to integer columns \(it is varchar\(255\)\)/);
      @Table('t4b')
      class U {
        @Column({ pk: true, nullable: true, type: Number }) id!: number | null;
      }
      rejects(() => describeEntity(U), 'NULLABLE_PRIMARY_KEY', /^U\.id: a primary-key column cannot be nullable/);
    });

    it('two defaults, or a default that does not fit', () => {
      @Table('t5')
      class T {
        @Column({ default: 1, defaultSql: '2' }) n!: number;
      }
      rejects(() => describeEntity(T), 'COLUMN_DEFAULT_CONFLICT', /^T\.n: give one of default, defaultNow and defaultSql/);
      @Table('t5b')
      class U {
        @Column({ default: 'x' }) n!: number;
      }
      rejects(() => describeEntity(U), 'COLUMN_DEFAULT_CONFLICT', /^U\.n: default "x" does not fit a number column/);
      @Table('t5c')
      class V {
        @Column({ defaultNow: true }) s!: string;
      }
      rejects(() => describeEntity(V), 'COLUMN_DEFAULT_CONFLICT', /^V\.s: defaultNow needs a Date column/);
    });

    it('an index over a property that is not a column, or two indexes with one name', () => {
      @Table('t6')
      @Index(['nmae'])
      class T {
        @Column() name!: string;
      }
      rejects(() => describeEntity(T), 'UNKNOWN_COLUMN', /^T: an index names 'nmae', which is not a @Column property \(name\)/);
      @Table('t6b')
      @Index('same', ['a'])
      @Index('same', ['b'])
      class U {
        @Column() a!: string;
        @Column() b!: string;
      }
      rejects(() => describeEntity(U), 'DUPLICATE_INDEX', /^U: two indexes are named same/);
    });

    it('a class without @Table, without columns, or with two properties on one column', () => {
      class Plain {
        @Column() a!: string;
      }
      rejects(() => describeEntity(Plain), 'NOT_AN_ENTITY', /^Plain is not an entity: decorate it with @Table/);
      class Sub extends OrderLine {}
      rejects(() => describeEntity(Sub), 'NOT_AN_ENTITY', /^Sub extends the entity OrderLine but has no @Table of its own/);
      @Table('t7')
      class Empty {}
      rejects(() => describeEntity(Empty), 'ENTITY_WITHOUT_COLUMNS', /^Empty has no @Column\(\) properties/);
      @Table('t7b')
      class Twice {
        @Column() userId!: number;
        @Column({ name: 'user_id' }) other!: number;
      }
      rejects(() => describeEntity(Twice), 'DUPLICATE_COLUMN', /^Twice\.other and Twice\.userId are both column user_id/);
    });

    it('a name that is not a portable identifier', () => {
      @Table('bad table')
      class T {
        @Column() a!: string;
      }
      rejects(() => describeEntity(T), 'INVALID_IDENTIFIER', /^T: table name 'bad table' is not a valid identifier/);
      @Table('t8')
      class U {
        @Column({ name: 'a;drop' }) a!: string;
      }
      rejects(() => describeEntity(U), 'INVALID_IDENTIFIER', /^U\.a: column name 'a;drop' is not a valid identifier/);
    });

    it('@Column on a static property fails at once', () => {
      assert.throws(() => Column()(Author, 'x'), {
        code: 'BAD_COLUMN',
        message: /@Column on Author\.x: only string-named instance properties/,
      });
    });
  });
});
