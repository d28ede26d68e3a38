// The live-check setting that asks the PTR of origin addresses (settings.js askPtr): a checkbox
// in Settings, off by default, kept in this browser, with a 44 px target, in English and
// Japanese, and no serious or critical axe-core violation. Screenshots at 1280 and 390 px, of
// Settings and of the results' "Not asked" group, which axe checks too (EN and JA).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { startResolver, zonesIn } from '../resolver/resolver.mjs';
import { withSite } from './lib/site.mjs';
import { assertAxeClean } from './lib/axe.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const env = withSite();

// The group lies inside the page's width: nothing of it cut off or scrolled sideways.
async function assertFits(page, box, label) {
  const { right, scroll, client } = await box.evaluate((el) => ({ right: el.getBoundingClientRect().right, scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(right <= client && scroll <= client, `${label}: the group ends at ${right} px, the page is ${scroll} px wide in a ${client} px view`);
}

test('settings: "ask the reverse DNS too" is off by default, is kept, and reads in EN and JA', async () => {
  const { page, context, errors } = await newPage(env.chromium.browser, { allow: [env.site.origin], contextOptions: { bypassCSP: true } });
  try {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(env.site.url);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.click('#settings summary');
      assert.equal(await page.isChecked('#ask-ptr'), false, 'off unless chosen');
      const label = page.locator('label:has(#ask-ptr)');
      const box = await label.boundingBox();
      assert.ok(box.height >= 44, `the target is ${box.height} px tall`);
      assert.match(await label.textContent(), /Ask the reverse DNS \(PTR\) of the mail server’s address too/);
      await label.click();
      assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('mxray.settings')).askPtr), true);
      await page.reload();
      await page.click('#settings summary');
      assert.equal(await page.isChecked('#ask-ptr'), true, 'kept after a reload');
      await screenshot(page, `ask-ptr-en-${width}`);
      await page.selectOption('#language', 'ja');
      assert.match(await label.textContent(), /メールサーバーのアドレスの逆引き DNS \(PTR\) も問い合わせる/);
      assert.match(await page.textContent('#ask-ptr-help'), /リゾルバに伝えることになります/);
      await screenshot(page, `ask-ptr-ja-${width}`);
      await page.addScriptTag({ content: AXE });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
      assert.deepEqual(bad.map((v) => v.id), [], `${width} px`);
      await page.selectOption('#language', 'en');
      await label.click();
      assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('mxray.settings')).askPtr), false);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a live check with the setting off says, under the verdict, which reverse DNS was not asked (EN, JA)', async () => {
  const resolver = await startResolver({ zones: zonesIn(join(ROOT, 'tests/scenarios/origin-no-ptr/served')) });
  // bypassCSP: the page admits no inline script, and axe is injected (lib/axe.mjs).
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin, resolver.url], contextOptions: { bypassCSP: true } });
  try {
    await page.goto(env.site.url);
    await page.click('#settings summary');
    await page.getByLabel('Another resolver').check();
    await page.fill('#resolver-url', resolver.url);
    await page.fill('#domain', 'noptr.test');
    await page.click('#check');
    assert.equal(await waitForResult(page), 'done');
    const box = page.locator('.not-asked');
    const en = /Reverse DNS of 203\.0\.113\.170 was not asked \(the setting “Ask the reverse DNS \(PTR\) of the mail server’s address too” asks it\)/;
    const ja = /203\.0\.113\.170 の逆引き DNS \(PTR\) は問い合わせていません/;
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.selectOption('#language', 'en');
      assert.match(await box.textContent(), en);
      await assertFits(page, box, `en ${width} px`);
      await screenshot(page, `ask-ptr-not-asked-en-${width}`);
      await assertAxeClean(page, `results with the not-asked group, en ${width} px`);
      await page.selectOption('#language', 'ja');
      assert.match(await box.textContent(), ja);
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      await assertFits(page, box, `ja ${width} px`);
      await screenshot(page, `ask-ptr-not-asked-ja-${width}`);
      await assertAxeClean(page, `results with the not-asked group, ja ${width} px`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await resolver.stop();
  }
});
