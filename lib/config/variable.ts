/**
 * One row of the configuration table (variables.ts): a variable's name, default, documentation and how its
 * text becomes a field of the Config. `v()` builds a row from a typed spec.
 */
import type { ParseContext, Parser } from './parsers';
import type { ConfigDraft } from './types';

export type VariableGroup = 'app' | 'http' | 'manage' | 'log' | 'client' | 'tracing' | 'mem' | 'db';

export interface ConfigVariable {
  readonly name: string;
  readonly group: VariableGroup;
  /** Text parsed when the variable is unset or empty (for a GDD_MEM_* timing: the default profile's value). */
  readonly default: string;
  /** Default as documented (differs from `default` when computed, e.g. "hostname"). */
  readonly defaultText: string;
  readonly description: string;
  /** The Config field it sets, e.g. `mem.probeIntervalMs`. */
  readonly field: string;
  /** A valid, non-default value (used by the spec proving the loader honours every row). */
  readonly example: string;
  /**
   * The value is a secret (password, key): errors, warnings, redactConfig() and the logger show `***`
   * instead (lib/config/secrets.ts). spec/config/secrets.spec.ts goes through every row marked so.
   */
  readonly secret: boolean;
  /** The default for this draft: `default`, or what the rows read before chose (GDD_MEM_PROFILE's timings). */
  defaultIn(draft: ConfigDraft): string;
  /** Parse `raw` into the draft; returns the accepted form ("expected …") when `raw` is invalid. */
  apply(raw: string, draft: ConfigDraft, ctx: ParseContext): string | undefined;
}

export interface VariableSpec<T> {
  name: string;
  group: VariableGroup;
  default: string;
  defaultText?: string;
  description: string;
  field: string;
  example: string;
  secret?: boolean;
  /** A default that depends on rows read before (the loader runs rows in table order). */
  defaultIn?: (draft: ConfigDraft) => string;
  parse: Parser<T>;
  /** A rule the parsed value must also satisfy (the gossip options' rules, lib/config/gossip-options.ts). */
  check?: (value: T) => string | undefined;
  assign: (draft: ConfigDraft, value: T) => void;
}

export function v<T>(spec: VariableSpec<T>): ConfigVariable {
  return Object.freeze({
    name: spec.name,
    group: spec.group,
    default: spec.default,
    defaultText: spec.defaultText ?? (spec.default === '' ? '""' : spec.default),
    description: spec.description,
    field: spec.field,
    example: spec.example,
    secret: spec.secret ?? false,
    defaultIn: (draft: ConfigDraft): string => spec.defaultIn?.(draft) ?? spec.default,
    apply(raw: string, draft: ConfigDraft, ctx: ParseContext): string | undefined {
      const result = spec.parse(raw, ctx);
      if (!result.ok) return result.expected;
      const refused = spec.check?.(result.value);
      if (refused !== undefined) return refused;
      spec.assign(draft, result.value);
      return undefined;
    },
  });
}
