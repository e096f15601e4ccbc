/**
 * /go-doudou/registry: the cluster members as a registry provider sees them (the provider comes with the
 * discovery issue). JSON when the client prefers application/json or asks `?format=json`; otherwise a
 * plain HTML table, one row per instance, columns = union of the rows' keys (go-doudou used an element-ui
 * table with the same idea).
 */
import type { Context } from 'koa';

/** One row per (node, service) instance; values are shown as text (objects as JSON). */
export type RegistryRow = Readonly<Record<string, string | number | boolean | null | undefined | Readonly<Record<string, string>>>>;

export interface RegistryView {
  rows: readonly RegistryRow[];
}

export type RegistryProvider = () => RegistryView | Promise<RegistryView>;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function cell(v: RegistryRow[string]): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function registryHtml(view: RegistryView, title: string): string {
  const columns: string[] = [];
  for (const row of view.rows) for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
  // Rows that number themselves (go-doudou's `index`) get no second counter column.
  const numbered = !columns.includes('index');
  const head = [...(numbered ? ['#'] : []), ...columns].map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = view.rows
    .map(
      (row, i) => `<tr>${numbered ? `<td>${i + 1}</td>` : ''}${columns.map((c) => `<td>${escapeHtml(cell(row[c]))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"><title>${escapeHtml(title)} - registry</title>
<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style>
</head><body><h1>${escapeHtml(title)} registry</h1>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></body></html>
`;
}

export async function serveRegistry(ctx: Context, provider: RegistryProvider, title: string): Promise<void> {
  const view = await provider();
  const wantsJson = ctx.query.format === 'json' || ctx.accepts('html', 'json') === 'json';
  if (wantsJson) {
    ctx.body = { rows: view.rows };
    return;
  }
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = registryHtml(view, title);
}
