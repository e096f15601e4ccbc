/**
 * /go-doudou/doc: Swagger UI from the installed swagger-ui-dist package (no CDN). package.json pins
 * 5.17.14, the last release without the @scarf/scarf dependency, whose install script reports every
 * install of a project to a telemetry service. The page lives at
 * /go-doudou/doc and loads its assets from doc/<file> and the document from ./openapi.json — all relative,
 * so it keeps working behind a proxy that mounts the service under a prefix.
 */
import type { Context } from 'koa';
import * as fs from 'node:fs';
import * as path from 'node:path';

// swagger-ui-dist ships no type declarations; this is the one function used from it. Its main module
// also loads the whole UI bundle (~1.5 MB of JS) into Node, so only absolute-path.js is required.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const getAbsoluteFSPath = require('swagger-ui-dist/absolute-path.js') as () => string;

/** The files the page needs; nothing else of the package is served (no directory traversal possible). */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
  'oauth2-redirect.html': 'text/html; charset=utf-8',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function swaggerUiPage(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>${escapeHtml(title)} - API documentation</title>
  <link rel="stylesheet" type="text/css" href="doc/swagger-ui.css">
  <link rel="stylesheet" type="text/css" href="doc/index.css">
  <link rel="icon" type="image/png" href="doc/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="doc/swagger-ui-bundle.js" charset="UTF-8"></script>
  <script src="doc/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
  <script>
    window.onload = function () {
      window.ui = SwaggerUIBundle({
        url: new URL('openapi.json', window.location.href).href,
        dom_id: '#swagger-ui',
        deepLinking: true,
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        plugins: [SwaggerUIBundle.plugins.DownloadUrl],
        layout: 'StandaloneLayout'
      });
    };
  </script>
</body>
</html>
`;
}

export class SwaggerUi {
  private readonly dir = getAbsoluteFSPath();
  private readonly page: string;

  constructor(title: string) {
    this.page = swaggerUiPage(title);
  }

  /** GET /go-doudou/doc (a trailing slash is redirected away so the relative URLs resolve). */
  servePage(ctx: Context): void {
    if (ctx.path.endsWith('/')) {
      ctx.status = 301;
      ctx.redirect(ctx.path.replace(/\/+$/, '') + (ctx.querystring ? `?${ctx.querystring}` : ''));
      return;
    }
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = this.page;
  }

  /** GET /go-doudou/doc/:file — false when the file is not one of the page's assets. */
  serveAsset(ctx: Context, file: string): boolean {
    const type = ASSETS[file];
    if (!type) return false;
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = fs.createReadStream(path.join(this.dir, file));
    return true;
  }
}
