// The site's verify view ("Is it fixed yet?", www/site/verify-view.js) against
// the real harness: nsd behind dnsdist on loopback (tests/resolver), the
// cpanel-mail-cname scenario's served zones with 3 s TTLs. An offline check of
// the scenario's export gives the fix; the view then asks the local resolver
// (the custom one of the settings) and shows the old answers; the zone is
// fixed and nsd reloaded, and the view turns to "Everyone now sees the fix"
// by itself after its countdown. With Unbound in between (cache: true) beside
// a resolver without a cache, the fix is "seen by some" with the seconds left.
// A resolver that cannot be reached is "could not ask", never seen. The
// intervals are shortened through window.mxrayVerifyTiming (seconds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certDir, startResolver, zonesIn } from '../resolver/resolver.mjs';
import { ROOT, SHOTS, newPage, waitForResult } from './lib/browser.mjs';
import { assertAxeClean } from './lib/axe.mjs';
import { withSite } from './lib/site.mjs';

const SCENARIO = join(ROOT, 'tests/scenarios/cpanel-mail-cname');
const EXPORT = join(SCENARIO, 'input/club.test-export.txt');

const env = withSite(async () => {
  if (!existsSync(join(certDir(), 'cert.pem'))) {
    const r = spawnSync(join(ROOT, 'tests/resolver/make-cert.sh'), [certDir()], { stdio: 'inherit' });
    assert.equal(r.status, 0, 'make-cert.sh');
  }
});

// The served zones in a folder of their own; club.test with TTLs of `ttl`
// seconds, as served now (the proxied mail CNAME) or as the fix makes it.
function servedZones() {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-verify-e2e-'));
  for (const f of readdirSync(join(SCENARIO, 'served'))) copyFileSync(join(SCENARIO, 'served', f), join(dir, f));
  const original = readFileSync(join(SCENARIO, 'served/club.test.zone'), 'utf8');
  let serial = 2345678901;
  const write = ({ fixed, ttl }) => {
    serial++;
    let text = original.replace('$TTL 300', `$TTL ${ttl}`).replace('2345678901 10000 2400 604800 1800', `${serial} 10000 2400 604800 ${ttl}`);
    if (fixed) {
      text = text
        .replace(/^mail {16}CNAME club\.test\.$/m, 'mail                A     203.0.113.10')
        .replace('"v=spf1 +a +mx include:_spf.mailhost.test ~all"', '"v=spf1 +a +mx include:_spf.mailhost.test ip4:203.0.113.10 ~all"');
      assert.match(text, /^mail {16}A {5}203\.0\.113\.10$/m, 'the fixed zone');
    }
    writeFileSync(join(dir, 'club.test.zone'), text);
  };
  write({ fixed: false, ttl: 3 });
  return { dir, write, zones: zonesIn(dir) };
}

// The view alone (the page above it is the report, shot by screenshots.test.mjs):
// build/e2e-screenshots/NAME.png.
async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.locator('#verify').screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function useResolver(page, url) {
  await page.click('#settings summary');
  await page.getByLabel('Another resolver').check();
  await page.fill('#resolver-url', url);
  await page.click('#settings summary');
}

// The view's record sets as {key, state, lines[], verdict}.
const records = (page) =>
  page.$$eval('#verify-records > li', (items) =>
    items.map((li) => ({
      key: `${li.dataset.name} ${li.dataset.type}`,
      state: li.dataset.state,
      expected: li.querySelector('.verify-expected')?.textContent ?? '',
      lines: [...li.querySelectorAll('.verify-resolvers li')].map((l) => ({ seen: l.dataset.seen, text: l.textContent })),
      verdict: li.querySelector('.verify-verdict')?.textContent ?? '',
    })),
  );

const waitPhase = (page, phases, timeout = 30000) =>
  page.waitForFunction((p) => p.includes(document.getElementById('verify').dataset.phase), phases, { timeout });

// Ticks the resolver list: only the labels given stay ticked.
async function askOnly(page, labels) {
  for (const box of await page.$$('#verify-resolver-list label')) {
    const label = await box.textContent();
    const input = await box.$('input');
    if (labels.some((l) => label.includes(l))) await input.check();
    else await input.uncheck();
  }
}

