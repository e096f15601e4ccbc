import assert from 'node:assert/strict';
import { ConfigError } from '../../lib/errors';
import { Container, Inject, Injectable, InjectionToken } from '../../lib/container';
import { isCode, throwsCode } from '../support/errors';

// ── fixtures: a small application graph ──
@Injectable()
class Database {
  static built = 0;
  constructor() {
    Database.built++;
  }
}

@Injectable()
class UserRepo {
  constructor(readonly db: Database) {}
}

@Injectable()
class AuditLog {
  constructor(readonly db: Database) {}
}

@Injectable()
class UserService {
  constructor(
    readonly repo: UserRepo,
    readonly audit: AuditLog,
  ) {}
}

interface Settings {
  url: string;
}
const SETTINGS = new InjectionToken<Settings>('SETTINGS');
const CLOCK = Symbol('clock');

@Injectable()
class Configured {
  constructor(
    @Inject('DB_URL') readonly url: string,
    @Inject(CLOCK) readonly clock: () => number,
    @Inject(SETTINGS) readonly settings: Settings,
  ) {}
}

/** A stand-in for another helper's decorator: any class decorator makes tsc emit design:paramtypes. */
function Service(): ClassDecorator {
  return () => undefined;
}

@Service()
class DecoratedByService {
  constructor(readonly repo: UserRepo) {}
}

@Injectable()
class NeedsMissing {
  constructor(@Inject('API_KEY') readonly key: string) {}
}
@Injectable()
class Middle {
  constructor(readonly inner: NeedsMissing) {}
}
@Injectable()
class Top {
  constructor(readonly middle: Middle) {}
}

@Injectable()
class NeedsInterface {
  constructor(readonly settings: Settings) {}
}

class Undecorated {
  constructor(readonly db: Database) {}
}

class NoArgs {
  readonly ok = true;
}

/** A contract whose methods are meant to be served remotely. */
@Injectable()
class UserContract {
  getUser(): string {
    throw new Error('not implemented');
  }
}
@Injectable()
class UsesContract {
  constructor(readonly users: UserContract) {}
}

