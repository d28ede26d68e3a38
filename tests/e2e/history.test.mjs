// The last check of each domain, remembered in the browser only (IndexedDB):
// the broken example, then (after a reload) the zone mxray's own fix writes,
// shows "Since your last check" with the verdict moving and the findings that
// are gone; the settings say how many checks are kept and forget them; the
// bundled example run by "Try the example" is not remembered. English and
// Japanese, 1280 and 390 px, axe clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertAxeClean as axe } from './lib/axe.mjs';
import { ROOT, newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { withSite } from './lib/site.mjs';
import { certDir, startResolver, zonesIn } from '../resolver/resolver.mjs';
import { findingMessage, reportMessage } from '../../www/lib/messages.js';
import { siteMessage } from '../../www/lib/site-messages.js';

const SEED = join(ROOT, 'examples/club-cloudflare-export.txt');
const env = withSite(async () => {
  if (!existsSync(join(certDir(), 'cert.pem'))) {
    const r = spawnSync(join(ROOT, 'tests/resolver/make-cert.sh'), [certDir()], { stdio: 'inherit' });
    assert.equal(r.status, 0, 'make-cert.sh');
  }
});

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

// Unknown is not fixed: a live check that finds the breakage, then the same
// domain with a resolver that cannot be reached (could not tell, no finding):
// the findings are "not seen this time", never "gone"; then back to the good
// resolver: they are "found now, not seen then", never "new". Then the fixed
// zone as a file: its findings are not "gone" from live DNS either.
test('after a check that could not look, the findings are not called gone; after it, not called new', async () => {
  const dir = join(ROOT, 'tests/scenarios/cpanel-mail-cname');
  const resolver = await startResolver({ zones: zonesIn(join(dir, 'served')) });
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin, resolver.url], contextOptions: { bypassCSP: true } });
  const useResolver = async (url) => {
    await page.click('#settings > summary');
    await page.check('#resolver-custom');
    await page.fill('#resolver-url', url);
    await page.click('#settings > summary');
  };
  const checkLive = async () => {
    await page.evaluate(() => {
      document.body.dataset.state = 'idle';
      delete document.body.dataset.history;
    });
    await page.fill('#domain', 'club.test');
    await page.click('#check');
    assert.equal(await waitForResult(page), 'done', await page.textContent('#form-error'));
    return historyState(page);
  };
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(env.site.url);
    await useResolver(resolver.url);
    assert.equal(await checkLive(), 'first');
    const found = await page.$$eval('#report .finding', (cards) => cards.map((c) => c.dataset.rule).sort());
    assert.ok(found.includes('mail-host-proxied'), found.join(' '));

    // Nothing listens on port 9 (and the page may not reach it): the resolver cannot be reached.
    await useResolver('https://127.0.0.1:9/dns-query');
    assert.equal(await checkLive(), 'changes');
    assert.equal(await page.getAttribute('#report #verdict', 'data-state'), 'could-not-tell');
    const box = history(page);
    assert.equal(await box.locator('.history-gone').count(), 0, 'never "Gone since then" after a check that could not look');
    const unseen = box.locator('.history-unseen');
    assert.equal(await unseen.locator('h4').textContent(), siteMessage('history.goneBlind', 'en'));
    assert.equal(await unseen.locator('p.help').textContent(), siteMessage('history.goneBlindHelp', 'en'));
    assert.deepEqual((await unseen.locator('li').evaluateAll((li) => li.map((x) => x.dataset.rule))).sort(), found);
    assert.ok(!(await box.textContent()).includes(siteMessage('history.gone', 'en')));
    assert.equal(await box.locator('.history-verdict').textContent(), siteMessage('history.verdictChanged', 'en', { before: 'broken', now: 'could not tell' }));
    await axe(page, 'history after a check that could not look, en');
    await screenshot(page, 'history-blind-en-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, 'nothing wider than the phone');
    await box.screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'history-blind-en-390.png') });
    await page.selectOption('#language', 'ja');
    assert.equal(await unseen.locator('h4').textContent(), siteMessage('history.goneBlind', 'ja'));
    assert.equal(await unseen.locator('p.help').textContent(), siteMessage('history.goneBlindHelp', 'ja'));
    assert.ok((await unseen.locator('p.help').textContent()).includes(reportMessage('report.blindTitle', 'ja')), 'names the section it points to, in Japanese');
    await box.screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'history-blind-ja-390.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'history-blind-ja-1280');
    await page.selectOption('#language', 'en');

    // The reverse: the good resolver again finds what the last check could not see.
    await useResolver(resolver.url);
    assert.equal(await checkLive(), 'changes');
    assert.equal(await page.getAttribute('#report #verdict', 'data-state'), 'broken');
    assert.equal(await box.locator('.history-added').count(), 0, 'never "New since then" after a check that could not look');
    const again = box.locator('.history-found-unsure');
    assert.equal(await again.locator('h4').textContent(), siteMessage('history.addedBlind', 'en'));
    assert.equal(await again.locator('p.help').textContent(), siteMessage('history.addedBlindHelp', 'en'));
    assert.deepEqual((await again.locator('li').evaluateAll((li) => li.map((x) => x.dataset.rule))).sort(), found);
    await axe(page, 'history after a check that could not look, then one that could, en');
    await page.selectOption('#language', 'ja');
    assert.equal(await again.locator('h4').textContent(), siteMessage('history.addedBlind', 'ja'));
    await box.screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'history-blind-back-ja-1280.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await box.screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'history-blind-back-ja-390.png') });
    // The fixed zone, uploaded: it is fine, but it is a file, not what DNS serves. The
    // findings of live DNS are "not found in what this check read", never "gone".
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.selectOption('#language', 'en');
    await page.fill('#domain', '');
    await page.evaluate(() => {
      document.body.dataset.state = 'idle';
      delete document.body.dataset.history;
    });
    assert.equal(await check(page, join(dir, 'expected/club.test-export.txt')), 'changes');
    assert.equal(await page.getAttribute('#report #verdict', 'data-state'), 'fine');
    assert.equal(await box.locator('.history-gone').count(), 0, 'a zone file does not make live DNS fixed');
    assert.equal(
      await box.locator('.history-other-inputs').textContent(),
      siteMessage('history.otherInputs', 'en', { before: reportMessage('report.mode.live', 'en'), now: reportMessage('report.mode.offline', 'en') }),
    );
    assert.equal(await box.locator('.history-unseen h4').textContent(), siteMessage('history.goneOtherInputs', 'en'));
    assert.deepEqual((await box.locator('.history-unseen li').evaluateAll((li) => li.map((x) => x.dataset.rule))).sort(), found);
    await axe(page, 'history across inputs, en');
    await box.screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'history-other-inputs-en-1280.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.selectOption('#language', 'ja');
    assert.equal(await box.locator('.history-unseen h4').textContent(), siteMessage('history.goneOtherInputs', 'ja'));
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, 'nothing wider than the phone');
    await box.screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'history-other-inputs-ja-390.png') });
    // The page's console reports each request the test blocked: those are expected, nothing else.
    assert.deepEqual(errors.filter((e) => !/Failed to load resource: net::ERR_FAILED/.test(e)), []);
  } finally {
    await context.close();
    await resolver.stop();
  }
});
