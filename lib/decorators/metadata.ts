import 'reflect-metadata';
import type { HttpMethod, ParamLocation } from './descriptors';
import type { ParamOptions, PropOptions, RouteOptions, ServiceOptions, UploadedFileOptions } from './schema-options';
import type { Class } from './class-type';

/**
 * The only module that touches `Reflect`: it owns every metadata key. Decorators call `record*`;
 * `describeService()` calls `readOwn*` and `reflect*`. Records are kept per class (own metadata, never
 * inherited through Reflect) so that contract/implementation chains are walked explicitly and predictably.
 */

const SERVICE = Symbol('ts-doudou:service');
const ROUTES = Symbol('ts-doudou:routes');
const PARAMS = Symbol('ts-doudou:params');
const PROPS = Symbol('ts-doudou:props');

export interface RouteRecord {
  method: HttpMethod;
  /** Explicit path; undefined means the method-name convention. */
  path?: string;
  options: RouteOptions;
}

export interface ParamRecord {
  index: number;
  in: ParamLocation;
  /** Explicit wire name; undefined means the declared parameter name. */
  name?: string;
  options: ParamOptions | UploadedFileOptions;
}

export interface PropRecord {
  name: string;
  options: PropOptions;
}

function ownMap<V>(key: symbol, target: object): Map<string, V> {
  let map = Reflect.getOwnMetadata(key, target) as Map<string, V> | undefined;
  if (map === undefined) {
    map = new Map<string, V>();
    Reflect.defineMetadata(key, map, target);
  }
  return map;
}

export function recordService(cls: Class, options: ServiceOptions): void {
  Reflect.defineMetadata(SERVICE, options, cls);
}

export function readOwnService(cls: Class): ServiceOptions | undefined {
  return Reflect.getOwnMetadata(SERVICE, cls) as ServiceOptions | undefined;
}

export function recordRoute(cls: Class, method: string, route: RouteRecord): void {
  ownMap<RouteRecord>(ROUTES, cls).set(method, route);
}

/** Routes declared on exactly this class, in declaration order. */
export function readOwnRoutes(cls: Class): ReadonlyMap<string, RouteRecord> {
  return (Reflect.getOwnMetadata(ROUTES, cls) as Map<string, RouteRecord> | undefined) ?? new Map();
}

export function recordParam(cls: Class, method: string, param: ParamRecord): void {
  const map = ownMap<ParamRecord[]>(PARAMS, cls);
  map.set(method, [...(map.get(method) ?? []), param]);
}

/** Parameter decorators applied to `method` on exactly this class (several may name one index). */
export function readOwnParams(cls: Class, method: string): readonly ParamRecord[] {
  return (Reflect.getOwnMetadata(PARAMS, cls) as Map<string, ParamRecord[]> | undefined)?.get(method) ?? [];
}

export function recordProp(cls: Class, prop: PropRecord): void {
  ownMap<PropRecord>(PROPS, cls).set(prop.name, prop);
}

/** `@Prop()` fields declared on exactly this class, in declaration order. */
export function readOwnProps(cls: Class): readonly PropRecord[] {
  return [...((Reflect.getOwnMetadata(PROPS, cls) as Map<string, PropRecord> | undefined)?.values() ?? [])];
}

/** `design:paramtypes` of a method (emitted by tsc for decorated methods), or undefined. */
export function reflectParamTypes(cls: Class, method: string): readonly unknown[] | undefined {
  return Reflect.getOwnMetadata('design:paramtypes', cls.prototype, method) as unknown[] | undefined;
}

/** `design:type` of a decorated property, or undefined. */
export function reflectPropType(cls: Class, prop: string): unknown {
  return Reflect.getOwnMetadata('design:type', cls.prototype, prop);
}

/** `design:paramtypes` of a decorated class's constructor (for dependency injection), or undefined. */
export function reflectConstructorParamTypes(cls: Class): readonly unknown[] | undefined {
  return Reflect.getOwnMetadata('design:paramtypes', cls) as unknown[] | undefined;
}
