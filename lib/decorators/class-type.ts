/**
 * Any class, abstract or not, whatever its constructor takes: what decorators are applied to and what
 * descriptors are built from. `Function` would also admit arrow functions, which have no prototype.
 */
export type Class<T = unknown> = abstract new (...args: never[]) => T;

/** The class an instance or a prototype was made by (what member decorators receive as `target`). */
export function classOf(instanceOrPrototype: object): Class {
  return instanceOrPrototype.constructor as Class;
}
