// axe-core in the page (from npm, its source injected by the test): no
// serious or critical violation on the empty page, with a refused file, with a report in English
// and in Japanese, on a rule page and in the single file; in the light and in the dark
// scheme (the system's prefers-color-scheme, emulated), contrast included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertAxeClean as axe } from './lib/axe.mjs';
import { ROOT, newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { withSite } from './lib/site.mjs';

const env = withSite();

// The page's background, as a relative luminance (0 black, 1 white).
const backgroundLuminance = (page) =>
  page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.querySelector('.panel')).backgroundColor.match(/\d+/g).map(Number).map((v) => v / 255);
    const lin = (v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  });

for (const scheme of ['light', 'dark']) test(`axe-core: no serious or critical violation in the main states (${scheme} scheme)`, async () => {
  const { page, context, errors } = await newPage(env.chromium.browser, { allow: [env.site.origin], contextOptions: { bypassCSP: true, colorScheme: scheme } });
  try {
    await page.goto(env.site.url);
    const luminance = await backgroundLuminance(page);
    assert.ok(scheme === 'dark' ? luminance < 0.05 : luminance > 0.9, `${scheme}: the panel's luminance is ${luminance}`);
    await axe(page, `empty page (${scheme})`);
    await page.click('#settings summary');
    await page.click('.options summary');
    await page.click('#export-help summary');
    await axe(page, 'settings and export help open');
    await screenshot(page, `a11y-settings-open-${scheme}`);
    await page.getByLabel('Phones and mail apps get no mail').check();
    await page.setInputFiles('#files', join(ROOT, 'examples/club-cloudflare-export.txt'));
    await waitForResult(page);
    await page.click('details.diff-fold > summary'); // the diff is folded under the answer
    await page.waitForSelector('.d2h-file-wrapper');
    await axe(page, `report (en, ${scheme})`);
    await screenshot(page, `a11y-report-${scheme}`);
    // A picked file refused, next to the list and its "Add files".
    await page.setInputFiles('#add-files-input', { name: 'saved.html', mimeType: 'text/html', buffer: Buffer.from('<!doctype html><title>x</title>') });
    await page.waitForSelector('#refused-files li');
    await axe(page, 'a refused file (en)');
    await page.getByLabel('Side by side').check();
    await page.waitForSelector('.d2h-file-side-diff');
    await axe(page, `report side by side (${scheme})`);
    await page.selectOption('#language', 'ja');
    await axe(page, `report (ja, ${scheme})`);
    await page.goto(`${env.site.origin}rules/ja/mx-target-proxied.html`);
    await axe(page, `rule page (ja, ${scheme})`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('axe-core: the single file, and its rule section', async () => {
  const url = pathToFileURL(env.site.single).href;
  const { page, context } = await newPage(env.chromium.browser, { allow: [url], contextOptions: { bypassCSP: true } });
  try {
    await page.goto(url);
    await page.setInputFiles('#files', join(ROOT, 'examples/club-cloudflare-export.txt'));
    await waitForResult(page);
    await axe(page, 'single file report');
    await page.goto(`${url}#rule-en-spf-proxy-address`);
    await axe(page, 'single file rule section');
  } finally {
    await context.close();
  }
});