describe('container', () => {
  it('builds a dependency tree from constructor types', () => {
    const service = new Container().get(UserService);
    assert.ok(service instanceof UserService);
    assert.ok(service.repo instanceof UserRepo);
    assert.ok(service.audit.db instanceof Database);
  });

  it('makes every dependency a singleton within one container', () => {
    const before = Database.built;
    const container = new Container();
    const service = container.get(UserService);
    assert.equal(service.repo.db, service.audit.db);
    assert.equal(container.get(UserService), service);
    assert.equal(Database.built - before, 1);
    assert.notEqual(new Container().get(UserService), service);
  });

  it('injects string, symbol and InjectionToken providers through @Inject', () => {
    const clock = (): number => 42;
    const container = new Container()
      .register('DB_URL', { useValue: 'postgres://db' })
      .register(CLOCK, { useValue: clock })
      .register(SETTINGS, { useFactory: (url: string) => ({ url }), inject: ['DB_URL'] });
    const c = container.get(Configured);
    assert.equal(c.url, 'postgres://db');
    assert.equal(c.clock, clock);
    assert.deepEqual(c.settings, { url: 'postgres://db' });
    const typed: Settings = container.get(SETTINGS);
    assert.equal(typed, c.settings);
  });

  it('honours useClass and useValue for class tokens', () => {
    class FakeDatabase extends Database {}
    const container = new Container().register(Database, { useClass: FakeDatabase });
    assert.ok(container.get(UserRepo).db instanceof FakeDatabase);
    const db = new Database();
    assert.equal(new Container().register(Database, { useValue: db }).get(UserRepo).db, db);
  });

  it('builds classes decorated by another decorator than @Injectable', () => {
    assert.ok(new Container().get(DecoratedByService).repo instanceof UserRepo);
  });

  it('builds classes without constructor parameters with no decorator at all', () => {
    assert.equal(new Container().get(NoArgs).ok, true);
  });

  it('offers itself as a dependency', () => {
    const container = new Container();
    assert.equal(container.get(Container), container);
  });

  it('names the class, parameter index, token and whole path when a dependency is missing', () => {
    throwsCode(
      () => new Container().get(Top),
      ConfigError,
      'MISSING_DEPENDENCY',
      'no provider for "API_KEY"',
      '(path: Top → Middle → NeedsMissing → parameter #0 ("API_KEY"))',
    );
  });

  it('tells to use @Inject when a parameter is typed by an interface', () => {
    throwsCode(
      () => new Container().get(NeedsInterface),
      ConfigError,
      'MISSING_DEPENDENCY',
      'parameter #0 of NeedsInterface has no injectable type (reflected as Object)',
      'add @Inject(token)',
    );
  });

  it('points at a circular import when a parameter type is reflected as undefined', () => {
    class Late {
      constructor(readonly other: unknown) {}
    }
    // What tsc emits when the parameter's class was not yet defined (import cycle).
    Reflect.defineMetadata('design:paramtypes', [undefined], Late);
    assert.throws(
      () => new Container().get(Late),
      /parameter #0 of Late has no injectable type \(reflected as undefined \(often a circular import\)\).*@Inject\(token\)/s,
    );
  });

  it('tells to decorate a class whose constructor types are invisible', () => {
    assert.throws(
      () => new Container().get(Undecorated),
      /cannot see the constructor parameter types of Undecorated: decorate the class with @Injectable\(\)/,
    );
  });

  it('names the cycle of a circular dependency', () => {
    // Classes referring to each other: wire the cycle through @Inject with forward references.
    @Injectable()
    class Chicken {
      constructor(@Inject('Egg') readonly egg: unknown) {}
    }
    @Injectable()
    class Egg {
      constructor(readonly chicken: Chicken) {}
    }
    const container = new Container().register('Egg', { useClass: Egg });
    throwsCode(() => container.get(Chicken), ConfigError, 'CIRCULAR_DEPENDENCY', 'circular dependency: Chicken → "Egg" → Chicken');
  });

  it('asks the fallback before constructing or failing, passing the requesting class', () => {
    const asked: Array<[string, string | undefined]> = [];
    const client = { getUser: () => 'remote user' };
    const container = new Container().setFallback((token, requestedBy) => {
      asked.push([String(typeof token === 'function' ? token.name : token), requestedBy?.name]);
      if (token === UserContract) return client;
      if (token === 'API_KEY') return 'k-123';
      return undefined;
    });
    assert.equal(container.get(UsesContract).users, client);
    assert.equal(container.get(UsesContract).users.getUser(), 'remote user');
    assert.equal(container.get(NeedsMissing).key, 'k-123');
    assert.deepEqual(asked, [
      ['UsesContract', undefined],
      ['UserContract', 'UsesContract'],
      ['NeedsMissing', undefined],
      ['API_KEY', 'NeedsMissing'],
    ]);
  });

  it('lets registered providers win over the fallback', () => {
    const container = new Container()
      .register('API_KEY', { useValue: 'registered' })
      .setFallback((token) => (token === 'API_KEY' ? 'fallback' : undefined));
    assert.equal(container.get(NeedsMissing).key, 'registered');
  });

  it('lists built instances in creation order', () => {
    const container = new Container();
    const service = container.get(UserService);
    assert.deepEqual(container.instances(), [service.repo.db, service.repo, service.audit, service]);
  });

  it('tells what a token was built with, however deep, cached singletons and factory arguments included', () => {
    const container = new Container().register('REPORT', { useFactory: (audit: AuditLog) => audit, inject: [AuditLog] });
    container.get(UserService);
    container.get('REPORT'); // AuditLog is a cached singleton by now: the edge is still recorded
    assert.equal(
      container.reaches(UserService, (t) => t === Database),
      true,
    );
    assert.equal(
      container.reaches('REPORT', (t) => t === Database),
      true,
    );
    assert.equal(
      container.reaches(UserRepo, (t) => t === AuditLog),
      false,
    );
    assert.equal(
      container.reaches(Database, () => true),
      false,
      'built with nothing',
    );
    assert.equal(
      container.reaches(Top, () => true),
      false,
      'never built here',
    );
  });

  it('rejects a provider without useValue, useClass or useFactory', () => {
    assert.throws(() => new Container().register('X', {} as never), isCode(ConfigError, 'INVALID_PROVIDER'));
  });
});
