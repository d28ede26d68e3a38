// The browser extension, unpacked in Debian's Chromium: the options page
// points it at a real nsd + dnsdist DoH resolver on loopback (tests/resolver)
// serving a scenario's zones; the popup, opened for an address under the
// scenario's domain, reduces it to the registrable domain, checks it live and
// shows the verdict, the counts and the top findings that scenario expects;
// "Full report" opens the bundled website, which checks the domain again.
// Then tabs that are not web pages, and the popup in Japanese.
//
// The popup is opened as a page of its own (popup.html?url=ADDRESS stands for
// the active tab: a headless browser has no toolbar button to press); opened
// without ?url it reads the real active tab through chrome.tabs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certDir, startResolver, zonesIn } from '../resolver/resolver.mjs';
import { ROOT, SHOTS } from './lib/browser.mjs';
import { launchWithExtension } from './lib/extension.mjs';
import { build } from '../../www/extension/build.mjs';
import { findingLines } from './lib/site.mjs';
import { findingMessage, reportMessage } from '../../www/lib/messages.js';
import { RESOLVERS } from '../../www/lib/doh-driver.js';
import { extensionMessage } from '../../www/lib/extension-messages.js';
import { placeholderWords } from '../../www/lib/report-text.js';
import { createRequire } from 'node:module';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// axe-core (npm) in an extension page: evaluated through the DevTools
// protocol, which the page's CSP does not govern. No serious or critical violation.
async function axe(page, label) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`), [], label);
}

const scenario = (name) => {
  const dir = join(ROOT, 'tests/scenarios', name);
  return { name, dir, ...JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) };
};

let ext = null;
before(async () => {
  if (!existsSync(join(certDir(), 'cert.pem'))) {
    const r = spawnSync(join(ROOT, 'tests/resolver/make-cert.sh'), [certDir()], { stdio: 'inherit' });
    assert.equal(r.status, 0, 'make-cert.sh');
  }
  // The resolvers listen on loopback at ports chosen per test.
  ext = await launchWithExtension({ allow: ['https://127.0.0.1:'] });
});
after(async () => {
  await ext?.close();
});

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// The options page, used as a person would: another resolver, its URL, Save.
async function chooseResolver(url, { lang } = {}) {
  const page = await ext.context.newPage();
  try {
    await page.goto(ext.url('options.html'));
    await page.check('#resolver-custom');
    await page.fill('#resolver-url', url);
    if (lang !== undefined) await page.selectOption('#language', lang);
    await page.click('#save');
    await page.waitForFunction(() => document.getElementById('status').textContent !== '');
    await axe(page, 'options page');
    return await page.evaluate(() => JSON.parse(localStorage.getItem('mxray.settings')));
  } finally {
    await page.close();
  }
}

async function popupFor(tabUrl) {
  const page = await ext.context.newPage();
  await page.goto(ext.url(`popup.html?url=${encodeURIComponent(tabUrl)}`));
  await page.waitForFunction(() => ['done', 'error', 'no-domain'].includes(document.body.dataset.state), null, { timeout: 30000 });
  return page;
}

// The popup's answer: after the verdict and before the counts, where to make the
// changes and one sentence per change, each saying DNS only; nothing wider than the popup.
async function popupAnswer(page, lang) {
  assert.ok(await page.isVisible('#answer'));
  const follows = (a, b) => page.evaluate(([x, y]) => Boolean(document.getElementById(x).compareDocumentPosition(document.getElementById(y)) & Node.DOCUMENT_POSITION_FOLLOWING), [a, b]);
  assert.ok((await follows('verdict', 'answer')) && (await follows('answer', 'counts')), 'verdict, answer, counts');
  assert.equal(await page.textContent('#answer-title'), extensionMessage('popup.whatToDo', lang));
  assert.equal(await page.textContent('#answer-where'), extensionMessage('popup.where.cloudflare', lang));
  const sentences = await page.$$eval('#answer-changes li', (n) => n.map((x) => x.textContent));
  assert.ok(sentences.length >= 1 && sentences.length <= 3, sentences.join('\n'));
  const dnsOnly = lang === 'ja' ? 'DNS のみ' : 'DNS only';
  assert.ok(sentences.every((l) => l.includes(dnsOnly) && /mail\.club\.test|club\.test/.test(l)), sentences.join('\n'));
  // The server's address is not in live DNS (the proxy hides it): the likely one offered, to check.
  assert.equal(
    await page.textContent('#answer-address'),
    extensionMessage('popup.likelyAddress', lang, { placeholder: placeholderWords('origin-ipv4', lang), address: '203.0.113.10' }),
  );
  const wide = await page.evaluate(() => [document.body.scrollWidth, ...[...document.querySelectorAll('#answer-changes li, #answer-address')].map((li) => li.getBoundingClientRect().right)]);
  assert.ok(wide.every((w) => w <= 380), `within 380 px: ${wide.join(', ')}`);
}

test('the manifest asks for the least that works', () => {
  const manifest = JSON.parse(readFileSync(join(ext.dir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual(manifest.permissions, ['activeTab']);
  assert.deepEqual(manifest.host_permissions, ['https://cloudflare-dns.com/*', 'https://dns.google/*']);
  assert.match(manifest.content_security_policy.extension_pages, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(manifest.background, undefined, 'no background script');
  assert.ok(manifest.browser_specific_settings.gecko.id);
});

test('popup: a scenario domain checked live, the full report opened from it', async () => {
  const sc = scenario('cpanel-mail-cname');
  const resolver = await startResolver({ zones: zonesIn(join(sc.dir, 'served')) });
  try {
    const saved = await chooseResolver(resolver.url);
    // Only what was changed is stored.
    assert.deepEqual(saved, { resolver: 'custom', resolverUrl: resolver.url });

    const before = ext.requests.length;
    const page = await popupFor(`https://www.${sc.domain}/contact?from=test`);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
    assert.equal(await page.inputValue('#domain'), sc.domain, 'the registrable domain of www.club.test');
    assert.equal(await page.textContent('#from-tab'), `From this tab: www.${sc.domain}`);
    assert.equal(await page.textContent('#verdict'), `Mail for ${sc.domain} is likely broken.`);
    const expected = sc.expect.live.map((line) => {
      const [rule, severity, name] = line.split(' ');
      return { rule, severity, names: [name] };
    });
    const count = (s) => String(expected.filter((f) => f.severity === s).length);
    assert.deepEqual(await page.$$eval('#counts .count-number', (n) => n.map((x) => x.textContent)), [count('critical'), count('warning'), count('info')]);
    // The top three, most severe first, in the catalogue's words.
    const headlines = await page.$$eval('#findings .headline', (n) => n.map((x) => x.textContent));
    assert.equal(headlines.length, Math.min(3, expected.length));
    const bySeverity = ['critical', 'warning', 'info'];
    const wanted = [...expected].sort((a, b) => bySeverity.indexOf(a.severity) - bySeverity.indexOf(b.severity));
    assert.deepEqual([...headlines].sort(), wanted.slice(0, 3).map((f) => findingMessage(f, 'en')).sort());
    assert.deepEqual(await page.$$eval('#findings .severity', (n) => n.map((x) => x.textContent)), ['critical', 'critical', 'warning']);
    assert.equal(await page.textContent('#resolver'), `Resolver: ${new URL(resolver.url).host}`);
    assert.equal(await page.textContent('#psl'), `Public Suffix List of ${ext.psl.date}`);
    // What to do, right under the verdict: one sentence per change, in Cloudflare's words
    // (live DNS answers the mail names from Cloudflare's proxy), all within the popup's 380 px.
    await popupAnswer(page, 'en');
    await shot(page, 'extension-popup-critical');
    await axe(page, 'popup with a report');
    // Every request went to the extension itself or the chosen resolver.
    const asked = ext.requests.slice(before).filter((u) => !u.startsWith(ext.url('')));
    assert.ok(asked.length > 0 && asked.every((u) => u.startsWith(resolver.url)), asked.slice(0, 5).join('\n'));

    // "Full report": the bundled website, the domain filled in and checked.
    const opened = ext.context.waitForEvent('page');
    await page.click('#full-report');
    const report = await opened;
    await report.waitForLoadState();
    assert.equal(report.url(), ext.url(`site/index.html#domain=${sc.domain}`));
    await report.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state), null, { timeout: 30000 });
    assert.equal(await report.evaluate(() => document.body.dataset.state), 'done', await report.textContent('#form-error'));
    assert.equal(await report.inputValue('#domain'), sc.domain);
    assert.deepEqual((await findingLines(report)).sort(), [...sc.expect.live].sort());
    await shot(report, 'extension-full-report');
    await report.close();
    if (!page.isClosed()) await page.close();
    // The same answer in Japanese.
    await chooseResolver(resolver.url, { lang: 'ja' });
    const ja = await popupFor(`https://www.${sc.domain}/`);
    await popupAnswer(ja, 'ja');
    await shot(ja, 'extension-popup-critical-ja');
    await ja.close();
  } finally {
    await resolver.stop();
    await chooseResolver(resolver.url, { lang: '' });
  }
  assert.deepEqual(ext.outside, []);
  assert.deepEqual(ext.errors, []);
});

