import { Prop } from '../../lib';

export class User {
  @Prop({ integer: true, minimum: 1, description: 'Assigned by the service' })
  id!: number;

  @Prop({ minLength: 1, maxLength: 64 })
  name!: string;

  @Prop({ optional: true, format: 'email' })
  email?: string;

  @Prop({ format: 'date-time' })
  createdAt!: Date;
}

export class NewUser {
  @Prop({ minLength: 1, maxLength: 64 })
  name!: string;

  @Prop({ optional: true, format: 'email' })
  email?: string;
}

export class PageQuery {
  @Prop({ integer: true, minimum: 1, default: 1 })
  page!: number;

  @Prop({ integer: true, minimum: 1, maximum: 100, default: 10 })
  size!: number;

  @Prop({ optional: true, maxLength: 64, description: 'Only users whose name contains this text' })
  name?: string;
}

export class UserPage {
  @Prop({ type: [User] })
  items!: User[];

  @Prop({ integer: true })
  total!: number;

  @Prop({ integer: true })
  page!: number;

  @Prop({ integer: true })
  size!: number;

  @Prop()
  hasNext!: boolean;
}

export class UploadResult {
  @Prop()
  fileName!: string;

  @Prop({ integer: true })
  size!: number;

  @Prop({ optional: true })
  note?: string;
}
