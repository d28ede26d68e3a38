// A zone of a million records: the check runs in the worker, the page shows
// its progress and stays responsive (a timer in the page keeps ticking), the
// report comes back, and a cancel in the middle of it stops at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launch, newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { builtSite } from './lib/site.mjs';
import { RECORDS, bigZone } from './lib/big-zone.mjs';

let site;
let chromium;
let dir;
before(async () => {
  site = await builtSite();
  chromium = await launch();
  dir = mkdtempSync(join(tmpdir(), 'mxray-big-'));
});
after(async () => {
  await chromium?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a million records: progress, a responsive page, a report', async () => {
  const file = join(dir, 'big.test.zone');
  writeFileSync(file, bigZone());
  const { page, errors, context } = await newPage(chromium.browser, { allow: [site.origin] });
  try {
    await page.goto(site.url);
    await page.evaluate(() => {
      // The longest the page's own timer was kept waiting, and what the progress bar said.
      window.__watch = { maxGap: 0, texts: new Set() };
      let last = performance.now();
      window.__watch.timer = setInterval(() => {
        const now = performance.now();
        window.__watch.maxGap = Math.max(window.__watch.maxGap, now - last);
        last = now;
        const text = document.getElementById('progress-text').textContent;
        if (text) window.__watch.texts.add(text);
      }, 20);
    });
    const t0 = Date.now();
    await page.setInputFiles('#files', file);
    await page.waitForFunction(() => /^Reading big\.test\.zone: \d+ %$/.test(document.getElementById('progress-text').textContent));
    const bar = await page.getAttribute('#progress', 'aria-valuenow');
    assert.ok(Number(bar) >= 0 && Number(bar) <= 100, `aria-valuenow ${bar}`);
    await screenshot(page, 'large-progress');
    assert.equal(await waitForResult(page, 120000), 'done');
    const elapsed = Date.now() - t0;
    const watch = await page.evaluate(() => {
      clearInterval(window.__watch.timer);
      return { maxGap: window.__watch.maxGap, texts: [...window.__watch.texts] };
    });
    assert.match(await page.textContent('.summary'), new RegExp(`1 zone file, ${RECORDS} records`));
    assert.ok(watch.texts.some((t) => /^Reading big\.test\.zone: \d+ %$/.test(t)), watch.texts.join(' | '));
    assert.ok(watch.texts.includes('Finding problems and writing the fix…'), watch.texts.join(' | '));
    // The page's timer ran every 20 ms; under load, allow some slack, but never the length of the check.
    assert.ok(watch.maxGap < 1000, `the page stalled for ${Math.round(watch.maxGap)} ms (check took ${elapsed} ms)`);
    console.log(`# 1M records: ${elapsed} ms to the report; longest stall of the page ${Math.round(watch.maxGap)} ms`);
    await screenshot(page, 'large-report');
    // The worker was replaced (its memory given back); the files it made still download.
    const [zone] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download: Corrected zone/ }).click()]);
    assert.ok(statSync(await zone.path()).size > 20_000_000, 'the corrected zone of a million records');
    // The Cloudflare file holds only the records to add: here the mail host, DNS only.
    const [imp] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download: Cloudflare import file/ }).click()]);
    const importText = readFileSync(await imp.path(), 'utf8');
    assert.match(importText, /^mail\.big\.test\.\t300\tIN\tA\t192\.0\.2\.25 ; cf_tags=cf-proxied:false$/m);
    assert.ok(importText.length < 10_000, `only the records to add (${importText.length} bytes)`);

    // Cancelled while the core is busy: the worker is ended, the page is ready at once.
    await page.click('#clear-files');
    await page.setInputFiles('#files', file);
    await page.waitForFunction(() => document.body.dataset.state === 'running');
    await page.waitForFunction(() => document.getElementById('progress-text').textContent.startsWith('Reading'));
    const c0 = Date.now();
    await page.click('#cancel');
    assert.equal(await waitForResult(page, 5000), 'cancelled');
    assert.ok(Date.now() - c0 < 2000, `cancelled in ${Date.now() - c0} ms`);
    await page.click('#clear-files');
    await page.setInputFiles('#files', join(ROOT, 'examples/club-cloudflare-export.txt'));
    await page.waitForFunction(() => document.body.dataset.state === 'done');
    assert.equal(await page.locator('#report .finding').count(), 4);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
