import { Injectable } from '../../lib';
import type { NewUser, User } from './dto';

/**
 * Users every instance starts with, so that in the sample cluster (two usersvc instances, each with
 * its own memory) the order service reads the same user whichever instance answers.
 */
const DEMO_USERS: readonly NewUser[] = [
  { name: 'Ada Lovelace', email: 'ada@example.com' },
  { name: 'Alan Turing', email: 'alan@example.com' },
  { name: 'Grace Hopper', email: 'grace@example.com' },
];
const DEMO_CREATED_AT = new Date('2024-01-01T00:00:00Z');

/**
 * An in-memory user table: what a repository over a database would be in a real service. Each
 * instance has its own, so users created on one instance exist only there.
 */
@Injectable()
export class UserStore {
  private readonly users = new Map<number, User>();
  private nextId = 1;

  constructor() {
    for (const u of DEMO_USERS) this.create(u, DEMO_CREATED_AT);
  }

  list(filter: { name?: string }): User[] {
    const all = [...this.users.values()];
    return filter.name ? all.filter((u) => u.name.includes(filter.name as string)) : all;
  }

  get(id: number): User | undefined {
    return this.users.get(id);
  }

  create(input: NewUser, createdAt = new Date()): User {
    const user: User = { id: this.nextId++, name: input.name, email: input.email, createdAt };
    this.users.set(user.id, user);
    return user;
  }

  replace(id: number, input: NewUser): User | undefined {
    const old = this.users.get(id);
    if (!old) return undefined;
    const user: User = { ...old, name: input.name, email: input.email };
    this.users.set(id, user);
    return user;
  }

  delete(id: number): boolean {
    return this.users.delete(id);
  }
}
