/**
 * Secrets in configuration: the variables marked `secret` in the table (GDD_MANAGE_PASS, GDD_MEM_KEYS, and
 * every later password or key), and credentials inside URLs (`redis://user:pass@host`) of any variable.
 * Whatever shows a configured value — start-up errors, warnings, redactConfig(), the logger — goes
 * through here, so one place decides what is hidden.
 */
import type { Config } from './types';
import { CONFIG_VARIABLES, type ConfigVariable } from './variables';

/** What a hidden value is shown as. */
export const REDACTED = '***';

/**
 * Shorter secrets are not searched for in free text (log lines): masking every "ab" would garble the
 * logs and hide nothing. They are still hidden wherever the variable itself is shown.
 */
export const MIN_MATCHED_SECRET_LENGTH = 4;

/** `scheme://userinfo@` — greedy up to the authority's last `@`, so a raw `@` in a password is covered. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#]*)@/gi;

/** `redis://user:pass@host` → `redis://user:***@host`; `https://token@host` → `https://***@host`. */
export function redactUrlCredentials(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_USERINFO, (_match, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:${REDACTED}` : REDACTED}@`;
  });
}

/** The raw text of a variable as it may be shown: all of it hidden for a secret, URL credentials hidden otherwise. */
export function displayValue(variable: ConfigVariable | undefined, raw: string): string {
  if (raw === '') return raw;
  if (variable?.secret) return REDACTED;
  return redactUrlCredentials(raw);
}

/** The variables whose values are secrets. */
export function secretVariables(): ConfigVariable[] {
  return CONFIG_VARIABLES.filter((v) => v.secret);
}

function fieldValue(config: Config, field: string): unknown {
  return field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], config);
}

/** Every non-empty secret of a loaded config (list variables give each item), for the logger to mask. */
export function secretValues(config: Config): string[] {
  const values = new Set<string>();
  for (const variable of secretVariables()) {
    const value = fieldValue(config, variable.field);
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' && item !== '') values.add(item);
    }
  }
  return [...values];
}

function redactedCopy(value: unknown, secretFields: ReadonlySet<string>, path: string): unknown {
  if (secretFields.has(path)) {
    if (Array.isArray(value)) return value.map(() => REDACTED);
    return typeof value === 'string' && value === '' ? '' : REDACTED;
  }
  if (typeof value === 'string') return redactUrlCredentials(value);
  if (Array.isArray(value)) return value.map((item) => redactedCopy(item, secretFields, path));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = redactedCopy(child, secretFields, path === '' ? key : `${path}.${key}`);
    return out;
  }
  return value;
}

/** A copy safe to log or serve: secret fields masked, URL credentials in every other string masked. */
export function redactConfig(config: Config): Config {
  return redactedCopy(config, new Set(secretVariables().map((v) => v.field)), '') as Config;
}

/** GDD_MEM_KEYS as raw key bytes, primary first (already validated to be 16/24/32 bytes). */
export function decodeGossipKeys(keys: readonly string[]): Buffer[] {
  return keys.map((key) => Buffer.from(key, 'base64'));
}

/**
 * Masks given secret values and URL credentials in free text — what the logger runs over every line,
 * so a secret that reaches a message by accident (an error text, a logged object) is still hidden.
 */
export class SecretMasker {
  private readonly secrets: readonly string[];

  constructor(secrets: readonly string[] = []) {
    // longest first: a secret that contains another is masked whole
    this.secrets = [...new Set(secrets)].filter((s) => s.length >= MIN_MATCHED_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  }

  mask(text: string): string {
    let out = redactUrlCredentials(text);
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }
}
