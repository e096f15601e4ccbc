import { Prop } from '../../lib';

export class NewOrder {
  @Prop({ integer: true, minimum: 1, description: 'Id of a user of usersvc' })
  userId!: number;

  @Prop({ minLength: 1, maxLength: 100 })
  item!: string;

  @Prop({ integer: true, minimum: 1, maximum: 1000 })
  quantity!: number;
}

export class Order {
  @Prop({ integer: true })
  id!: number;

  @Prop({ integer: true })
  userId!: number;

  @Prop({ description: 'Name of the user, looked up in usersvc when the order is read' })
  userName!: string;

  @Prop()
  item!: string;

  @Prop({ integer: true })
  quantity!: number;

  @Prop({ format: 'date-time' })
  createdAt!: Date;
}