test('verify: old answers, then the fix is served and the view says so by itself; seen by some through a cache; an unreachable resolver is never seen', async () => {
  const served = servedZones();
  const plain = await startResolver({ zones: served.zones });
  const cached = await startResolver({ zones: served.zones, cache: true });
  const plainHost = new URL(plain.url).host;
  const cachedHost = new URL(cached.url).host;
  const { page, errors, context, outside } = await newPage(env.chromium.browser, { allow: [env.site.origin, 'https://127.0.0.1:'], contextOptions: { bypassCSP: true } });
  try {
    await page.addInitScript(() => {
      window.mxrayVerifyTiming = { min: 2, max: 6 };
    });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(env.site.url);
    await useResolver(page, plain.url);
    // The export alone: an offline check at once; its fix is the expectation.
    await page.setInputFiles('#files', EXPORT);
    assert.equal(await waitForResult(page), 'done');
    assert.ok(await page.isHidden('#verify'));
    const open = page.locator('#verify-open');
    assert.equal(await open.textContent(), 'Is it fixed yet?');
    mkdirSync(SHOTS, { recursive: true });
    await page.locator('#report [data-section="verify"]').screenshot({ path: join(SHOTS, 'verify-action-en-1280.png') });
    const box = await open.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, '44 px target');
    await open.click();
    await page.waitForSelector('#verify', { state: 'visible' }); // its code comes on the first click
    assert.equal(await page.evaluate(() => document.activeElement.id), 'verify-heading');
    assert.equal(await page.textContent('#verify-domain'), 'Domain: club.test');
    assert.match(await page.textContent('#verify'), /A browser cannot ask the domain's own name servers/);
    // The presets and the resolver of the settings. The public ones lie outside loopback: blocked here, so "could not ask".
    const listed = await page.$$eval('#verify-resolver-list label', (ls) => ls.map((l) => l.textContent.trim()));
    assert.deepEqual(listed, ['Cloudflare (1.1.1.1)', 'Google Public DNS (8.8.8.8)', 'Quad9 (9.9.9.9)', plainHost]);
    await waitPhase(page, ['waiting', 'limit']);
    let sets = await records(page);
    assert.deepEqual(sets.map((s) => s.key).sort(), ['club.test. TXT', 'mail.club.test. A', 'mail.club.test. CNAME']);
    for (const s of sets) {
      assert.equal(s.state, 'unknown', JSON.stringify(s));
      assert.ok(s.lines.filter((l) => l.seen === 'unknown').length >= 3, JSON.stringify(s));
      assert.ok(s.lines.some((l) => /^Cloudflare \(1\.1\.1\.1\): could not ask \(the resolver could not be reached\)/.test(l.text)), JSON.stringify(s.lines));
    }
    assert.equal(await page.getAttribute('#verify', 'data-state'), 'unknown');
    assert.match(await page.textContent('#verify-status'), /^Not known yet: a resolver could not be asked/);

    // Only the local resolver: the old answers, with the seconds they may last.
    await askOnly(page, [plainHost]);
    // The live region takes only changes of state; the countdown ticks beside it.
    await page.evaluate(() => {
      window.__said = [];
      const status = document.getElementById('verify-status');
      new MutationObserver(() => window.__said.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await page.click('#verify-now');
    await waitPhase(page, ['waiting']);
    sets = await records(page);
    const byKey = Object.fromEntries(sets.map((s) => [s.key, s]));
    assert.equal(byKey['mail.club.test. A'].state, 'seen-by-none');
    assert.equal(byKey['mail.club.test. A'].expected, 'Expected: 203.0.113.10 DNS only');
    assert.match(byKey['mail.club.test. A'].lines[0].text, new RegExp(`^${plainHost}: old answer: the proxy’s addresses (104\\.21\\.48\\.1, 172\\.67\\.160\\.1|172\\.67\\.160\\.1, 104\\.21\\.48\\.1) \\([0-3] s left\\)$`));
    assert.match(byKey['mail.club.test. A'].verdict, /^Not seen by any resolver yet\. Whether the change is published cannot be told from here/);
    assert.equal(byKey['mail.club.test. CNAME'].expected, 'No longer: club.test.');
    assert.match(byKey['mail.club.test. CNAME'].lines[0].text, /old answer: club\.test\./);
    assert.equal(byKey['club.test. TXT'].state, 'seen-by-none');
    assert.equal(byKey['club.test. TXT'].expected, 'Expected: "v=spf1 +a +mx include:_spf.mailhost.test ip4:203.0.113.10 ~all"', 'a TXT record has no proxy state');
    assert.match(await page.textContent('#verify-status'), /^No resolver sees the fix yet\./);
    await page.waitForFunction(() => /^Checking again in 0:0[0-6]$/.test(document.getElementById('verify-countdown').textContent));
    const shownBefore = await page.textContent('#verify-countdown');
    await new Promise((r) => setTimeout(r, 1100));
    await screenshot(page, 'verify-old-en-1280');

    // The fix goes out: nsd serves it; the view finds it by itself after the countdown.
    served.write({ fixed: true, ttl: 3 });
    await plain.reload();
    await cached.reload();
    const t0 = Date.now();
    await waitPhase(page, ['done'], 30000);
    assert.ok(Date.now() - t0 < 20000, `seen within ${Date.now() - t0} ms`);
    assert.equal(await page.textContent('#verify-status'), 'Everyone now sees the fix.');
    assert.ok(await page.isHidden('#verify-countdown'));
    assert.ok(await page.isHidden('#verify-stop'), 'nothing left to stop');
    sets = await records(page);
    for (const s of sets) {
      assert.equal(s.state, 'seen-by-all', JSON.stringify(s));
      assert.match(s.lines[0].text, /: serves the fix$/);
      assert.equal(s.verdict, 'Seen by every resolver asked');
    }
    const said = await page.evaluate(() => window.__said);
    assert.ok(!said.some((t) => /Checking again/.test(t)), `the ticks are not announced: ${JSON.stringify(said)}`);
    assert.ok(said.length <= 4, `announced only the changes: ${JSON.stringify(said)}`);
    assert.notEqual(shownBefore, null);

    await assertAxeClean(page, 'verify done (en)');
    await screenshot(page, 'verify-done-en-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'verify-done-en-390');
    // Every control of the view: a checkbox through its label.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('#verify button, #verify input')]
        .map((el) => (el.type === 'checkbox' ? el.closest('label') : el))
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => ({ what: el.id || el.textContent.trim(), r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.height < 44 || r.width < 44)
        .map(({ what, r }) => `${what} ${r.width}x${r.height}`),
    );
    assert.deepEqual(small, [], '44 px targets at 390 px');
    assert.ok((await page.$$('#verify button, #verify input')).length >= 9);
    await page.selectOption('#language', 'ja');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    assert.equal(await page.textContent('#verify-status'), 'すべてのリゾルバに修正が反映されました。');
    assert.equal(await page.textContent('#verify-heading'), '修正は反映されましたか？');
    assert.match((await records(page))[0].lines[0].text, /修正後の値を返しています/);
    await screenshot(page, 'verify-done-ja-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'verify-done-ja-1280');
    await assertAxeClean(page, 'verify done (ja)');
    await page.selectOption('#language', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    // Through a cache: Unbound holds the old answer (8 s) while the resolver without one serves the fix.
    served.write({ fixed: false, ttl: 8 });
    await plain.reload();
    await cached.reload();
    await new Promise((r) => setTimeout(r, 4000)); // the 3 s answers Unbound may hold run out
    await page.fill('#verify-add-url', cached.url);
    await page.click('#verify-add'); // added, ticked, and asked at once
    await askOnly(page, [plainHost, cachedHost]);
    await waitPhase(page, ['waiting']);
    assert.equal(await page.getAttribute('#verify', 'data-state'), 'seen-by-none', 'both serve the old zone; Unbound caches it');
    served.write({ fixed: true, ttl: 8 });
    await plain.reload();
    await cached.reload();
    await page.click('#verify-now');
    await page.waitForFunction(() => document.getElementById('verify').dataset.phase === 'waiting' && document.getElementById('verify').dataset.state !== 'seen-by-none', null, { timeout: 15000 });
    assert.equal(await page.getAttribute('#verify', 'data-state'), 'seen-by-some');
    sets = await records(page);
    const a = sets.find((s) => s.key === 'mail.club.test. A');
    assert.equal(a.state, 'seen-by-some', JSON.stringify(a));
    assert.match(a.verdict, /^Seen by some resolvers; the others hold the old answer for up to [1-8] s more$/);
    assert.ok(a.lines.some((l) => l.seen === 'serves' && l.text.startsWith(plainHost)), JSON.stringify(a.lines));
    assert.ok(a.lines.some((l) => l.seen === 'old' && new RegExp(`^${cachedHost}: old answer: the proxy’s addresses (104\\.21\\.48\\.1, 172\\.67\\.160\\.1|172\\.67\\.160\\.1, 104\\.21\\.48\\.1) \\([1-8] s left\\)$`).test(l.text)), JSON.stringify(a.lines));
    assert.match(await page.textContent('#verify-status'), /^Some resolvers see the fix; everyone should within [1-8] s\.$/);
    await screenshot(page, 'verify-some-en-1280');
    await page.selectOption('#language', 'ja');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    await screenshot(page, 'verify-some-ja-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'verify-some-ja-390');
    await page.selectOption('#language', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await screenshot(page, 'verify-some-en-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await waitPhase(page, ['done'], 30000);
    assert.equal(await page.textContent('#verify-status'), 'Everyone now sees the fix.');

    // A resolver that cannot be reached: "could not ask", and the verdict is unknown, never seen.
    await page.fill('#verify-add-url', 'https://127.0.0.1:9/dns-query');
    await page.click('#verify-add');
    await waitPhase(page, ['waiting']);
    assert.equal(await page.getAttribute('#verify', 'data-state'), 'unknown');
    sets = await records(page);
    for (const s of sets) {
      assert.equal(s.state, 'unknown');
      assert.ok(s.lines.some((l) => l.seen === 'unknown' && /^127\.0\.0\.1:9: could not ask/.test(l.text)), JSON.stringify(s.lines));
      assert.equal(s.verdict, 'Unknown: a resolver could not be asked, so this does not count as seen');
    }
    // A URL that is no DoH endpoint is refused with its reason.
    await page.fill('#verify-add-url', 'http://127.0.0.1/dns-query');
    await page.click('#verify-add');
    assert.notEqual(await page.textContent('#verify-add-error'), '');

    // Stop: the countdown goes and nothing more is asked.
    await page.click('#verify-stop');
    assert.equal(await page.getAttribute('#verify', 'data-phase'), 'stopped');
    assert.match(await page.textContent('#verify-status'), /Stopped watching\. Press Check now to look again\.$/);
    assert.ok(await page.isHidden('#verify-countdown'));
    assert.equal(await page.evaluate(() => document.activeElement.id), 'verify-now');
    await screenshot(page, 'verify-stopped-en-1280');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'verify-stopped-dark-en-1280');
    await assertAxeClean(page, 'verify stopped (dark)');
    await page.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual(outside.filter((u) => !/cloudflare-dns\.com|dns\.google|dns\.quad9\.net/.test(u)), [], 'nothing but the resolvers of the list was asked');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await plain.stop();
    await cached.stop();
    rmSync(served.dir, { recursive: true, force: true });
  }
});

test('verify: watching stops at its limit and says so', async () => {
  const served = servedZones();
  const plain = await startResolver({ zones: served.zones });
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin, plain.url] });
  try {
    // An hour in production; 3 s here, with 2 s between looks: the second look is the last.
    await page.addInitScript(() => {
      window.mxrayVerifyTiming = { min: 2, max: 2, limit: 3 };
    });
    await page.goto(env.site.url);
    await useResolver(page, plain.url);
    await page.setInputFiles('#files', EXPORT);
    assert.equal(await waitForResult(page), 'done');
    await page.click('#verify-open');
    await askOnly(page, [new URL(plain.url).host]);
    await page.click('#verify-now');
    await waitPhase(page, ['limit'], 20000);
    assert.match(await page.textContent('#verify-status'), /Stopped after an hour of watching\. Press Check now to look again\.$/);
    assert.ok(await page.isHidden('#verify-countdown'));
    // Closing the view ends it.
    await page.click('#verify-close');
    assert.ok(await page.isHidden('#verify'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await plain.stop();
    rmSync(served.dir, { recursive: true, force: true });
  }
});
