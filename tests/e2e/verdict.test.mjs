// The verdict on the website: a broken example opens with it, before the
// findings; a resolver that cannot be reached (its requests aborted by the
// browser) gives "Could not check" with the resolver, the cause and another
// resolver in one click, never "No problem found." nor a green "all clear";
// the click checks again with Google's address, which the test answers from
// a real nsd + dnsdist resolver on loopback. Screens at 1280 and 390 px, in
// English and Japanese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certDir, startResolver, zonesIn } from '../resolver/resolver.mjs';
import { assertAxeClean as axe } from './lib/axe.mjs';
import { ROOT, newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { findingLines, withSite } from './lib/site.mjs';
import { reportMessage } from '../../www/lib/messages.js';
import { siteMessage } from '../../www/lib/site-messages.js';
import { RESOLVERS } from '../../www/lib/doh-driver.js';

const SEED = join(ROOT, 'examples/club-cloudflare-export.txt');
const scenario = (name) => {
  const dir = join(ROOT, 'tests/scenarios', name);
  return { name, dir, ...JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) };
};

const env = withSite(async () => {
  if (!existsSync(join(certDir(), 'cert.pem'))) {
    const r = spawnSync(join(ROOT, 'tests/resolver/make-cert.sh'), [certDir()], { stdio: 'inherit' });
    assert.equal(r.status, 0, 'make-cert.sh');
  }
});

// The requests for `pattern` answered by the resolver at `url` (the same query,
// method and body); returns the addresses asked, as they come. Routes of the
// context: they see the requests of the page's worker too, and the last one
// added goes first (before newPage's "block the rest").
async function answerFrom(context, pattern, url) {
  const asked = [];
  await context.route(pattern, async (route) => {
    asked.push(route.request().url());
    const response = await route.fetch({ url: url + new URL(route.request().url()).search });
    await route.fulfill({ response });
  });
  return asked;
}


// A page's console reports each aborted request: those are expected here, nothing else is.
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource: net::ERR_FAILED/.test(e));

