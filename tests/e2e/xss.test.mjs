// Zone data is never markup: a zone whose names, TXT records, broken line and
// file name carry HTML and script is checked, and every payload shows as
// literal text in the findings, the diagnostics and diff2html's diff, while
// none of it runs (no window.__pwned, no dialog, no inline handler refused by
// the CSP, no element the payloads would make).
// Nor can it hide or pass for something else: bidi overrides and isolates in
// names, TXT, a bad line and the file name show as ⟨U+202E⟩, and names with
// Cyrillic letters that look Latin carry a flag that says what they imitate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { withSite } from './lib/site.mjs';

const ZONE = readFileSync(new URL('./data/xss-export.txt', import.meta.url));
const FILE_NAME = '<img src=x onerror=window.__pwned=9>.txt';
const BIDI_ZONE = readFileSync(new URL('./data/bidi-export.txt', import.meta.url));
// Shows as "bidi-enoz.txt" where the override works.
const BIDI_FILE = 'bidi-\u202Etxt.zone';
const HIDDEN = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\x1b]/;

const env = withSite();

// A new page that records CSP violations, with `buffer` checked as a zone file named `name`.
async function checkFile(name, buffer) {
  const opened = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  const { page } = opened;
  const violations = [];
  await page.exposeFunction('__cspViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  await page.goto(env.site.url);
  await page.setInputFiles('#files', { name, mimeType: 'text/plain', buffer });
  assert.equal(await waitForResult(page), 'done');
  return { ...opened, violations };
}

test('HTML and script in names, TXT, a bad line and the file name render as inert text', async () => {
  const { page, errors, outside, context, violations } = await checkFile(FILE_NAME, ZONE);
  try {
    // The evidence and the diff are folded under the answer: open both.
    await page.click('details.how-known > summary');
    await page.click('details.diff-fold > summary');
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

test('bidi controls and lookalike letters in names, TXT, a bad line and the file name are shown inert and flagged', async () => {
  const { page, errors, outside, context, violations } = await checkFile(BIDI_FILE, BIDI_ZONE);
  try {
    // The evidence and the diff are folded under the answer: open both.
    await page.click('details.how-known > summary');
    await page.click('details.diff-fold > summary');
    await page.waitForSelector('.d2h-file-wrapper');
    await page.waitForTimeout(200);

    // Not one bidi control or ESC in the page's text or attributes, diff2html's diff included.
    const page0 = await page.evaluate(() => {
      const texts = [];
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) texts.push(n.data);
      const attrs = [...document.querySelectorAll('body *')].flatMap((el) => [...el.attributes].map((a) => `${el.tagName} ${a.name}=${a.value}`));
      return { texts, attrs };
    });
    assert.deepEqual(page0.texts.filter((t) => HIDDEN.test(t)), [], 'no raw bidi control or ESC in the text');
    assert.deepEqual(page0.attrs.filter((t) => HIDDEN.test(t)), [], 'no raw bidi control or ESC in an attribute');

    const text = await page.evaluate(() => document.getElementById('report').innerText);
    for (const shown of [
      '"v=spf1 a ⟨U+202E⟩-all⟨U+2066⟩x⟨U+2069⟩"',
      '"v=DMARC1; p=⟨U+202E⟩<img src=x onerror=window.__pwned=7>⟨U+001B⟩[2J"',
      'bidi-⟨U+202E⟩txt.zone:28:23: error: invalid IPv4 address in A: "⟨U+202E⟩4.3.2.1"',
      '(bidi-⟨U+202E⟩txt.zone line 24)',
    ]) {
      assert.ok(text.includes(shown), `shown inert: ${shown}`);
    }
    assert.equal(await page.textContent('.file-name'), 'bidi-⟨U+202E⟩txt.zone');
    // The diff's removed SPF line, as diff2html draws it.
    assert.match(await page.textContent('.d2h-host'), /a ⟨U\+202E⟩-all⟨U\+2066⟩x⟨U\+2069⟩/);
    // Each ⟨U+…⟩ is marked and says what it stands for.
    const marks = await page.$$eval('#report .char-mark', (n) => [...new Set(n.map((x) => `${x.textContent} ${x.title}`))].sort());
    assert.deepEqual(marks, [
      '⟨U+001B⟩ contains a control character (U+001B)',
      '⟨U+202E⟩ contains a hidden character that changes the direction of text (U+202E)',
      '⟨U+2066⟩ contains a hidden character that changes the direction of text (U+2066)',
      '⟨U+2069⟩ contains a hidden character that changes the direction of text (U+2069)',
    ]);

    // One flag per flagged name per card, right after the name, which is isolated left to right.
    const flags = await page.$$eval('#report .finding .flag', (n) =>
      n.map((f) => ({
        card: f.closest('.finding').dataset.name,
        name: f.previousElementSibling?.matches('bdi.name[dir="ltr"]') ? f.previousElementSibling.textContent : null,
        text: f.textContent,
        title: f.title,
      })),
    );
    const expected = [
      { card: 'mail.bidi.test.', name: '\\208\\176\\209\\128\\209\\128\\211\\143\\208\\181.bidi.test', text: 'looks like ‘apple.bidi.test’ but is written in Cyrillic letters' },
      { card: '\\226\\128\\174gnp.bidi.test.', name: '\\226\\128\\174gnp.bidi.test', text: 'contains a hidden character that changes the direction of text (U+202E)' },
      { card: 'm\\208\\176il.bidi.test.', name: 'm\\208\\176il.bidi.test', text: 'looks like ‘mail.bidi.test’ but mixes Latin and Cyrillic letters' },
      { card: 'xn--pypal-4ve.bidi.test.', name: 'xn--pypal-4ve.bidi.test', text: 'looks like ‘paypal.bidi.test’ but mixes Latin and Cyrillic letters' },
    ];
    assert.deepEqual(flags.map(({ title, ...f }) => f).sort((a, b) => a.card.localeCompare(b.card)), [...expected].sort((a, b) => a.card.localeCompare(b.card)));
    for (const f of flags) assert.equal(f.title, f.text, 'the flag says it in its title too');
    // Ordinary names are not flagged.
    assert.equal(await page.$$eval('#report .finding[data-name="bidi.test."] .flag', (n) => n.length), 0);

    // The same in Japanese.
    await page.selectOption('#language', 'ja');
    const ja = await page.$$eval('#report .finding .flag', (n) => [...new Set(n.map((f) => f.textContent))].sort());
    assert.deepEqual(ja, [
      '「apple.bidi.test」に見えますが、キリル文字で書かれています',
      '「mail.bidi.test」に見えますが、ラテン文字とキリル文字が混ざっています',
      '「paypal.bidi.test」に見えますが、ラテン文字とキリル文字が混ざっています',
      '文字の並ぶ向きを変える見えない文字 (U+202E) を含んでいます',
    ]);
    await screenshot(page, 'bidi-inert');

    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no payload ran');
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
    assert.deepEqual(violations, [], 'nothing was even attempted against the CSP');
    assert.deepEqual(errors, []);
    assert.deepEqual(outside, []);
  } finally {
    await context.close();
  }
});
