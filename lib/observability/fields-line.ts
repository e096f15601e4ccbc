/**
 * A line whose keys are known in advance (the access line: method, route, url, status, …), rendered to
 * the bytes `DirectLines.line(level, message, meta)` renders for a meta object with those keys in that
 * order — but from an array of values, without building the entry object, copying the default meta,
 * masking it again or walking keys. What is fixed per logger is done once: the level text, the default
 * meta (masked, rendered), and for JSON the sorted key order. What varies is done as the pipeline does
 * it: every value masked (log-format.ts maskValue), then textValue or the same JSON stringify.
 *
 * bench/http measured the generic line (entry object, Object.assign, maskEntry, for…in) as most of the
 * access log's cost per request; spec/observability/fields-line.spec.ts compares the bytes with winston's.
 */
import type { SecretMasker } from '../config/secrets';
import { isoTimestamp, jsonValue, maskValue, textLevel, textValue } from './log-format';

export interface FieldsLineFormat {
  format: 'text' | 'json';
  colors: boolean;
  masker: SecretMasker;
}

/** Keys the renderers treat themselves (level, message, timestamp; a stack in text): not usable as fields. */
const RESERVED = new Set(['level', 'message', 'timestamp', 'stack']);

/** Where a JSON key's value comes from: a field's index, or one of these. */
const LEVEL = -1;
const MESSAGE = -2;
const TIMESTAMP = -3;
const DEFAULT_META = -4;

/** One key of the JSON object, in sorted order: `"key":` and its value (a default meta's is rendered once). */
interface JsonPart {
  readonly key: string;
  readonly prefix: string;
  readonly source: number;
  readonly rendered?: string;
}

export class FieldsLine {
  private readonly keys: readonly string[];
  private readonly level: string;
  private readonly levelText: string;
  /** text: ` key=value` of the default meta, masked once. */
  private readonly defaultText: string;
  /** json: every key in sorted order. */
  private readonly jsonParts: readonly JsonPart[];

  /** undefined when the keys cannot be rendered this way (a reserved key, or one the default meta also has). */
  static compile(
    level: string,
    keys: readonly string[],
    defaultMeta: Readonly<Record<string, unknown>> | undefined,
    format: FieldsLineFormat,
  ): FieldsLine | undefined {
    const defaults = defaultMeta ?? {};
    for (const key of keys) if (RESERVED.has(key) || Object.prototype.hasOwnProperty.call(defaults, key)) return undefined;
    for (const key of Object.keys(defaults)) if (RESERVED.has(key) || /^\d+$/.test(key)) return undefined;
    return new FieldsLine(level, keys, defaults, format);
  }

  private constructor(
    level: string,
    keys: readonly string[],
    defaults: Readonly<Record<string, unknown>>,
    private readonly format: FieldsLineFormat,
  ) {
    const masker = format.masker;
    this.keys = keys;
    // the pipeline masks every string of the entry, the level too
    this.level = masker.mask(level);
    this.levelText = textLevel(this.level, format.colors);
    let defaultText = '';
    const parts: JsonPart[] = [];
    for (const [key, raw] of Object.entries(defaults)) {
      const value = maskValue(raw, masker);
      if (value === undefined) continue;
      defaultText += ` ${key}=${textValue(value)}`;
      const rendered = jsonValue(value);
      if (rendered !== undefined) parts.push({ key, prefix: `${JSON.stringify(key)}:`, source: DEFAULT_META, rendered });
    }
    keys.forEach((key, index) => parts.push({ key, prefix: `${JSON.stringify(key)}:`, source: index }));
    parts.push({ key: 'level', prefix: '"level":', source: LEVEL });
    parts.push({ key: 'message', prefix: '"message":', source: MESSAGE });
    parts.push({ key: 'timestamp', prefix: '"timestamp":', source: TIMESTAMP });
    this.defaultText = defaultText;
    // safe-stable-stringify's order: keys compared as strings
    this.jsonParts = parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** The finished line (no end of line) for `message` with `values[i]` under `keys[i]`; undefined values are left out. */
  render(message: string, values: readonly unknown[]): string {
    const masker = this.format.masker;
    const masked = masker.mask(message);
    return this.format.format === 'text' ? this.text(masked, values, masker) : this.json(masked, values, masker);
  }

  private text(message: string, values: readonly unknown[], masker: SecretMasker): string {
    let line = `${isoTimestamp()} ${this.levelText} ${message}${this.defaultText}`;
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) {
      const value = values[i];
      if (value !== undefined) line += ` ${keys[i]!}=${textValue(maskValue(value, masker))}`;
    }
    return line;
  }

  private json(message: string, values: readonly unknown[], masker: SecretMasker): string {
    let line = '';
    const parts = this.jsonParts;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const source = part.source;
      let json: string | undefined;
      if (source === DEFAULT_META) json = part.rendered;
      else if (source >= 0) {
        const value = values[source];
        json = value === undefined ? undefined : jsonValue(maskValue(value, masker));
      } else json = jsonValue(source === LEVEL ? this.level : source === MESSAGE ? message : isoTimestamp());
      if (json !== undefined) line += line === '' ? part.prefix + json : `,${part.prefix}${json}`;
    }
    return `{${line}}`;
  }
}
