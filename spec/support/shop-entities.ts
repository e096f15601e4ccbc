/** Entities the data-layer specs share: customers with orders, and a table with a composite key. */
import { Column, ForeignKey, Table } from '../../lib';

export class Stamped {
  @Column({ pk: true, auto: true }) id!: number;
  @Column({ defaultNow: true }) createdAt!: Date;
  @Column({ defaultNow: true, onUpdateNow: true }) updatedAt!: Date;
}

@Table('customers')
export class Customer extends Stamped {
  @Column({ length: 120, unique: true }) email!: string;
  @Column({ length: 64 }) name!: string;
  @Column({ default: 0 }) credits!: number;
  @Column({ type: String, nullable: true }) note!: string | null;
  @Column({ default: true }) active!: boolean;
  @Column({ type: 'json', nullable: true }) prefs!: unknown;
  @Column({ type: 'decimal', precision: 10, scale: 2, default: 0 }) balance!: string;
  @Column({ type: Date, nullable: true, precision: 3 }) lastSeen!: Date | null;
}

@Table('orders')
@ForeignKey(['customerId'], () => Customer, { onDelete: 'cascade' })
export class Order extends Stamped {
  @Column() customerId!: number;
  @Column({ length: 100 }) item!: string;
  @Column({ default: 1 }) quantity!: number;
}

@Table('pairs')
export class Pair {
  @Column({ pk: true }) a!: number;
  @Column({ pk: true, length: 10 }) b!: string;
  @Column({ length: 20 }) v!: string;
}

export const SHOP = [Customer, Order, Pair];
