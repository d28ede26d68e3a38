// Zone data is never markup: a zone whose names, TXT records, broken line and
// file name carry HTML and script is checked, and every payload shows as
// literal text in the findings, the diagnostics and diff2html's diff, while
// none of it runs (no window.__pwned, no dialog, no inline handler refused by
// the CSP, no element the payloads would make).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { withSite } from './lib/site.mjs';

const ZONE = readFileSync(new URL('./data/xss-export.txt', import.meta.url));
const FILE_NAME = '<img src=x onerror=window.__pwned=9>.txt';

const env = withSite();

test('HTML and script in names, TXT, a bad line and the file name render as inert text', async () => {
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    const violations = [];
    await page.exposeFunction('__cspViolation', (v) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    });
    await page.goto(env.site.url);
    await page.setInputFiles('#files', { name: FILE_NAME, mimeType: 'text/plain', buffer: ZONE });
    assert.equal(await waitForResult(page), 'done');
    await page.waitForSelector('.d2h-file-wrapper');
    await page.getByLabel('Side by side').check();
    await page.waitForSelector('.d2h-file-side-diff');
    await page.getByLabel('Unified').check();
    await page.waitForSelector('.d2h-file-wrapper:not(:has(.d2h-file-side-diff))');
    await page.waitForTimeout(200); // time for any onerror/onload that would fire

    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no payload ran');
    const text = await page.evaluate(() => document.getElementById('report').innerText);
    for (const literal of [
      '<svg/onload=window.__pwned=2>.xss.test.',
      '<img\\032src=x\\032onerror=window.__pwned=1>.xss.test.',
      '"v=spf1 <script>window.__pwned=3</script> -all"',
      '<img src=x onerror=alert(document.domain)>',
      `${FILE_NAME}:14:`,
      '"<b>window.__pwned=5</b>"',
    ]) {
      assert.ok(text.includes(literal), `shown literally: ${literal}`);
    }
    assert.equal(await page.textContent('.file-name'), FILE_NAME);
    const diffLines = await page.$$eval('.d2h-code-line-ctn', (n) => n.map((x) => x.textContent));
    assert.ok(diffLines.some((l) => l.includes('<svg/onload=window.__pwned=2>.xss.test.')), 'the diff shows the name as text');
    assert.ok(diffLines.some((l) => l.includes('"v=spf1 <script>window.__pwned=3</script> -all"')), 'the diff shows the TXT as text');
    // No element that a payload would have made, and no event-handler attribute anywhere.
    const dom = await page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      b: document.querySelectorAll('#report b').length,
      scripts: document.querySelectorAll('body script').length,
      svg: [...document.querySelectorAll('#report svg')].filter((s) => !s.classList.contains('d2h-icon')).length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
    }));
    assert.deepEqual(dom, { img: 0, b: 0, scripts: 0, svg: 0, handlers: [] });
    const cards = await page.$$eval('#report .finding', (c) => c.map((x) => `${x.dataset.rule} ${x.dataset.name}`));
    assert.ok(cards.includes('mx-target-proxied <img\\032src=x\\032onerror=window.__pwned=1>.xss.test.'), cards.join('\n'));
    await screenshot(page, 'xss-inert');
    assert.deepEqual(violations, [], 'nothing was even attempted against the CSP');
    assert.deepEqual(errors, []);
    assert.deepEqual(outside, []);
  } finally {
    await context.close();
  }
});

test('the CSP blocks a script injected into the page, inline or from elsewhere', async () => {
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    const outcome = await page.evaluate(async () => {
      const seen = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
      const tries = {};
      // Inline script text: Trusted Types refuse the plain string; the CSP would refuse it anyway.
      try {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = 1';
        document.body.append(s);
        tries.inline = 'appended';
      } catch (e) {
        tries.inline = e.name;
      }
      // Markup with an event handler, through a sink that takes HTML.
      try {
        document.body.insertAdjacentHTML('beforeend', '<img src="x" onerror="window.__injected = 2">');
        tries.html = 'inserted';
      } catch (e) {
        tries.html = e.name;
      }
      await new Promise((r) => setTimeout(r, 200));
      return { injected: window.__injected ?? null, tries, seen };
    });
    assert.equal(outcome.injected, null, JSON.stringify(outcome));
    assert.equal(outcome.tries.inline, 'TypeError');
    assert.equal(outcome.tries.html, 'TypeError');
    assert.ok(outcome.seen.includes('require-trusted-types-for'), JSON.stringify(outcome.seen));
    // The page reports what it blocked; nothing else went wrong.
    assert.ok(errors.every((e) => /Trusted Type|Content Security Policy|TrustedHTML|TrustedScript/i.test(e)), errors.join('\n'));
  } finally {
    await context.close();
  }
});
