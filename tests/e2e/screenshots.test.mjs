// Screenshots of the website for people to look at (kept as CI artifacts):
// the first visit, and the report of the bundled club example ("Try the
// example"), 1280 and 390 px wide, in English and Japanese, into
// build/screenshots/. Each is checked to be a PNG of the width asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, newPage, waitForResult } from './lib/browser.mjs';
import { findingLines, withSite } from './lib/site.mjs';

export const SCREENSHOTS = join(ROOT, 'build/screenshots');

const env = withSite();

// Width and height from a PNG's IHDR chunk.
function pngSize(file) {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

for (const width of [1280, 390]) {
  for (const lang of ['en', 'ja']) {
    test(`screenshots at ${width} px (${lang}): the first visit and the club example's report`, async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const viewport = { width, height: width > 500 ? 900 : 844 };
      const { page, context, errors, outside } = await newPage(env.chromium.browser, {
        allow: [env.site.origin],
        contextOptions: { viewport, deviceScaleFactor: 1, locale: lang === 'ja' ? 'ja-JP' : 'en-GB', reducedMotion: 'reduce' },
      });
      try {
        await page.goto(env.site.url);
        await page.waitForFunction(() => document.body.dataset.state === 'idle');
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
        const first = join(SCREENSHOTS, `first-visit-${width}-${lang}.png`);
        await page.screenshot({ path: first });
        assert.deepEqual(pngSize(first), viewport);

        await page.click('#try-example');
        assert.equal(await waitForResult(page), 'done');
        await page.waitForSelector('#answer .answer-changes li');
        // Where the page lands after the check: the verdict and What to do on top.
        const landed = join(SCREENSHOTS, `report-top-${width}-${lang}.png`);
        await page.screenshot({ path: landed });
        assert.deepEqual(pngSize(landed), viewport);
        // Then the whole report, the evidence and the diff unfolded.
        await page.click('details.how-known > summary');
        await page.click('details.diff-fold > summary');
        await page.waitForSelector('.d2h-file-wrapper');
        assert.ok((await findingLines(page)).includes('mail-host-proxied critical mail.club.example.'));
        const whole = join(SCREENSHOTS, `report-${width}-${lang}.png`);
        await page.screenshot({ path: whole, fullPage: true });
        const size = pngSize(whole);
        assert.equal(size.width, width);
        assert.ok(size.height > viewport.height, `the whole report is taller than the window (${size.height} px)`);
        assert.deepEqual(outside, []);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}
