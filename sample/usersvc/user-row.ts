import { Column, Table } from '../../lib';

/** The users table, when the user service runs on a database (GDD_DB_DRIVER=mysql|postgres). */
@Table('users')
export class UserRow {
  @Column({ pk: true, auto: true })
  id!: number;

  @Column({ length: 64 })
  name!: string;

  @Column({ type: String, length: 120, nullable: true })
  email!: string | null;

  @Column({ defaultNow: true })
  createdAt!: Date;
}
