/**
 * /go-doudou/doc rendered for real: headless Chromium opens the page of a server built from a real
 * descriptor and Swagger UI (the pinned swagger-ui-dist) draws its operations, with every request the
 * page makes going to the service itself — no CDN, nothing else on the network.
 */
import { strict as assert } from 'node:assert';
import { buildOpenApiDocument } from '../../../lib/openapi';
import { CHROMIUM_HINT, hasChromium, launchChromium } from '../../support/chromium';
import { requireOrSkip } from '../../support/requirements';
import { startUsersServer, type Started } from '../support/start-server';
import { usersDescriptor } from '../support/users-service';

describe('http/manage/swagger-ui in headless Chromium', function () {
  this.timeout(60_000);
  let s: Started | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;

  before(async function () {
    requireOrSkip(this, hasChromium(), CHROMIUM_HINT);
    const document = buildOpenApiDocument([usersDescriptor], { title: 'usersvc', version: '1.2.3' });
    s = await startUsersServer({ openApi: () => document });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await s?.server.close({ graceMs: 0 });
  });

  it('draws every operation of the document from the installed package alone', async () => {
    const page = await browser!.context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${s!.url}/go-doudou/doc`);

    const operations = page.locator('.opblock-summary-path');
    await operations.first().waitFor({ timeout: 30_000 });
    const drawn = (await operations.allTextContents()).map((t) => t.replace(/\u200b/g, '').trim());
    const expected = usersDescriptor.routes.map((r) => r.path.replace(/:(\w+)/g, '{$1}'));
    assert.deepEqual([...new Set(drawn)].sort(), [...new Set(expected)].sort());
    assert.match((await page.locator('.info .title').textContent()) ?? '', /usersvc/);
    assert.deepEqual(errors, []);
    const elsewhere = requested.filter((url) => !url.startsWith(`${s!.url}/`) && !url.startsWith('data:'));
    assert.deepEqual(elsewhere, [], 'the page asked nothing of any other host');
  });
});
