// The last check of each domain, remembered in the browser only (IndexedDB):
// the broken example, then (after a reload) the zone mxray's own fix writes,
// shows "Since your last check" with the verdict moving and the findings that
// are gone; the settings say how many checks are kept and forget them; the
// bundled example run by "Try the example" is not remembered. English and
// Japanese, 1280 and 390 px, axe clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertAxeClean as axe } from './lib/axe.mjs';
import { ROOT, newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { withSite } from './lib/site.mjs';
import { findingMessage } from '../../www/lib/messages.js';
import { siteMessage } from '../../www/lib/site-messages.js';

const SEED = join(ROOT, 'examples/club-cloudflare-export.txt');
const env = withSite();

// The corrected zone, as `mxray check --format zone` writes it (exit 1: the seed is broken).
function fixedZone() {
  const r = spawnSync(process.execPath, [join(ROOT, 'www/cli/mxray.mjs'), 'check', '--zone', SEED, '--offline', '--format', 'zone'], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const file = join(mkdtempSync(join(tmpdir(), 'mxray-history-')), 'club-fixed.txt');
  writeFileSync(file, r.stdout);
  return file;
}


const history = (page) => page.locator('#report [data-section="history"] details.history');
const historyState = (page) => page.waitForFunction(() => document.body.dataset.history).then((h) => h.jsonValue());

async function check(page, file) {
  await page.setInputFiles('#files', file);
  assert.equal(await waitForResult(page), 'done');
  return historyState(page);
}

test('a check is remembered across a reload, and the next one of the domain shows what changed since', async () => {
  const fixed = fixedZone();
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin], contextOptions: { bypassCSP: true } });
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(env.site.url);
    assert.equal(await check(page, SEED), 'first');
    assert.equal(await history(page).getAttribute('data-state'), 'first');
    assert.equal(await history(page).evaluate((d) => d.open), false, 'folded when there is nothing to compare');
    await history(page).locator('summary').click();
    assert.equal(await history(page).locator('p.help').textContent(), siteMessage('history.first', 'en', { domain: 'club.example' }));

    // A new visit: the page reads what the last one stored.
    await page.reload();
    assert.equal(await check(page, fixed), 'changes');
    const box = history(page);
    assert.equal(await box.evaluate((d) => d.open), true, 'open when something changed');
    const verdict = box.locator('.history-verdict');
    assert.equal(await verdict.getAttribute('data-before'), 'broken');
    assert.equal(await verdict.getAttribute('data-now'), 'fine');
    assert.equal(await verdict.textContent(), siteMessage('history.verdictChanged', 'en', { before: 'broken', now: 'fine' }));
    const gone = await box.locator('.history-gone li').allTextContents();
    assert.ok(gone.includes(findingMessage({ rule: 'mail-host-proxied', names: ['mail.club.example.'] }, 'en')), gone.join('\n'));
    // The fix makes mail.club.example DNS only: that its address is now seen is new, and said.
    assert.deepEqual(await box.locator('.history-added li').evaluateAll((li) => li.map((x) => x.dataset.rule)), ['origin-exposed']);
    // The section sits right under the verdict.
    assert.ok(await page.evaluate(() => Boolean(document.getElementById('verdict').compareDocumentPosition(document.querySelector('details.history')) & Node.DOCUMENT_POSITION_FOLLOWING)));
    await axe(page, 'history, en');
    await screenshot(page, 'history-en-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, 'nothing wider than the phone');
    await screenshot(page, 'history-en-390');
    await page.selectOption('#language', 'ja');
    assert.equal(await history(page).locator('summary').textContent(), siteMessage('history.heading', 'ja'));
    assert.equal(await history(page).locator('.history-verdict').textContent(), siteMessage('history.verdictChanged', 'ja', { before: '不具合あり', now: '問題なし' }));
    await axe(page, 'history, ja');
    await screenshot(page, 'history-ja-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'history-ja-1280');

    // The settings count what is kept, and forget it.
    await page.click('#settings > summary');
    await page.waitForFunction(() => document.getElementById('history-kept').textContent.length > 0);
    assert.equal(await page.textContent('#history-kept'), siteMessage('history.kept', 'ja', { count: 1 }));
    await page.selectOption('#language', 'en');
    await page.waitForFunction((t) => document.getElementById('history-kept').textContent === t, siteMessage('history.kept', 'en', { count: 1 }));
    await page.click('#history-forget');
    await page.waitForFunction(() => document.body.dataset.history === 'forgotten');
    assert.equal(await page.textContent('#run-note'), siteMessage('history.forgotten', 'en'));
    await page.waitForFunction((t) => document.getElementById('history-kept').textContent === t, siteMessage('history.none', 'en'));
    assert.equal(await history(page).count(), 0, 'the section goes with what it compared');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'history-forget');

    // Forgotten for good: the next visit starts over.
    await page.reload();
    assert.equal(await check(page, fixed), 'first');

    // The bundled example is nobody's domain: it is not remembered, and the count stays.
    await page.reload();
    await page.click('#try-example');
    assert.equal(await waitForResult(page), 'done');
    assert.equal(await history(page).count(), 0);
    await page.click('#settings > summary');
    await page.waitForFunction((t) => document.getElementById('history-kept').textContent === t, siteMessage('history.kept', 'en', { count: 1 }));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
