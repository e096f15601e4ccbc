/**
 * A real dynamic `import()` from this CommonJS build: tsc (module commonjs) would turn a literal `import()`
 * into `require()`, which cannot load ESM-only packages such as json-schema-faker.
 */
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

export function importEsm<T>(specifier: string): Promise<T> {
  return dynamicImport(specifier) as Promise<T>;
}
