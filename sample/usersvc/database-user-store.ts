import { Database, syncSchema } from '../../lib';
import type { NewUser, PageQuery, User, UserPage } from './dto';
import { UserRow } from './user-row';
import { DEMO_CREATED_AT, DEMO_USERS, UserStore } from './user-store';

/** A row as the API shows it: no email is an absent field, as in memory, not `null`. */
function toUser(row: UserRow): User {
  return { id: row.id, name: row.name, createdAt: row.createdAt, ...(row.email !== null ? { email: row.email } : {}) };
}

/**
 * The users table on MySQL/MariaDB or PostgreSQL, through the DAO. At start it creates the table when it
 * is missing (in a deployment `doudou ddl sync` does that) and, when the table is empty, adds the demo users.
 */
export class DatabaseUserStore extends UserStore {
  constructor(private readonly db: Database) {
    super();
  }

  private get users() {
    return this.db.dao(UserRow);
  }

  async onStart(): Promise<void> {
    await syncSchema(this.db, [UserRow]);
    await this.db.transaction(async (tx) => {
      const users = tx.dao(UserRow);
      if ((await users.count()) > 0) return;
      for (const u of DEMO_USERS) await users.insert({ name: u.name, email: u.email ?? null, createdAt: DEMO_CREATED_AT });
    });
  }

  async page(query: PageQuery): Promise<UserPage> {
    const page = await this.users.page({ page: query.page, size: query.size, where: { name: { contains: query.name } } });
    return { ...page, items: page.items.map(toUser) };
  }

  async get(id: number): Promise<User | undefined> {
    const row = await this.users.get(id);
    return row === undefined ? undefined : toUser(row);
  }

  async create(input: NewUser): Promise<User> {
    return toUser(await this.users.insert({ name: input.name, email: input.email ?? null }));
  }

  async replace(id: number, input: NewUser): Promise<User | undefined> {
    const row = await this.users.update(id, { name: input.name, email: input.email ?? null });
    return row === undefined ? undefined : toUser(row);
  }

  async delete(id: number): Promise<boolean> {
    return this.users.delete(id);
  }
}
