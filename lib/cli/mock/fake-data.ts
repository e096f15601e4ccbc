/**
 * Fake values for a schema: json-schema-faker (ESM, loaded on first use) with a seed, plus @faker-js/faker
 * for realistic names, emails, cities… when the project has it installed (an optional peer dependency: 4 MB
 * that only the mock needs). `components` travel on the root schema so local `$ref`s resolve.
 */
import type { oas30 } from 'openapi3-ts';
import { toFakerSchema } from './faker-schema';
import { importEsm } from './esm-import';

interface JsonSchemaFaker {
  generate(schema: unknown, options?: Record<string, unknown>): Promise<unknown>;
}

interface FakerModule {
  faker: { seed(seed: number): unknown };
}

export interface FakeDataOptions {
  seed: number;
}

export class FakeData {
  private constructor(
    private readonly jsf: JsonSchemaFaker,
    private readonly faker: FakerModule['faker'] | undefined,
    private readonly components: unknown,
    private readonly seed: number,
  ) {}

  /** Loads the generators; `document` supplies the component schemas `$ref`s point into. */
  static async create(document: oas30.OpenAPIObject, options: FakeDataOptions): Promise<FakeData> {
    const jsf = await importEsm<JsonSchemaFaker>('json-schema-faker');
    let faker: FakerModule['faker'] | undefined;
    try {
      faker = (await importEsm<FakerModule>('@faker-js/faker')).faker;
    } catch {
      faker = undefined; // optional: plain generated strings without it
    }
    const components = { schemas: toFakerSchema(document.components?.schemas ?? {}, faker !== undefined) };
    return new FakeData(jsf, faker, components, options.seed);
  }

  get usesFaker(): boolean {
    return this.faker !== undefined;
  }

  /** A value for `schema`; the same schema, seed and `salt` (the operation) always give the same value. */
  async generate(schema: unknown, salt: string): Promise<unknown> {
    const seed = (this.seed * 31 + hash(salt)) >>> 0;
    this.faker?.seed(seed);
    const root = { ...(toFakerSchema(schema, this.faker !== undefined) as Record<string, unknown>), components: this.components };
    return this.jsf.generate(root, {
      seed,
      useExamplesValue: true,
      useDefaultValue: true,
      alwaysFakeOptionals: false,
      optionalsProbability: 0.7,
      maxDefaultItems: 3,
      refDepthMax: 3,
      ...(this.faker !== undefined ? { extensions: { faker: this.faker } } : {}),
    });
  }
}

/** FNV-1a: a stable 32-bit hash of a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
