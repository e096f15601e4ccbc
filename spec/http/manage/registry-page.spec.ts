import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { registryHtml, type RegistryPageInstance } from '../../../lib/http/manage/registry-page';
import { basic } from '../support/http-client';
import { CHROMIUM_HINT, hasChromium, launchChromium } from '../../support/chromium';
import { GOSSIP_ENV, MicroCluster, type Member } from '../../support/micro-cluster';
import { requireOrSkip } from '../../support/requirements';
import { waitFor } from '../../support/wait-for';

const USERSVC = path.resolve(__dirname, '../../../sample/usersvc/main.js');
const ORDERSVC = path.resolve(__dirname, '../../../sample/ordersvc/main.js');

const instance = (extra: Partial<RegistryPageInstance>): RegistryPageInstance => ({
  service: 'usersvc',
  node: 'n1',
  baseUrl: 'http://10.0.0.1:6060',
  state: 'alive',
  since: '2026-01-01T00:00:00.000Z',
  weight: 1,
  version: '',
  runtime: 'node v20',
  framework: '0.1.0',
  docsUrl: 'http://10.0.0.1:6060/go-doudou/doc',
  metricsUrl: 'http://10.0.0.1:6060/go-doudou/prometheus',
  ...extra,
});

describe('http/manage/registry-page', () => {
  it('is one self-contained page: no external script, style, font or image', () => {
    const html = registryHtml({ rows: [], instances: [instance({})] }, 'ordersvc');
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i);
    assert.doesNotMatch(html, /@import|url\(/);
    assert.match(html, /<meta name="viewport" content="width=device-width/);
  });

  it('escapes the title and embeds the instances so no value can end the script early', () => {
    const html = registryHtml({ rows: [], instances: [instance({ node: '</script><script>alert(1)</script>' })] }, '<b>svc</b>');
    assert.match(html, /<title>&#60;b&#62;svc&#60;\/b&#62; - registry<\/title>/);
    assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the two real script ends');
    assert.match(html, /\\u003c\/script>\\u003cscript>alert\(1\)/);
  });

  describe('in headless Chromium, on a live cluster', function () {
    this.timeout(120_000);
    const auth = { username: 'ops', password: 'watch' };
    const cluster = new MicroCluster(basic(auth.username, auth.password));
    let order: Member;
    let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
    // slow enough suspicion (about 6 s) that a page polling every second sees it
    const env = {
      GDD_MANAGE_USER: auth.username,
      GDD_MANAGE_PASS: auth.password,
      GDD_SERVICE_VERSION: '1.4.0',
      GDD_MEM_PROBE_INTERVAL: '1s',
      GDD_MEM_PROBE_TIMEOUT: '300ms',
      GDD_MEM_SUSPICION_MULT: '6',
    };

    before(async function () {
      requireOrSkip(this, hasChromium(), CHROMIUM_HINT);
      assert.ok(GOSSIP_ENV.GDD_MODE === 'micro');
      await cluster.start('usersvc-1', USERSVC, { ...env, GDD_SERVICE_NAME: 'usersvc' });
      await cluster.start('usersvc-2', USERSVC, { ...env, GDD_SERVICE_NAME: 'usersvc', GDD_WEIGHT: '3' });
      order = await cluster.start('ordersvc-1', ORDERSVC, { ...env, GDD_SERVICE_NAME: 'ordersvc' });
      await cluster.waitForUsers(order, ['usersvc-1', 'usersvc-2']);
      browser = await launchChromium({ httpCredentials: auth, viewport: { width: 1100, height: 760 } });
    });
    after(async () => {
      await browser?.close();
      cluster.stopAll();
    });

    it('groups instances by service with state, weight, version and links; a killed instance turns suspect, then disappears, without a reload', async () => {
      const page = await browser!.context.newPage();
      const origin = `http://127.0.0.1:${order.port}`;
      const requested: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      await page.goto(`${origin}/go-doudou/registry`);
      await page.evaluate('window.notReloaded = true'); // lost if the page ever reloads

      const cards = page.locator('section[data-service="usersvc"] article');
      await waitFor(async () => (await cards.count()) === 2, { message: 'two usersvc cards' });
      assert.deepEqual(await page.locator('section').evaluateAll((s) => s.map((e) => e.getAttribute('data-service'))), [
        'ordersvc',
        'usersvc',
      ]);
      const second = page.locator('article[data-node="usersvc-2"]');
      assert.equal(await second.getAttribute('data-state'), 'alive');
      const text = (await second.textContent()) ?? '';
      assert.match(text, /alive for \d+ s/);
      assert.match(text, /weight3/);
      assert.match(text, /version1\.4\.0/);
      const member2 = cluster.members.find((m) => m.name === 'usersvc-2')!;
      assert.equal(
        await second.locator('a', { hasText: 'API docs' }).getAttribute('href'),
        `http://127.0.0.1:${member2.port}/go-doudou/doc`,
      );
      assert.equal(
        await second.locator('a', { hasText: 'metrics' }).getAttribute('href'),
        `http://127.0.0.1:${member2.port}/go-doudou/prometheus`,
      );
      const borderColour = (e: { ownerDocument: { defaultView: { getComputedStyle(x: unknown): { borderLeftColor: string } } | null } }) =>
        e.ownerDocument.defaultView!.getComputedStyle(e).borderLeftColor;
      const colour = await second.evaluate(borderColour);
      const shots = process.env.REGISTRY_SCREENSHOTS; // set to docs/img to refresh the README's screenshots
      if (shots) mkdirSync(shots, { recursive: true });

      member2.process.kill('SIGKILL');
      await waitFor(async () => (await second.getAttribute('data-state')) === 'suspect', {
        timeoutMs: 20_000,
        intervalMs: 200,
        message: 'usersvc-2 suspect on the page',
      });
      assert.notEqual(await second.evaluate(borderColour), colour, 'the state shows as colour');
      assert.match((await second.textContent()) ?? '', /suspect for \d+ s/);
      assert.match((await page.locator('section[data-service="usersvc"] h2').textContent()) ?? '', /1 of 2 alive/);
      if (shots) await page.screenshot({ path: path.join(shots, 'registry-page-suspect.png') });

      await waitFor(async () => (await second.count()) === 0, {
        timeoutMs: 45_000,
        intervalMs: 250,
        message: 'usersvc-2 gone from the page',
      });
      assert.equal(await page.evaluate('window.notReloaded === true'), true, 'no reload happened');
      assert.equal(await cards.count(), 1);
      assert.deepEqual(
        requested.filter((u) => !u.startsWith(`${origin}/go-doudou/registry`)),
        [],
        'no external assets, only the page and its JSON',
      );
      await page.close();
    });

    it('reads at phone width: one column, no horizontal scrolling', async () => {
      const page = await browser!.context.newPage();
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(`http://127.0.0.1:${order.port}/go-doudou/registry`);
      await waitFor(async () => (await page.locator('article').count()) >= 2);
      const [scroll, width] = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [number, number];
      assert.ok(scroll <= width, `page ${scroll}px wide in a ${width}px viewport`);
      const lefts = await page
        .locator('article')
        .evaluateAll((a) => [...new Set(a.map((e) => Math.round(e.getBoundingClientRect().left)))]);
      assert.equal(lefts.length, 1, 'cards stack in one column');
      const shots = process.env.REGISTRY_SCREENSHOTS;
      if (shots) await page.screenshot({ path: path.join(shots, 'registry-page-phone.png'), fullPage: true });
      await page.close();
    });
  });
});
