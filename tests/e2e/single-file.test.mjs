// The single-file build (build/site-single/mxray.html) opened from disk
// (file://): the wasm, the worker and the rule pages are inside it, its CSP
// allows its inline script and style by hash only, and nothing is fetched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { withSite } from './lib/site.mjs';

const env = withSite();

test('the single file works from file:// with nothing fetched', async () => {
  const html = readFileSync(env.site.single, 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp, 'a CSP meta tag');
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval'(?!)|\*/);
  assert.doesNotMatch(html, /<script[^>]+\bsrc=|<link[^>]+stylesheet/, 'nothing loaded from elsewhere');

  const url = pathToFileURL(env.site.single).href;
  const { page, requests, outside, errors, context } = await newPage(env.chromium.browser, { allow: [url] });
  try {
    await page.goto(url);
    await page.setInputFiles('#files', join(ROOT, 'examples/club-cloudflare-export.txt'));
    assert.equal(await waitForResult(page), 'done');
    assert.equal(await page.locator('#report .finding').count(), 4);
    // The evidence and the diff are folded under the answer: open both.
    await page.click('details.how-known > summary');
    await page.click('details.diff-fold > summary');
    await page.waitForSelector('.d2h-file-wrapper');
    await screenshot(page, 'single-file-report');
    // The rule page is a section of the file.
    await page.click('#finding-1 a.rule-link');
    assert.equal(new URL(page.url()).hash, '#rule-en-mail-host-proxied');
    assert.ok(await page.isVisible('#rule-en-mail-host-proxied h1'));
    assert.ok(await page.isHidden('main'));
    await screenshot(page, 'single-file-rule');
    await page.click('#rule-en-mail-host-proxied a[href="#rule-ja-mail-host-proxied"]');
    assert.match(await page.textContent('#rule-ja-mail-host-proxied h1'), /^mail-host-proxied — /);
    await page.click('#rule-ja-mail-host-proxied a[href="#results"]');
    assert.ok(await page.isVisible('#results'));
    assert.deepEqual(outside, []);
    assert.deepEqual(requests, [url], 'only the file itself');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