test('a broken example opens with its verdict, before the findings', async () => {
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(env.site.url);
    await page.setInputFiles('#files', SEED);
    assert.equal(await waitForResult(page), 'done');
    const verdict = page.locator('#report #verdict');
    assert.equal(await verdict.getAttribute('data-state'), 'broken');
    assert.equal(await verdict.textContent(), reportMessage('report.verdict.broken', 'en', { domain: 'club.example' }));
    // The verdict, then What to do, then the evidence (folded under "How mxray knows").
    const follows = (a, b) => page.evaluate(([x, y]) => Boolean(document.querySelector(x).compareDocumentPosition(document.querySelector(y)) & Node.DOCUMENT_POSITION_FOLLOWING), [a, b]);
    assert.ok(await follows('#verdict', '#answer'), 'the verdict comes before What to do');
    assert.ok(await follows('#answer', 'details.how-known'), 'What to do comes before the evidence');
    assert.ok(await follows('details.how-known', '.finding-list'), 'the findings are under How mxray knows');
    assert.equal(await page.textContent('#answer h3'), reportMessage('report.answer.title', 'en'));
    assert.equal(await page.evaluate(() => document.querySelector('details.how-known').open), false, 'the evidence is folded');
    assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('verdict')).color), 'rgb(180, 35, 24)', 'broken is red (--critical)');
    assert.equal(await page.locator('.all-clear').count(), 0);
    await screenshot(page, 'verdict-broken-en-1280');
    await page.setViewportSize({ width: 390, height: 800 });
    await page.selectOption('#language', 'ja');
    assert.equal(await verdict.textContent(), reportMessage('report.verdict.broken', 'ja', { domain: 'club.example' }));
    await screenshot(page, 'verdict-broken-ja-390');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a resolver that cannot be reached: "Could not check", and another resolver in one click checks again', async () => {
  const sc = scenario('cpanel-mail-cname');
  const resolver = await startResolver({ zones: zonesIn(join(sc.dir, 'served')) });
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin], contextOptions: { bypassCSP: true } });
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(env.site.url);
    // The default resolver (Cloudflare) blocked.
    await context.route(`${RESOLVERS.cloudflare.wire}**`, (route) => route.abort());
    await page.fill('#domain', sc.domain);
    await page.click('#check');
    assert.equal(await waitForResult(page), 'done', await page.textContent('#form-error'));
    const verdict = page.locator('#report #verdict');
    assert.equal(await verdict.getAttribute('data-state'), 'could-not-tell');
    // It saw nothing of the mail: "Could not check", never "found no problem" (verdict-words.js, the CLI's rule too).
    assert.equal(await verdict.textContent(), reportMessage('report.verdictSawNothing', 'en', { domain: sc.domain }));
    assert.equal(await page.textContent('#could-not-check-title'), 'Could not check');
    const why = await page.textContent('.could-not-check-why');
    assert.ok(why.includes(RESOLVERS.cloudflare.wire), why);
    assert.ok(why.includes('the resolver could not be reached'), why);
    const report = await page.textContent('#report');
    assert.ok(!report.includes(reportMessage('report.noFindings', 'en')), 'never "No problem found."');
    assert.ok(!report.includes(reportMessage('report.noFix', 'en')), 'never "No change to make."');
    assert.equal(await page.textContent('#answer .answer-none'), reportMessage('report.noFixSawNothing', 'en'));
    assert.equal(await page.locator('.all-clear').count(), 0, 'no green all clear');
    // The screen reader hears the verdict first, never the counts alone ("0 critical, 0 warnings, 0 info").
    assert.equal(
      await page.textContent('#status'),
      siteMessage('status.doneVerdict', 'en', { verdict: reportMessage('report.verdictSawNothing', 'en', { domain: sc.domain }), summary: '0 critical, 0 warnings, 0 info' }),
    );
    assert.ok((await page.textContent('#status')).startsWith('Check finished. Could not check '));
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.getElementById('verdict')).color), 'rgb(23, 102, 57)', 'not green');
    // What was not looked at, folded: the unknown questions with their reason.
    const blind = page.locator('details.blind');
    assert.equal(await blind.count(), 1);
    assert.equal(await blind.evaluate((d) => d.open), false, '"Could not check" says why: the questions stay folded');
    assert.equal(await blind.locator('summary').textContent(), reportMessage('report.blindTitle', 'en'));
    await blind.locator('summary').click();
    const unknown = await blind.locator('.unknown-list li').allTextContents();
    assert.ok(unknown.length >= 1 && unknown.length <= 9, unknown.join('\n'));
    assert.ok(unknown[0].includes('the resolver could not be reached'), unknown[0]);
    const button = page.getByRole('button', { name: `Check again with ${RESOLVERS.google.label}` });
    assert.equal(await button.count(), 1);
    await screenshot(page, 'verdict-could-not-check-en-1280');
    await axe(page, 'could not check, "Not looked at" open');
    await page.setViewportSize({ width: 390, height: 800 });
    await screenshot(page, 'verdict-could-not-check-en-390');
    await page.selectOption('#language', 'ja');
    assert.equal(await page.textContent('#could-not-check-title'), 'チェックできませんでした');
    assert.ok((await page.textContent('.could-not-check-why')).includes('リゾルバに接続できませんでした'));
    await screenshot(page, 'verdict-could-not-check-ja-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'verdict-could-not-check-ja-1280');
    await page.selectOption('#language', 'en');

    // One click: Google's address, answered by the local resolver, checks the same domain again.
    const asked = await answerFrom(context, `${RESOLVERS.google.wire}**`, resolver.url);
    await page.evaluate(() => {
      document.body.dataset.state = 'idle';
    });
    await page.getByRole('button', { name: `Check again with ${RESOLVERS.google.label}` }).click();
    assert.equal(await waitForResult(page), 'done', await page.textContent('#form-error'));
    assert.ok(asked.length > 0, 'asked Google’s address');
    assert.ok(await page.isChecked('input[name="resolver"][value="google"]'), 'the settings show the resolver used');
    assert.equal(await verdict.getAttribute('data-state'), 'broken');
    assert.deepEqual((await findingLines(page)).sort(), [...sc.expect.live].sort());
    assert.equal(await page.locator('.could-not-check').count(), 0);
    // Live only, and broken: the fix in the dashboard's words, the server's likely
    // address offered for confirmation, never "No change to make".
    for (const lang of ['en', 'ja']) {
      await page.selectOption('#language', lang);
      // The answer (What to do) carries the sentences, the likely address and the steps.
      const fix = await page.textContent('#report #answer');
      assert.ok(!fix.includes(reportMessage('report.noFix', lang)) && !fix.includes(reportMessage('report.noFixForFindings', lang)), fix);
      assert.equal(await page.getAttribute('#answer .answer-where', 'data-panel'), 'cloudflare', 'live DNS answered from Cloudflare: its dashboard');
      const sentences = await page.locator('#answer .answer-changes li').allTextContents();
      assert.ok(sentences.length >= 1 && sentences.every((l) => l.includes(reportMessage('plan.dnsOnly', lang))), sentences.join('\n'));
      const steps = await page.locator('#report #answer ol.steps li').allTextContents();
      assert.ok(steps.some((l) => l.startsWith(reportMessage('steps.liveNote', lang))), steps.join('\n'));
      assert.ok(fix.includes(reportMessage('report.likelyOriginSite', lang, { address: '203.0.113.10' })), fix);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        // The answer alone: the whole page at 390 px is too tall to read.
        await page.locator('#report #answer').screenshot({ path: join(ROOT, 'build/e2e-screenshots', `verdict-live-fix-${lang}-${width}.png`) });
      }
    }
    assert.deepEqual(unexpected(errors), []);
  } finally {
    await context.close();
    await resolver.stop();
  }
});

