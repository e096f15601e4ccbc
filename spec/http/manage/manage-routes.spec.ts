import { strict as assert } from 'node:assert';
import { request } from '../support/http-client';
import { startUsersServer, type Started } from '../support/start-server';

describe('manage-routes', () => {
  describe('enabled without credentials', () => {
    let s: Started;
    const doc = { openapi: '3.0.3', info: { title: 'usersvc', version: '1.2.3' }, paths: { '/users/{id}': {} } };
    before(async () => {
      s = await startUsersServer({
        openApi: () => doc,
        registry: () => ({ rows: [{ svcName: 'usersvc', baseUrl: 'http://10.0.0.1:6060', status: 'up', data: { zone: '<a>' } }] }),
      });
    });
    after(() => s.server.close({ graceMs: 1000 }));

    it('serves the OpenAPI document from the provider', async () => {
      const res = await request(`${s.url}/go-doudou/openapi.json`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), doc);
    });

    it('serves a Swagger UI page that loads ./openapi.json and its assets from the installed package', async () => {
      const page = await request(`${s.url}/go-doudou/doc`);
      assert.equal(page.status, 200);
      assert.match(String(page.headers['content-type']), /text\/html/);
      assert.match(page.text, /new URL\('openapi\.json', window\.location\.href\)/);
      assert.doesNotMatch(page.text, /https?:\/\/(?!www\.w3)/, 'no CDN URLs');
      for (const src of page.text.match(/(?:href|src)="(doc\/[^"]+)"/g) ?? []) {
        const file = /"(doc\/[^"]+)"/.exec(src)![1]!;
        const asset = await request(`${s.url}/go-doudou/${file}`);
        assert.equal(asset.status, 200, file);
        assert.ok(asset.body.length > 100, file);
      }
      const bundle = await request(`${s.url}/go-doudou/doc/swagger-ui-bundle.js`);
      assert.match(String(bundle.headers['content-type']), /javascript/);
    });

    it('redirects /go-doudou/doc/ so relative URLs resolve', async () => {
      const res = await request(`${s.url}/go-doudou/doc/`);
      assert.equal(res.status, 301);
      assert.equal(res.headers.location, '/go-doudou/doc');
    });

    it('answers 404 for files of the package that are not page assets', async () => {
      for (const f of ['package.json', '..%2F..%2Fpackage.json', 'swagger-ui.js.map']) {
        const res = await request(`${s.url}/go-doudou/doc/${f}`);
        assert.equal(res.status, 404, f);
      }
    });

    it('answers the registry as the live HTML page by default and as JSON on request', async () => {
      const html = await request(`${s.url}/go-doudou/registry`, { headers: { Accept: 'text/html' } });
      assert.match(String(html.headers['content-type']), /text\/html/);
      assert.match(html.text, /<script type="application\/json" id="initial">/);
      assert.equal(html.headers['cache-control'], 'no-store');
      const json = await request(`${s.url}/go-doudou/registry`, { headers: { Accept: 'application/json' } });
      const body = json.json<{ rows: unknown; instances: unknown; now: string }>();
      assert.deepEqual(body.rows, [{ svcName: 'usersvc', baseUrl: 'http://10.0.0.1:6060', status: 'up', data: { zone: '<a>' } }]);
      assert.deepEqual(body.instances, []);
      assert.ok(!Number.isNaN(Date.parse(body.now)));
      const query = await request(`${s.url}/go-doudou/registry?format=json`);
      assert.match(String(query.headers['content-type']), /application\/json/);
    });
  });

  it('shows GDD_SERVICE_VERSION on /go-doudou/health', async () => {
    const s = await startUsersServer({ serviceVersion: '2.4.1' });
    try {
      assert.deepEqual((await request(`${s.url}/go-doudou/health`)).json(), { status: 'up', version: '2.4.1' });
    } finally {
      await s.server.close();
    }
  });

  it('answers 404 on /go-doudou/registry, saying why, when no registry provider was given (mono mode)', async () => {
    const s = await startUsersServer();
    try {
      const res = await request(`${s.url}/go-doudou/registry`);
      assert.equal(res.status, 404);
      const body = res.json() as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'NO_REGISTRY');
      assert.match(body.error.message, /monolith mode \(GDD_MODE=mono\).*GDD_MODE=micro/);
    } finally {
      await s.server.close();
    }
  });

  it('has no /go-doudou/* endpoint at all when manage is disabled', async () => {
    const s = await startUsersServer({ manage: { enable: false }, registry: () => ({ rows: [] }) });
    try {
      for (const p of ['openapi.json', 'doc', 'prometheus', 'health', 'registry']) {
        const res = await request(`${s.url}/go-doudou/${p}`);
        assert.equal(res.status, 404, p);
        assert.equal(res.json<{ error: { code: string } }>().error.code, 'NOT_FOUND');
      }
      assert.equal(
        s.server.routes().some((r) => r.pattern.startsWith('/go-doudou')),
        false,
      );
    } finally {
      await s.server.close();
    }
  });
});
