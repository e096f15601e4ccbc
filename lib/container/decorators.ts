/**
 * @Injectable() and @Inject(token). Any class decorator makes tsc emit `design:paramtypes`
 * (emitDecoratorMetadata), which is all the container needs; @Injectable exists for classes that have
 * no other decorator. @Inject names a token for a parameter whose type reflection cannot see.
 */
import 'reflect-metadata';
import type { Token } from './tokens';
import type { Class } from '../decorators/class-type';
import { ConfigError } from '../errors';

export const INJECTABLE_KEY = 'ts-doudou:injectable';
export const INJECT_PARAMS_KEY = 'ts-doudou:inject-params';
export const PARAM_TYPES_KEY = 'design:paramtypes';

export function Injectable(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(INJECTABLE_KEY, true, target);
  };
}

export function Inject(token: Token): ParameterDecorator {
  return (target, propertyKey, index) => {
    if (propertyKey !== undefined) {
      throw new ConfigError('INJECT_ON_METHOD', `@Inject(...) applies to constructor parameters, not to method ${String(propertyKey)}`);
    }
    const own: ReadonlyMap<number, Token> | undefined = Reflect.getOwnMetadata(INJECT_PARAMS_KEY, target);
    const next = new Map(own ?? []);
    next.set(index, token);
    Reflect.defineMetadata(INJECT_PARAMS_KEY, next, target);
  };
}

/** Reflected constructor parameter types, or undefined when tsc emitted none. */
export function paramTypes(target: Class): readonly unknown[] | undefined {
  return Reflect.getMetadata(PARAM_TYPES_KEY, target) as unknown[] | undefined;
}

/** @Inject tokens by parameter index; a subclass with its own constructor does not inherit its parent's. */
export function injectedParams(target: Class): ReadonlyMap<number, Token> {
  const own = Reflect.hasOwnMetadata(PARAM_TYPES_KEY, target) || Reflect.hasOwnMetadata(INJECT_PARAMS_KEY, target);
  const map = (own ? Reflect.getOwnMetadata(INJECT_PARAMS_KEY, target) : Reflect.getMetadata(INJECT_PARAMS_KEY, target)) as
    ReadonlyMap<number, Token> | undefined;
  return map ?? new Map();
}
