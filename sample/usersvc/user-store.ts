import type { NewUser, PageQuery, User, UserPage } from './dto';

/**
 * Users every store starts with, so that in the sample cluster (two usersvc instances, each with its own
 * memory) the order service reads the same user whichever instance answers.
 */
export const DEMO_USERS: readonly NewUser[] = [
  { name: 'Ada Lovelace', email: 'ada@example.com' },
  { name: 'Alan Turing', email: 'alan@example.com' },
  { name: 'Grace Hopper', email: 'grace@example.com' },
];
export const DEMO_CREATED_AT = new Date('2024-01-01T00:00:00Z');

/**
 * Where the user service keeps its users: memory (MemoryUserStore, the default) or a database
 * (DatabaseUserStore, with GDD_DB_DRIVER set). Both behave the same; the service does not know which.
 */
export abstract class UserStore {
  /** Users whose name contains `query.name` (ignoring case), in id order. */
  abstract page(query: PageQuery): Promise<UserPage>;
  abstract get(id: number): Promise<User | undefined>;
  abstract create(input: NewUser): Promise<User>;
  /** Replaces name and email (an email left out is removed); undefined when there is no such user. */
  abstract replace(id: number, input: NewUser): Promise<User | undefined>;
  abstract delete(id: number): Promise<boolean>;
}

/** An in-memory user table. Each instance has its own, so users created on one instance exist only there. */
export class MemoryUserStore extends UserStore {
  private readonly users = new Map<number, User>();
  private nextId = 1;

  constructor() {
    super();
    for (const u of DEMO_USERS) this.add(u, DEMO_CREATED_AT);
  }

  async page(query: PageQuery): Promise<UserPage> {
    const needle = query.name?.toLowerCase();
    const all = [...this.users.values()].filter((u) => needle === undefined || u.name.toLowerCase().includes(needle));
    const start = (query.page - 1) * query.size;
    const items = all.slice(start, start + query.size);
    return { items, total: all.length, page: query.page, size: query.size, hasNext: start + items.length < all.length };
  }

  async get(id: number): Promise<User | undefined> {
    return this.users.get(id);
  }

  async create(input: NewUser): Promise<User> {
    return this.add(input, new Date());
  }

  async replace(id: number, input: NewUser): Promise<User | undefined> {
    const old = this.users.get(id);
    if (!old) return undefined;
    const user: User = { ...old, name: input.name, email: input.email };
    this.users.set(id, user);
    return user;
  }

  async delete(id: number): Promise<boolean> {
    return this.users.delete(id);
  }

  private add(input: NewUser, createdAt: Date): User {
    const user: User = { id: this.nextId++, name: input.name, email: input.email, createdAt };
    this.users.set(user.id, user);
    return user;
  }
}
