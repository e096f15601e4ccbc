import { recordService } from './metadata';
import type { ServiceOptions } from './schema-options';
import type { Class } from './class-type';

/**
 * Every class decorated with `@Service`, in import order: what an App serves unless told otherwise.
 * An implementation that extends a registered contract takes the contract's place, so the contract
 * (whose methods only throw) is never served next to it.
 */
const registered: Class[] = [];

function extendsClass(sub: Class, base: Class): boolean {
  return sub !== base && base.prototype !== undefined && Object.prototype.isPrototypeOf.call(base.prototype, sub.prototype);
}

/**
 * Marks a class (a contract or an implementation) as a service: `@Service('usersvc')` or
 * `@Service({ name: 'usersvc', path: '/v1', tags: ['users'] })`.
 */
export function Service(nameOrOptions: string | ServiceOptions): (target: Class) => void {
  const options: ServiceOptions = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : { ...nameOrOptions };
  return (target) => {
    recordService(target, options);
    if (registered.includes(target)) return;
    const contract = registered.findIndex((c) => extendsClass(target, c));
    if (contract === -1) registered.push(target);
    else registered[contract] = target;
  };
}

/**
 * Marks a contract class (go-doudou's svc.go): its routes are described exactly like a service's, it can
 * be given to `createClient()` or injected as a client, but it is never served by itself — only a class
 * that extends it and is decorated with `@Service` is. This is what lets a consumer import another
 * service's contract without serving it.
 */
export function Contract(nameOrOptions: string | ServiceOptions): (target: Class) => void {
  const options: ServiceOptions = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : { ...nameOrOptions };
  return (target) => {
    recordService(target, options);
    contracts.add(target);
  };
}

const contracts = new Set<Class>();

/** True when the class itself was declared with `@Contract` (not a subclass of one). */
export function isContract(cls: Class): boolean {
  return contracts.has(cls);
}

/** The classes decorated with `@Service` so far (implementations in place of their contracts), in load order. */
export function registeredServices(): Class[] {
  return [...registered];
}

/** Forgets a registered service class (tests, hot reload); true when it was registered. */
export function unregisterService(cls: Class): boolean {
  const index = registered.indexOf(cls);
  if (index === -1) return false;
  registered.splice(index, 1);
  return true;
}
