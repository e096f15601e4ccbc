/** What the container can be asked for: a class, a string, a symbol, or a typed InjectionToken. */

// `never[]` accepts every constructor signature without `any`.
export type Constructor<T = unknown> = new (...args: never[]) => T;
export type AbstractConstructor<T = unknown> = abstract new (...args: never[]) => T;

/** A typed non-class token: `const CONFIG = new InjectionToken<Config>('CONFIG')` makes `get(CONFIG)` a Config. */
export class InjectionToken<T> {
  /** Phantom field so InjectionToken<A> and InjectionToken<B> are distinct types. */
  declare readonly __type?: T;
  constructor(readonly description: string) {}
  toString(): string {
    return `InjectionToken(${this.description})`;
  }
}

export type Token<T = unknown> = Constructor<T> | AbstractConstructor<T> | InjectionToken<T> | string | symbol;

export function tokenName(token: unknown): string {
  if (typeof token === 'function') return token.name || '<anonymous class>';
  if (typeof token === 'string') return JSON.stringify(token);
  if (typeof token === 'symbol') return token.toString();
  if (token instanceof InjectionToken) return token.toString();
  return String(token);
}