test('popup: a healthy domain, and the popup in Japanese', async () => {
  const sc = scenario('cf-email-routing-healthy');
  const resolver = await startResolver({ zones: zonesIn(join(sc.dir, 'served')) });
  try {
    await chooseResolver(resolver.url, { lang: 'ja' });
    const page = await popupFor(`http://${sc.domain}/`);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    assert.equal(await page.textContent('#verdict'), `${sc.domain} に問題は見つかりませんでした。`);
    assert.equal(await page.textContent('#full-report'), '詳しいレポート');
    assert.deepEqual(await page.$$eval('#findings li', (n) => n.length), 0);
    assert.ok(await page.isHidden('#top-title'));
    await shot(page, 'extension-popup-clean-ja');
    await page.close();
  } finally {
    await resolver.stop();
    // Back to the browser's language for the next tests.
    assert.deepEqual(await chooseResolver(resolver.url, { lang: '' }), { resolver: 'custom', resolverUrl: resolver.url });
  }
  assert.deepEqual(ext.outside, []);
  assert.deepEqual(ext.errors, []);
});

// A check that reached one of its limits (a CNAME chain past 8 links) could not
// look at everything: the popup lists why under "Not looked at", in English and
// Japanese, never the verdict alone; and its "at risk" does not say mail works.
test('popup: what the check could not look at is listed, not only counted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-chain-'));
  const links = Array.from({ length: 11 }, (_, i) => `c${i + 1} IN CNAME c${i + 2}`).join('\n');
  writeFileSync(
    join(dir, 'chain.test.zone'),
    `$ORIGIN chain.test.\n$TTL 300\n@ IN SOA ns.chain.test. hostmaster.chain.test. 1 3600 600 86400 300\n@ IN NS ns.chain.test.\nns IN A 192.0.2.53\n@ IN MX 10 mail\nmail IN CNAME c1\n${links}\nc12 IN A 192.0.2.25\n`,
  );
  const resolver = await startResolver({ zones: zonesIn(dir) });
  try {
    for (const lang of ['en', 'ja']) {
      await chooseResolver(resolver.url, { lang });
      const page = await popupFor('https://chain.test/');
      assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
      // At risk (the MX target is an alias), but the chain to its address was cut: never "works".
      assert.equal(await page.getAttribute('#verdict', 'data-state'), 'at-risk');
      assert.equal(await page.textContent('#verdict'), extensionMessage('popup.verdictBlind.at-risk', lang, { domain: 'chain.test' }));
      assert.ok(await page.isVisible('#blind'), 'Not looked at is shown');
      assert.equal(await page.textContent('#counts .sev-warning'), lang === 'en' ? '1 warning' : '1 警告');
      assert.equal(await page.textContent('#blind-title'), reportMessage('report.blindTitle', lang));
      assert.deepEqual(await page.$$eval('#blind-list li', (n) => n.map((x) => x.textContent)), [reportMessage('report.blind.budget', lang)]);
      assert.ok(await page.isHidden('#could-not-check'), 'the resolver answered');
      await axe(page, `popup, not looked at, ${lang}`);
      await shot(page, `extension-popup-blind-${lang}`);
      await page.close();
    }
  } finally {
    await resolver.stop();
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(await chooseResolver(resolver.url, { lang: '' }), { resolver: 'custom', resolverUrl: resolver.url });
  }
  assert.deepEqual(ext.outside, []);
  assert.deepEqual(ext.errors, []);
});

