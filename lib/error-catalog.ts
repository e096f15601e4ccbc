/**
 * Every registry of error codes, for docs/errors.md and the spec that keeps it true. A module that defines
 * a registry (defineErrorCodes) lists it here; spec/error-catalog.spec.ts fails when one is missing.
 */
import type { ErrorCodeEntry, ErrorCodeListing } from './errors';
import { ConfigErrorCodes, ERROR_AREAS, HttpErrorCodes } from './errors';
import { CliErrorCodes } from './cli/cli-errors';
import { MockErrorCodes } from './cli/mock/mock-errors';
import { ClientConfigErrorCodes } from './client/client-config-errors';
import { ClientErrorCodes } from './client/errors';
import { DataConfigErrorCodes } from './data/data-config-errors';
import { DataErrorCodes } from './data/database/database-errors';
import { GossipErrorCodes } from './discovery/core/errors';
import { GossipNodeErrorCodes } from './discovery/node-errors';
import { ServingErrorCodes } from './http/serving-errors';
import { TransportErrorCodes } from './discovery/transport/errors';
import { WireDecodeErrorCodes, WireEncodeErrorCodes } from './discovery/wire/errors';
import { FigFontErrorCodes } from './observability/figfont';
import { RegistryErrorCodes } from './registry/registry-errors';
import { GateRejectionCodes } from './resilience/concurrency-gate';
import { ResilienceConfigErrorCodes, ResilienceErrorCodes } from './resilience/errors';

export const ERROR_CODE_REGISTRIES: readonly ErrorCodeListing[] = [
  ConfigErrorCodes,
  HttpErrorCodes,
  ServingErrorCodes,
  ClientErrorCodes,
  ClientConfigErrorCodes,
  ResilienceErrorCodes,
  ResilienceConfigErrorCodes,
  GateRejectionCodes,
  RegistryErrorCodes,
  GossipErrorCodes,
  GossipNodeErrorCodes,
  TransportErrorCodes,
  WireDecodeErrorCodes,
  WireEncodeErrorCodes,
  CliErrorCodes,
  MockErrorCodes,
  DataConfigErrorCodes,
  DataErrorCodes,
  FigFontErrorCodes,
];

/** Every registered code, grouped by area in ERROR_AREAS order. */
export function allErrorCodes(): ErrorCodeEntry[] {
  const entries = ERROR_CODE_REGISTRIES.flatMap((r) => r.entries());
  return ERROR_AREAS.flatMap((area) => entries.filter((e) => e.area === area));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The code tables of docs/errors.md: one section per area, one row per code. */
export function renderErrorCodeTables(): string {
  const sections: string[] = [];
  const entries = allErrorCodes();
  for (const area of ERROR_AREAS) {
    const rows = entries.filter((e) => e.area === area);
    if (rows.length === 0) continue;
    const lines = [`### ${area}`, '', '| Code | Class | HTTP | Meaning |', '| --- | --- | --- | --- |'];
    for (const e of rows) lines.push(`| \`${e.code}\` | ${e.errorClass} | ${e.status ?? '—'} | ${cell(e.meaning)} |`);
    sections.push(lines.join('\n'));
  }
  return sections.join('\n\n') + '\n';
}

/** README's table of the codes the HTTP layer answers with itself, by status. */
export function renderHttpErrorTable(): string {
  const rows = HttpErrorCodes.entries().sort((a, b) => (a.status ?? 0) - (b.status ?? 0));
  const lines = ['| Status | Code | When |', '| --- | --- | --- |'];
  for (const e of rows) lines.push(`| ${e.status} | \`${e.code}\` | ${cell(e.meaning)} |`);
  return lines.join('\n') + '\n';
}
