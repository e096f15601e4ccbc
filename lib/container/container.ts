/**
 * A small constructor-injection container in the NestJS style: every dependency is a singleton,
 * built on first request from the constructor's `design:paramtypes` (or @Inject tokens).
 * Resolution order for a token: registered provider → fallback hook → (classes) construct it → error.
 * Errors are ConfigErrors that show the whole resolution path, since they surface at start-up.
 */
import 'reflect-metadata';
import { ConfigError } from '../errors';
import { injectedParams, paramTypes } from './decorators';
import { tokenName, type Constructor, type Token } from './tokens';
import type { Class } from '../decorators/class-type';

export type Provider<T> =
  { useValue: T } | { useClass: Constructor<T> } | { useFactory: (...deps: never[]) => T; inject?: readonly Token[] };

/**
 * Consulted for a token that has no provider, before a class is constructed or resolution fails.
 * `requestedBy` is the class whose constructor needs it (undefined for a top-level `get`).
 * Return undefined to decline. Used to inject typed HTTP clients for contract classes.
 */
export type FallbackResolver = (token: Token, requestedBy: Class | undefined) => unknown;

/** Reflected types that say nothing about what to inject (interfaces, primitives, circular imports). */
const OPAQUE_TYPES = new Set<unknown>([undefined, Object, String, Number, Boolean, Symbol, BigInt, Array, Function, Promise, Map, Set]);

interface Frame {
  token: Token;
  /** "parameter #0 (Database)" when this token is a constructor parameter. */
  label: string;
}

export class Container {
  private readonly providers = new Map<Token, Provider<unknown>>();
  private readonly singletons = new Map<Token, unknown>();
  private readonly created: unknown[] = [];
  /** token → the tokens its construction asked for (constructor parameters, factory `inject`). */
  private readonly dependencies = new Map<Token, Set<Token>>();
  private fallback: FallbackResolver | undefined;

  constructor() {
    this.providers.set(Container, { useValue: this });
  }

  register<T>(token: Token<T>, provider: Provider<T>): this {
    if (!('useValue' in provider) && !('useClass' in provider) && !('useFactory' in provider)) {
      throw new ConfigError('INVALID_PROVIDER', `provider for ${tokenName(token)} needs useValue, useClass or useFactory`);
    }
    this.providers.set(token, provider as Provider<unknown>);
    this.singletons.delete(token);
    return this;
  }

  /** True when `get(token)` would not need to construct a class or ask the fallback. */
  has(token: Token): boolean {
    return this.providers.has(token) || this.singletons.has(token);
  }

  setFallback(fallback: FallbackResolver | undefined): this {
    this.fallback = fallback;
    return this;
  }

  get<T>(token: Token<T>): T {
    return this.resolve(token, [], undefined, tokenName(token)) as T;
  }

  /**
   * Does what `from` was built with, directly or through its dependencies' dependencies, include a token
   * that passes `test`? Only what this container resolved counts (a useValue's insides are not seen).
   */
  reaches(from: Token, test: (token: Token) => boolean): boolean {
    const seen = new Set<Token>();
    const pending = [...(this.dependencies.get(from) ?? [])];
    for (let token = pending.pop(); token !== undefined; token = pending.pop()) {
      if (seen.has(token)) continue;
      seen.add(token);
      if (test(token)) return true;
      pending.push(...(this.dependencies.get(token) ?? []));
    }
    return false;
  }

  /** Every instance the container built or was given, in creation order (close them in reverse). */
  instances(): readonly unknown[] {
    return [...this.created];
  }

  private resolve(token: Token, path: Frame[], requestedBy: Class | undefined, label: string): unknown {
    const parent = path.at(-1);
    if (parent !== undefined) {
      const deps = this.dependencies.get(parent.token) ?? new Set<Token>();
      this.dependencies.set(parent.token, deps.add(token));
    }
    if (this.singletons.has(token)) return this.singletons.get(token);
    const cycleStart = path.findIndex((frame) => frame.token === token);
    if (cycleStart >= 0) {
      const cycle = [...path.slice(cycleStart).map((f) => tokenName(f.token)), tokenName(token)].join(' → ');
      throw new ConfigError(
        'CIRCULAR_DEPENDENCY',
        `circular dependency: ${cycle}. Break the cycle, e.g. by injecting a factory or moving shared state into a third class`,
      );
    }
    const here = [...path, { token, label }];
    const instance = this.create(token, here, requestedBy);
    this.singletons.set(token, instance);
    if (!this.created.includes(instance)) this.created.push(instance);
    return instance;
  }

  private create(token: Token, path: Frame[], requestedBy: Class | undefined): unknown {
    const provider = this.providers.get(token);
    if (provider) {
      if ('useValue' in provider) return provider.useValue;
      if ('useClass' in provider) return this.construct(provider.useClass, path);
      const deps = (provider.inject ?? []).map((dep, i) =>
        this.resolve(dep, path, undefined, `factory argument #${i} (${tokenName(dep)})`),
      );
      return (provider.useFactory as (...args: unknown[]) => unknown)(...deps);
    }
    const fromFallback = this.fallback?.(token, requestedBy);
    if (fromFallback !== undefined) return fromFallback;
    if (typeof token === 'function') return this.construct(token as Constructor, path);
    throw new ConfigError(
      'MISSING_DEPENDENCY',
      `no provider for ${tokenName(token)}${describePath(path)}. ` +
        `Provide it: new App({ providers: [{ provide: ${tokenName(token)}, useValue | useClass | useFactory }] })`,
    );
  }

  private construct(cls: Constructor, path: Frame[]): unknown {
    const types = paramTypes(cls);
    const injected = injectedParams(cls);
    const count = Math.max(types?.length ?? 0, cls.length, ...[...injected.keys()].map((i) => i + 1));
    if (types === undefined && cls.length > 0 && injected.size < cls.length) {
      throw new ConfigError(
        'MISSING_DEPENDENCY',
        `cannot see the constructor parameter types of ${cls.name}${describePath(path)}: ` +
          `decorate the class with @Injectable() (or any class decorator such as @Service()) so TypeScript emits them`,
      );
    }
    const args: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const explicit = injected.get(i);
      const reflected = types?.[i];
      const token = explicit ?? reflected;
      if (explicit === undefined && OPAQUE_TYPES.has(reflected)) {
        const seen = reflected === undefined ? 'undefined (often a circular import)' : (reflected as Class).name;
        throw new ConfigError(
          'MISSING_DEPENDENCY',
          `parameter #${i} of ${cls.name} has no injectable type (reflected as ${seen})${describePath([...path, { token: cls, label: `parameter #${i} (${seen.split(' ')[0]})` }])}. ` +
            `Interfaces, unions and primitives leave no runtime type: add @Inject(token) to the parameter`,
        );
      }
      args.push(this.resolve(token as Token, path, cls, `parameter #${i} (${tokenName(token)})`));
    }
    return new (cls as new (...a: unknown[]) => unknown)(...args);
  }
}

/** " (path: UserService → UserRepo → parameter #0 (Database))" */
function describePath(path: readonly Frame[]): string {
  if (path.length <= 1) return '';
  const parts = path.map((frame, i) => (i === path.length - 1 ? frame.label : tokenName(frame.token)));
  return ` (path: ${parts.join(' → ')})`;
}
