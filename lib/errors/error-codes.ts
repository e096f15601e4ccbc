/**
 * Registries of error codes: one table per area holds every code with its one-line meaning (and its HTTP
 * status when it has one). The area's code union is derived from the table, so the union, the status used
 * at the throw site and the documentation (docs/errors.md, checked by a spec) come from one place.
 */

/**
 * Where a code belongs; docs/errors.md has one section per area, in this order. A new area adds its name
 * here, defines its table with defineErrorCodes() and lists it in lib/error-catalog.ts.
 */
export const ERROR_AREAS = [
  'start-up',
  'http',
  'client',
  'resilience',
  'registry',
  'gossip',
  'transport',
  'wire',
  'cli',
  'data',
  'observability',
  'tracing',
] as const;

export type ErrorArea = (typeof ERROR_AREAS)[number];

/** What one code means. */
export interface ErrorCodeInfo {
  /** One line: what went wrong, and where it helps, what to do about it. */
  readonly meaning: string;
  /** The status of the HTTP answer that carries this code; absent for codes that never reach HTTP. */
  readonly status?: number;
  /** The class raising this code when it is a subclass of the registry's class (e.g. `NodeMetaTooLargeError`). */
  readonly thrownBy?: string;
}

export type ErrorCodeTable = Readonly<Record<string, ErrorCodeInfo>>;

/** The codes of a table that carry an HTTP status. */
export type CodesWithStatus<T extends ErrorCodeTable> = {
  [K in keyof T]: T[K] extends { readonly status: number } ? K : never;
}[keyof T] &
  string;

/** One documented row: a registry entry with its code and the class that raises it. */
export interface ErrorCodeEntry extends ErrorCodeInfo {
  readonly code: string;
  readonly area: ErrorArea;
  readonly errorClass: string;
}

/** What the catalog and the docs need of a registry, whatever its table. */
export interface ErrorCodeListing {
  readonly area: ErrorArea;
  readonly errorClass: string;
  entries(): ErrorCodeEntry[];
}

export class ErrorCodeRegistry<T extends ErrorCodeTable> implements ErrorCodeListing {
  constructor(
    readonly area: ErrorArea,
    /** The class (or base class) that raises these codes; must be exported from 'ts-doudou'. */
    readonly errorClass: string,
    readonly table: T,
  ) {}

  /** The HTTP status a code is answered with: the throw site reads it here instead of repeating it. */
  statusOf<K extends CodesWithStatus<T>>(code: K): T[K]['status'] & number {
    return this.table[code]!.status as T[K]['status'] & number;
  }

  has(code: string): code is keyof T & string {
    return Object.hasOwn(this.table, code);
  }

  entries(): ErrorCodeEntry[] {
    return Object.entries(this.table).map(([code, info]) => ({
      code,
      area: this.area,
      ...info,
      errorClass: info.thrownBy ?? this.errorClass,
    }));
  }
}

/** Each code as a property of the registry whose value is the code: `HttpErrorCodes.NOT_FOUND === 'NOT_FOUND'`. */
export type CodeConstants<T extends ErrorCodeTable> = { readonly [K in keyof T & string]: K };

/**
 * Defines an area's registry; `CodeOf<typeof registry>` is then the area's code union. Sites write a code
 * as a literal (`'NOT_FOUND'`) or as `HttpErrorCodes.NOT_FOUND`: both are checked against the table.
 */
export function defineErrorCodes<const T extends ErrorCodeTable>(
  area: ErrorArea,
  errorClass: string,
  table: T,
): ErrorCodeRegistry<T> & CodeConstants<T> {
  const constants = Object.fromEntries(Object.keys(table).map((code) => [code, code])) as CodeConstants<T>;
  const registry = new ErrorCodeRegistry<T>(area, errorClass, Object.freeze(table) as T);
  return Object.freeze(Object.assign(registry, constants)) as ErrorCodeRegistry<T> & CodeConstants<T>;
}

/** The code union of a registry. */
export type CodeOf<R> = R extends ErrorCodeRegistry<infer T> ? keyof T & string : never;
