/**
 * What a generated client module declares, as data: DTO classes with their properties, enum constants,
 * type aliases, and per use site the mapped type. The schema mapper produces them, the module writer prints them.
 */
import type { JsonSchema } from '../../decorators/descriptors';
import type { Code } from './code-literal';

export interface GeneratorWarning {
  pointer: string;
  message: string;
}

export type Scalar = string | number | boolean;

/** One use of a schema: a property, a parameter, a body, a response. */
export interface MappedType {
  /** TypeScript type expression. */
  ts: string;
  /** The `type:` / `returns:` value (TypeSpec source). */
  spec: Code;
  /** SchemaOptions next to `type` (format, enum, bounds, nullable, description…). */
  constraints: Record<string, unknown>;
  /** Classes and enum constants the *runtime* code of this use refers to (declaration order matters). */
  deps: string[];
  /** The descriptor JSON Schema of the value, for embedding in a ready schema. */
  json: JsonSchema;
  /** `type: string, format: binary`: a file in multipart bodies, a download in responses. */
  binary?: boolean;
}

export interface PropDecl {
  name: string;
  optional: boolean;
  type: MappedType;
  description?: string;
}

export interface ClassDecl {
  kind: 'class';
  name: string;
  extends?: string;
  props: PropDecl[];
  description?: string;
}

export interface EnumDecl {
  kind: 'enum';
  name: string;
  values: Scalar[];
  description?: string;
}

export interface AliasDecl {
  kind: 'alias';
  name: string;
  ts: string;
  description?: string;
}

export type Declaration = ClassDecl | EnumDecl | AliasDecl;
