import { ConfigError } from '../errors';
import { displayValue } from './secrets';
import { CONFIG_VARIABLES, findVariable } from './variables';

/** One bad setting: which variable (or override path), the text given, the accepted form, where it came from. */
export interface ConfigIssue {
  /** `GDD_PORT`, or `overrides.http.port` for a value passed to `new App()`. */
  readonly variable: string;
  readonly value: string;
  /** "expected an integer port 0–65535" */
  readonly expected: string;
  /** 'environment', an .env file path, 'overrides' — or undefined for cross-field rules. */
  readonly source?: string;
}

function describe(issue: ConfigIssue): string {
  const from = issue.source && !['environment', 'overrides', 'default'].includes(issue.source) ? ` (from ${issue.source})` : '';
  return issue.value === ''
    ? `${issue.variable}: ${issue.expected}${from}`
    : `${issue.variable}=${JSON.stringify(issue.value)} is not valid: ${issue.expected}${from}`;
}

const BY_OVERRIDE_PATH = new Map(CONFIG_VARIABLES.map((v) => [`overrides.${v.field}`, v]));

/** The issue as it may be shown and kept: a secret's text hidden, URL credentials hidden (lib/config/secrets.ts). */
function redacted(issue: ConfigIssue): ConfigIssue {
  const variable = findVariable(issue.variable) ?? BY_OVERRIDE_PATH.get(issue.variable);
  const value = displayValue(variable, issue.value);
  return value === issue.value ? issue : { ...issue, value };
}

/** Start-up stops with every bad setting listed at once, so a deploy needs one fix, not one per restart. */
export class InvalidConfigError extends ConfigError {
  readonly issues: readonly ConfigIssue[];

  constructor(reported: readonly ConfigIssue[]) {
    const issues = reported.map(redacted);
    const lines = issues.map(describe);
    super('INVALID_CONFIG', lines.length === 1 ? lines[0] : `${lines.length} configuration values are not valid:\n  ${lines.join('\n  ')}`);
    this.issues = Object.freeze([...issues]);
  }
}
