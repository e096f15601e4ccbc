/**
 * Compiled functions shared by the text of the schema they were compiled from, per owner (the server's
 * Ajv instance for validators, a service's components for serializers): routes taking the same
 * parameters share one validator, routes answering the same DTO one serializer. Compiling is the costly
 * part of preparing a route (bench/http/boot.ts).
 */
export class SchemaCache<V> {
  private readonly byOwner = new WeakMap<object, Map<string, V>>();

  /** The function compiled for `schema` under `owner`, compiling it the first time. */
  get(owner: object, schema: unknown, compile: () => V): V {
    let compiled = this.byOwner.get(owner);
    if (compiled === undefined) this.byOwner.set(owner, (compiled = new Map()));
    const key = JSON.stringify(schema);
    let value = compiled.get(key);
    if (value === undefined) compiled.set(key, (value = compile()));
    return value;
  }
}