test('popup: tabs that are not web pages, or not one domain, say so and ask nothing; a lookalike domain is flagged', async () => {
  const before = ext.requests.length;
  const cases = [
    ['chrome://settings/', 'This tab is not a web page (chrome:).'],
    ['file:///home/user/zone.txt', 'This tab is not a web page (file:).'],
    ['about:blank', 'This tab is not a web page (about:).'],
    ['https://192.0.2.10/', 'This tab’s address is an IP address (192.0.2.10), not a domain.'],
    ['http://localhost:8080/', 'localhost is not a public domain name.'],
    ['https://printer.local/', 'printer.local is not a public domain name.'],
    ['https://co.uk/', 'co.uk is a public suffix, shared by many owners, not one domain.'],
  ];
  for (const [url, words] of cases) {
    const page = await popupFor(url);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'no-domain', url);
    const text = await page.textContent('#tab-problem');
    assert.ok(text.startsWith(words), `${url}: ${text}`);
    assert.ok(await page.isHidden('#result'));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'domain', 'the domain field has the focus');
    if (url.startsWith('chrome:')) {
      await shot(page, 'extension-popup-not-web');
      await axe(page, 'popup for a tab that is not a web page');
    }
    await page.close();
  }
  // Opened without ?url, the popup reads the real active tab: its own page.
  const page = await ext.context.newPage();
  await page.goto(ext.url('popup.html'));
  await page.waitForFunction(() => document.body.dataset.state === 'no-domain');
  assert.ok((await page.textContent('#tab-problem')).startsWith('This tab is not a web page (chrome-extension:).'));
  await page.close();
  const asked = ext.requests.slice(before).filter((u) => !u.startsWith(ext.url('')));
  assert.deepEqual(asked, [], 'no DNS question without a domain');

  // A tab whose domain imitates another is flagged above the check's result
  // (the local resolver has no such zone: it refuses, and the check says so).
  const resolver = await startResolver({ zones: zonesIn(join(scenario('cf-email-routing-healthy').dir, 'served')) });
  try {
    await chooseResolver(resolver.url);
    const spoof = await popupFor('https://www.xn--pypal-4ve.com/login');
    assert.equal(await spoof.textContent('#lookalike'), 'xn--pypal-4ve.com: looks like ‘paypal.com’ but mixes Latin and Cyrillic letters');
    assert.equal(await spoof.inputValue('#domain'), 'xn--pypal-4ve.com');
    await spoof.close();
  } finally {
    await resolver.stop();
  }
  assert.deepEqual(ext.errors, []);
});