test('a zone of another domain than the one checked is said so on its own line, not silently dropped', async () => {
  const sc = scenario('cpanel-mail-cname');
  const resolver = await startResolver({ zones: zonesIn(join(sc.dir, 'served')) });
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin, resolver.url] });
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(env.site.url);
    await page.click('#settings summary');
    await page.getByLabel('Another resolver').check();
    await page.fill('#resolver-url', resolver.url);
    await page.click('#settings summary');
    // The domain first: files alone would start an offline check.
    await page.fill('#domain', sc.domain);
    await page.setInputFiles('#files', SEED);
    await page.evaluate(() => {
      document.body.dataset.state = 'idle';
    });
    await page.click('#check');
    assert.equal(await waitForResult(page), 'done', await page.textContent('#form-error'));
    for (const lang of ['en', 'ja']) {
      await page.selectOption('#language', lang);
      const line = reportMessage('report.zoneOtherDomain', lang, { file: 'club-cloudflare-export.txt', apex: 'club.example', domain: 'club.test' });
      const warnings = await page.locator('#report .summary .warning-text').allTextContents();
      assert.ok(warnings.includes(line), warnings.join('\n'));
    }
    // The live check itself still ran and found the breakage.
    assert.equal(await page.locator('#report #verdict').getAttribute('data-state'), 'broken');
    await page.setViewportSize({ width: 390, height: 800 });
    await page.locator('#report .summary').screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'verdict-zone-other-domain-ja-390.png') });
    await page.selectOption('#language', 'en');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('#report .summary').screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'verdict-zone-other-domain-en-1280.png') });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await resolver.stop();
  }
});

// At risk (an MX target that is an alias), with a line the check could not read:
// the verdict says whether mail works is not known, never "mail works", on the
// page and in the screen reader's status line; English and Japanese, 1280 and 390 px.
test('at risk, but something was not looked at: the verdict does not say mail works', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'mxray-risk-')), 'risk.example.txt');
  writeFileSync(
    file,
    '$ORIGIN risk.example.\n$TTL 300\n@ IN SOA ns1.risk.example. hostmaster.risk.example. 1 3600 600 86400 300\n@ IN NS ns1.risk.example.\nns1 IN A 192.0.2.53\n' +
      '@ IN MX 10 mail\nmail IN CNAME host\nhost IN A 192.0.2.25\n@ IN TXT "v=spf1 mx -all"\n_dmarc IN TXT "v=DMARC1; p=reject"\nbad IN A 999.1.1.1\n',
  );
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin], contextOptions: { bypassCSP: true } });
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(env.site.url);
    await page.setInputFiles('#files', file);
    assert.equal(await waitForResult(page), 'done');
    const verdict = page.locator('#report #verdict');
    assert.equal(await verdict.getAttribute('data-state'), 'at-risk');
    assert.equal(await page.locator('details.blind').count(), 1, 'Not looked at');
    assert.equal(await page.locator('details.blind').evaluate((d) => d.open), true, 'its reasons in view');
    // In the page's words: the lines are listed under "Problems reading the zone files", not on a standard error.
    assert.deepEqual(await page.locator('details.blind > ul:not(.unknown-list) li').allTextContents(), [siteMessage('results.blind.rejected-records', 'en')]);
    assert.ok(!(await page.textContent('#report')).includes('standard error'));
    assert.ok((await page.textContent('details.blind')).includes(siteMessage('results.diagnosticsTitle', 'en')), 'names the section that lists them');
    const sentence = reportMessage('report.verdictBlind.at-risk', 'en', { domain: 'risk.example' });
    assert.equal(await verdict.textContent(), sentence);
    assert.ok(!(await page.textContent('#report')).includes(reportMessage('report.verdict.at-risk', 'en', { domain: 'risk.example' })), 'never "mail works"');
    assert.ok((await page.textContent('#status')).includes(sentence), 'the screen reader hears the same');
    // One warning is "1 warning", not "1 warnings".
    assert.equal(await page.textContent('#report .count.sev-warning'), '1 warning');
    await axe(page, 'at risk and blind, en');
    await screenshot(page, 'verdict-at-risk-blind-en-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#report [data-section="verdict"]').screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'verdict-at-risk-blind-en-390.png') });
    await page.selectOption('#language', 'ja');
    assert.equal(await verdict.textContent(), reportMessage('report.verdictBlind.at-risk', 'ja', { domain: 'risk.example' }));
    assert.ok((await page.textContent('details.blind')).includes(siteMessage('results.diagnosticsTitle', 'ja')));
    assert.ok(!(await page.textContent('#report')).includes('標準エラー'));
    await page.locator('#report [data-section="verdict"]').screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'verdict-at-risk-blind-ja-390.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'verdict-at-risk-blind-ja-1280');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
