/**
 * /go-doudou/registry: the cluster as an operator keeps it open. JSON when the client prefers
 * application/json or asks `?format=json` (`rows`: go-doudou's flat table of alive and suspect instances;
 * `instances`: the same plus recently departed ones, with state and time of the last change). Otherwise one
 * self-contained HTML page — inline CSS and script, no external assets, works offline — that groups
 * instances by service, shows state as colour with the time since it changed, weight, version and links to
 * each instance's docs and metrics, and polls the JSON every second, so it updates without a reload.
 */
import type { Context } from 'koa';
import { REGISTRY_PAGE_SCRIPT, REGISTRY_PAGE_STYLE } from './registry-page-assets';

/** One row per (node, service) instance; values are shown as text (objects as JSON). */
export type RegistryRow = Readonly<Record<string, string | number | boolean | null | undefined | Readonly<Record<string, string>>>>;

/** dead and left: instances gone from the membership, kept on the page for a little while. */
export type RegistryPageState = 'alive' | 'suspect' | 'dead' | 'left';

export interface RegistryPageInstance {
  /** Service name without `_rest`. */
  readonly service: string;
  /** Node name. */
  readonly node: string;
  readonly baseUrl: string;
  readonly state: RegistryPageState;
  /** ISO time of the last state (or metadata) change. */
  readonly since: string;
  readonly weight: number;
  readonly version: string;
  /** Runtime (`node v20.11.1`, a Go node's `go1.22`) and framework version. */
  readonly runtime: string;
  readonly framework: string;
  readonly docsUrl: string;
  readonly metricsUrl: string;
}

export interface RegistryView {
  rows: readonly RegistryRow[];
  instances?: readonly RegistryPageInstance[];
  /** ISO time the view was taken (the page computes "for 12 s" from it, immune to clock skew). */
  now?: string;
}

export type RegistryProvider = () => RegistryView | Promise<RegistryView>;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside <script>: no `</script>` or `<!--` can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function registryHtml(view: RegistryView, title: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - registry</title>
<style>${REGISTRY_PAGE_STYLE}</style>
</head><body>
<header><h1>${escapeHtml(title)} <span class="muted">registry</span></h1><p id="status" class="muted" aria-live="polite"></p></header>
<main id="services"><noscript>This page needs JavaScript; <a href="?format=json">the JSON</a> has the same data.</noscript></main>
<script type="application/json" id="initial">${scriptJson({ instances: view.instances ?? [], now: view.now ?? new Date().toISOString() })}</script>
<script>${REGISTRY_PAGE_SCRIPT}</script>
</body></html>
`;
}

export async function serveRegistry(ctx: Context, provider: RegistryProvider, title: string): Promise<void> {
  const view = await provider();
  const wantsJson = ctx.query.format === 'json' || ctx.accepts('html', 'json') === 'json';
  ctx.set('Cache-Control', 'no-store');
  if (wantsJson) {
    ctx.body = { rows: view.rows, instances: view.instances ?? [], now: view.now ?? new Date().toISOString() };
    return;
  }
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = registryHtml(view, title);
}