test('popup: a resolver that cannot be reached says "Could not check", and another resolver in one click checks again', async () => {
  const sc = scenario('cpanel-mail-cname');
  const resolver = await startResolver({ zones: zonesIn(join(sc.dir, 'served')) });
  // The chosen resolver's requests aborted; Cloudflare's address answered by the local resolver.
  const chosen = (url) => url.href.startsWith(resolver.url);
  const block = (route) => route.abort();
  const cloudflare = (url) => url.href.startsWith(RESOLVERS.cloudflare.wire);
  const asked = [];
  const forward = async (route) => {
    asked.push(route.request().url());
    const response = await route.fetch({ url: resolver.url + new URL(route.request().url()).search });
    await route.fulfill({ response });
  };
  const errorsBefore = ext.errors.length;
  try {
    await chooseResolver(resolver.url);
    await ext.context.route(chosen, block);
    const page = await popupFor(`https://www.${sc.domain}/`);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
    assert.equal(await page.getAttribute('#verdict', 'data-state'), 'could-not-tell');
    assert.equal(await page.textContent('#verdict'), extensionMessage('popup.verdict.could-not-tell', 'en', { domain: sc.domain }));
    assert.ok(await page.isVisible('#could-not-check'));
    assert.equal(await page.textContent('#could-not-check-title'), 'Could not check');
    const why = await page.textContent('#could-not-check-why');
    assert.ok(why.includes(resolver.url) && why.includes('the resolver could not be reached'), why);
    assert.ok(!(await page.textContent('#result')).includes('No problem found'));
    assert.ok(await page.isHidden('#counts'), 'no 0 / 0 / 0 when nothing was checked');
    assert.ok(await page.isHidden('#answer'), 'no change to make is never said when nothing was checked');
    assert.ok(await page.evaluate(() => document.getElementById('verdict').compareDocumentPosition(document.getElementById('could-not-check')) & Node.DOCUMENT_POSITION_FOLLOWING), 'the verdict first');
    assert.equal(await page.textContent('#other-resolver'), `Check again with ${RESOLVERS.cloudflare.label}`);
    await shot(page, 'extension-popup-could-not-check');
    await axe(page, 'popup that could not check');

    await ext.context.route(cloudflare, forward);
    await page.evaluate(() => {
      document.body.dataset.state = 'idle';
    });
    await page.click('#other-resolver');
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state), null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', await page.textContent('#error'));
    assert.ok(asked.length > 0, 'asked Cloudflare’s address');
    assert.equal(await page.getAttribute('#verdict', 'data-state'), 'broken');
    assert.ok(await page.isHidden('#could-not-check'));
    assert.equal(await page.textContent('#resolver'), `Resolver: ${RESOLVERS.cloudflare.label}`);
    await shot(page, 'extension-popup-other-resolver');
    await page.close();

    // The same in Japanese.
    await ext.context.unroute(cloudflare, forward);
    await chooseResolver(resolver.url, { lang: 'ja' });
    const ja = await popupFor(`https://${sc.domain}/`);
    assert.equal(await ja.textContent('#could-not-check-title'), 'チェックできませんでした');
    assert.equal(await ja.textContent('#other-resolver'), `${RESOLVERS.cloudflare.label} でもう一度チェック`);
    await shot(ja, 'extension-popup-could-not-check-ja');
    await ja.close();
  } finally {
    await ext.context.unroute(chosen, block);
    await ext.context.unroute(cloudflare, forward);
    await resolver.stop();
    assert.deepEqual(await chooseResolver(resolver.url, { lang: '' }), { resolver: 'custom', resolverUrl: resolver.url });
  }
  // The console reports each aborted request; nothing else.
  const mine = ext.errors.splice(errorsBefore);
  assert.deepEqual(mine.filter((e) => !/Failed to load resource: net::ERR_FAILED/.test(e)), []);
  assert.deepEqual(ext.outside, []);
});

test('the zip for the Chrome Web Store holds the unpacked extension, manifest at its root; the same sources give the same zip', async () => {
  const r = spawnSync('unzip', ['-Z1', ext.zip], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const names = r.stdout.trim().split('\n');
  assert.ok(names.includes('manifest.json'));
  for (const f of ['popup.html', 'popup.js', 'options.html', 'site/index.html', 'site/mxray-core.wasm', 'icons/128.png', '_locales/en/messages.json', '_locales/ja/messages.json']) {
    assert.ok(names.includes(f), f);
  }
  assert.ok(!names.some((n) => n.split('/').some((part) => part.startsWith('_') && part !== '_locales')), 'no other name starting with "_" (reserved by Chrome)');
  const t = spawnSync('unzip', ['-tq', ext.zip], { encoding: 'utf8' });
  assert.equal(t.status, 0, t.stdout + t.stderr);
  const again = mkdtempSync(join(tmpdir(), 'mxray-ext-again-'));
  try {
    const second = await build({ out: again });
    const sha = (f) => createHash('sha256').update(readFileSync(f)).digest('hex');
    assert.equal(sha(second.zip), sha(ext.zip));
  } finally {
    rmSync(again, { recursive: true, force: true });
  }
});
