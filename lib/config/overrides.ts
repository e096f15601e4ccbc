/**
 * Options passed to `new App()` go through the same parsers as environment variables, so a value is
 * validated by one rule whatever its source. Each leaf is turned back into the variable's text form:
 * numbers of `…Ms` fields become `<n>ms`, lists join with ',', the delegate version becomes `min:max:cur`.
 */
import type { ConfigIssue } from './invalid-config-error';
import { CONFIG_VARIABLES } from './variables';

export interface OverrideText {
  readonly text: string;
}

const FIELDS = new Set(CONFIG_VARIABLES.map((v) => v.field));
/** Fields whose value is an object, not a leaf. */
const OBJECT_LEAVES = new Set(['mem.delegateVersion']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toText(field: string, value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return field.endsWith('Ms') ? `${value}ms` : String(value);
  if (Array.isArray(value) && value.every((x) => typeof x === 'string')) return value.join(',');
  if (isPlainObject(value) && OBJECT_LEAVES.has(field)) {
    const { min, max, cur } = value;
    return [min, max, cur].every((x) => typeof x === 'number') ? `${min}:${max}:${cur}` : undefined;
  }
  return undefined;
}

/** Flatten overrides to `field → text`; an unknown key or a value of the wrong kind is an issue. */
export function overrideTexts(overrides: object, issues: ConfigIssue[]): Map<string, OverrideText> {
  const out = new Map<string, OverrideText>();
  const walk = (node: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      if (value === undefined) continue;
      const field = prefix === '' ? key : `${prefix}.${key}`;
      if (FIELDS.has(field)) {
        const text = toText(field, value);
        if (text === undefined) {
          issues.push({
            variable: `overrides.${field}`,
            value: JSON.stringify(value) ?? String(value),
            expected: 'expected a value of the documented type',
            source: 'overrides',
          });
        } else {
          out.set(field, { text });
        }
      } else if (isPlainObject(value) && [...FIELDS].some((f) => f.startsWith(`${field}.`))) {
        walk(value, field);
      } else {
        issues.push({
          variable: `overrides.${field}`,
          value: '',
          expected: 'not a setting (derived or unknown option)',
          source: 'overrides',
        });
      }
    }
  };
  walk(overrides as Record<string, unknown>, '');
  return out;
}
