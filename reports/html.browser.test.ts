/**
 * report.html in real headless Chromium (playwright-core drives the system browser; nothing is
 * downloaded). CI installs it with `apt-get install -y chromium`; when it is missing the suite fails
 * under CI=1 and is skipped, with a message, elsewhere.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureReport, NASTY } from './fixtures.ts';
import { renderHtml } from './html.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HERE = fileURLToPath(new URL('.', import.meta.url));
const OUT = join(HERE, 'out', 'html-test');
const SCREENSHOTS = join(HERE, 'out', 'screenshots');
const present = existsSync(CHROMIUM);
const required = Boolean(process.env.CI);

if (!present && !required) {
  console.warn(
    `reports/html.browser.test.ts: skipped, ${CHROMIUM} is missing; install it with "apt-get update && apt-get install -y chromium" (under CI=1 this suite fails instead)`,
  );
}

interface Opened {
  page: Page;
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

describe.skipIf(!present && !required)('report.html in headless Chromium', () => {
  const report = fixtureReport();
  const file = join(OUT, 'report.html');
  const url = pathToFileURL(file).href;
  let browser: Browser;

  beforeAll(async () => {
    if (!present) throw new Error(`${CHROMIUM} is missing; CI must run "apt-get update && apt-get install -y chromium" before the tests`);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(file, renderHtml(report));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(viewport = { width: 1280, height: 900 }): Promise<Opened> {
    const page = await browser.newPage({ viewport, colorScheme: 'light' });
    const o: Opened = { page, requests: [], consoleErrors: [], pageErrors: [], dialogs: [] };
    page.on('request', (r) => o.requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') o.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => o.pageErrors.push(e.message));
    page.on('dialog', (d) => {
      o.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    return o;
  }

  const visibleRows = (page: Page) => page.locator('#results details.row:visible').count();

  it('loads with no console error, no page error and no request but the file itself', async () => {
    const o = await open();
    await o.page.locator('#verdict').waitFor();
    // Interact a little so lazy work (details, filters) would have fired its requests too.
    await o.page.locator('#expand').click();
    await o.page.locator('label.chk-pass input').click();
    await o.page.waitForTimeout(200);
    expect(o.requests).toEqual([url]);
    expect(o.consoleErrors).toEqual([]);
    expect(o.pageErrors).toEqual([]);
    await o.page.close();
  });

  it('shows hostile strings as text: no dialog, no injected element', async () => {
    const o = await open();
    await o.page.locator('#expand').click();
    const counts = await o.page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      script: document.querySelectorAll('script').length,
      handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    }));
    expect(counts).toEqual({ img: 0, script: 2, handlers: 0 });
    const text = await o.page.locator('body').innerText();
    expect(text).toContain(NASTY.xss);
    expect(text).toContain('</script><script>alert("pwned")</script>');
    expect(text).toContain('naïve Ünïcødé');
    expect(o.dialogs).toEqual([]);
    await o.page.close();
  });

  it('filters the results by verdict, severity and category', async () => {
    const o = await open();
    const { page } = o;
    const total = report.results.length;
    const count = (pred: (r: (typeof report.results)[number]) => boolean) => report.results.filter(pred).length;
    expect(await visibleRows(page)).toBe(total);
    await expect.poll(() => page.locator('#shown').innerText()).toBe(`Showing ${total} of ${total}`);

    await page.locator('label.chk-pass input').uncheck();
    await page.locator('label.chk-skip input').uncheck();
    expect(await visibleRows(page)).toBe(count((r) => r.verdict === 'fail' || r.verdict === 'error'));

    await page.locator('label.chk-critical input').uncheck();
    expect(await visibleRows(page)).toBe(count((r) => (r.verdict === 'fail' && r.severity !== 'critical') || r.verdict === 'error'));
    expect(await page.locator('#results details.row:visible .scn').allInnerTexts()).toEqual(['sig-tampered', 'wrong-audience', 'revoked']);

    await page.locator('#f-category').selectOption('identity');
    expect(await page.locator('#results details.row:visible .scn').allInnerTexts()).toEqual(['wrong-audience']);
    await expect.poll(() => page.locator('#shown').innerText()).toBe(`Showing 1 of ${total}`);

    await page.locator('label.chk-minor input').uncheck();
    expect(await visibleRows(page)).toBe(0);
    expect(await page.locator('#empty').isVisible()).toBe(true);

    await page.locator('#only-failures').click();
    expect(await visibleRows(page)).toBe(count((r) => r.verdict === 'fail' || r.verdict === 'error'));
    expect(o.pageErrors).toEqual([]);
    await page.close();
  });

  it('lists every skipped and not-applicable row with its reason under the skipped filter, and shows the observed policy', async () => {
    const o = await open();
    const { page } = o;
    const skips = report.results.filter((r) => r.verdict === 'skip');
    await page.locator('#only-failures').click();
    expect(await page.locator('#results details.row[data-verdict="skip"]:visible').count()).toBe(0);
    await page.locator('label.chk-skip input').check();
    expect(await page.locator('label.chk-skip .count').innerText()).toBe(String(skips.length));
    expect(await page.locator('#results details.row[data-verdict="skip"]:visible .title').allInnerTexts()).toEqual(
      skips.map((r) => r.skipReason),
    );
    const policy = page.locator('#policy');
    expect(await policy.isVisible()).toBe(true);
    expect(await policy.locator('tr[data-key="expLeeway"]').innerText()).toMatch(/exp leeway\s+30 s\s+60 s\s*≠\s+exp = now − d/);
    expect(await policy.locator('tr.differs').count()).toBe(3);
    expect(o.pageErrors).toEqual([]);
    await page.close();
  });

  it('shows a failure with expected vs observed, the decoded token, the curl, the fix and the refs', async () => {
    const o = await open();
    const row = o.page.locator('#results details.row[data-verdict="fail"][data-severity="critical"]');
    expect(await row.getAttribute('open')).not.toBeNull();
    const text = await row.innerText();
    for (const needle of [
      'EXPECTED',
      'OBSERVED',
      'TokenExpired',
      'TOKEN SENT',
      'kid',
      'jti',
      'h before the run',
      'curl -i -X GET',
      'HOW TO FIX',
      'RFC 7519 §4.1.4',
    ]) {
      expect(text).toContain(needle);
    }
    await row.locator('button.copy').click();
    await expect.poll(() => row.locator('button.copy').innerText()).not.toBe('Copy');
    expect(o.pageErrors).toEqual([]);
    await o.page.close();
  });

  it('shows a failed property with the shrunk case, the answer, the decoded token and the seed', async () => {
    const o = await open();
    const prop = o.page.locator('#properties details.row[data-verdict="fail"]');
    const text = (await prop.textContent()) ?? '';
    for (const needle of [
      'combined',
      'critical',
      'exp = now − leeway − 1 s + typ JWT',
      '7 shrinks',
      'typ must be at+jwt (RFC 9068 §4)',
      NASTY.xss,
      'JWT',
      'Seed',
      '424242',
      '17:3:0:1',
      'curl -i -X GET',
    ]) {
      expect(text).toContain(needle);
    }
    expect(await o.page.locator('#properties details.row').count()).toBe(report.properties.length);
    await o.page.close();
  });

  it('can be re-rendered from the JSON embedded in the page', async () => {
    const o = await open();
    const data = await o.page.evaluate(() => JSON.parse(document.getElementById('report-data')!.textContent!) as unknown);
    expect(data).toEqual(JSON.parse(JSON.stringify(report)));
    await o.page.close();
  });

  it('takes a screenshot for the README (reports/screenshot.png)', async () => {
    const o = await open({ width: 1280, height: 1400 });
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = join(SCREENSHOTS, 'report.png');
    await o.page.screenshot({ path: shot });
    await o.page.screenshot({ path: join(SCREENSHOTS, 'report-full.png'), fullPage: true });
    copyFileSync(shot, join(HERE, 'screenshot.png'));
    expect(existsSync(join(HERE, 'screenshot.png'))).toBe(true);
    await o.page.close();
  });
});
