// The page a hurried admin meets: on a first visit the drop zone, the domain
// and Check are in the first screen (laptop and phone, English and Japanese);
// "Try the example" runs the bundled club example; "How do I export my zone?"
// gives the menu paths of Cloudflare, cPanel and Plesk; after a check the
// verdict takes the focus and is in view, and a second check never shows the
// first one's results; everything a finger presses is at least 44 × 44 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, newPage, waitForResult } from './lib/browser.mjs';
import { findingLines, withSite } from './lib/site.mjs';

const SEED = join(ROOT, 'examples/club-cloudflare-export.txt');
const MIGRATION = join(ROOT, 'tests/scenarios/migration-two-zones');
const CLUB_FINDINGS = ['mail-host-proxied critical mail.club.example.', 'mx-target-proxied critical club.example.'];

const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const env = withSite();

// A page at `viewport` in `lang` (the browser's language picks the page's).
async function open(viewport, lang = 'en', extra = {}) {
  const opened = await newPage(env.chromium.browser, {
    allow: [env.site.origin],
    contextOptions: { viewport, locale: lang === 'ja' ? 'ja-JP' : 'en-GB', reducedMotion: 'reduce', ...extra },
  });
  await opened.page.goto(env.site.url);
  await opened.page.waitForFunction(() => document.body.dataset.state === 'idle');
  return opened;
}

// Where an element is in the window, and whether it is all inside it.
const placeOf = (page, selector) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, inside: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth };
  });

// The element that has the focus, told by its section or id.
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { section: el.dataset?.section ?? null, id: el.id, inView: r.top >= 0 && r.top < innerHeight && r.bottom > 0, text: el.textContent.slice(0, 80) };
  });

for (const viewport of [LAPTOP, PHONE]) {
  for (const lang of ['en', 'ja']) {
    test(`first visit at ${viewport.width}×${viewport.height} (${lang}): the drop zone, the domain and Check are in the first screen`, async () => {
      const { page, context, errors } = await open(viewport, lang);
      try {
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
        assert.equal(await page.evaluate(() => scrollY), 0);
        for (const selector of ['#dropzone', '#domain', '#check']) {
          const place = await placeOf(page, selector);
          assert.ok(place.inside, `${selector} at ${JSON.stringify(place)} is not inside ${viewport.width}×${viewport.height}`);
        }
        // Nothing sticks out sideways on a phone.
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}

test('"Try the example" checks the bundled club example offline, and its verdict takes the focus', async () => {
  const { page, context, errors, outside, requests } = await open(PHONE);
  try {
    // A domain typed first does not turn the example into a live check.
    await page.fill('#domain', 'example.org');
    await page.click('#try-example');
    assert.equal(await waitForResult(page), 'done');
    assert.deepEqual(await page.$$eval('#file-list .file-name', (n) => n.map((x) => x.textContent)), ['club-cloudflare-export.txt']);
    const findings = await findingLines(page);
    for (const line of CLUB_FINDINGS) assert.ok(findings.includes(line), findings.join('\n'));
    assert.match(await page.textContent('.summary h3'), /club\.example/);
    const now = await focused(page);
    assert.equal(now.section, 'verdict', JSON.stringify(now));
    assert.ok(now.inView, `the verdict is in view: ${JSON.stringify(now)}`);
    assert.ok(await page.evaluate(() => scrollY) > 0, 'the page scrolled down to the verdict');
    assert.deepEqual(outside, [], 'nothing was asked outside the page');
    assert.ok(requests.every((u) => u.startsWith(env.site.origin)), requests.join('\n'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('"How do I export my zone?" gives the menu paths of Cloudflare, cPanel and Plesk, in English and Japanese', async () => {
  const { page, context, errors } = await open(LAPTOP);
  try {
    assert.equal(await page.isVisible('#export-cloudflare'), false, 'closed at first');
    await page.click('#export-help summary');
    assert.equal(await page.textContent('#export-help summary'), 'How do I export my zone?');
    assert.match(await page.textContent('#export-cloudflare'), /DNS › Records › Import and Export › Export/);
    assert.match(await page.textContent('#export-cpanel'), /Domains › Zone Editor › Manage/);
    assert.match(await page.textContent('#export-cpanel'), /\/var\/named\/<domain>\.db/);
    assert.match(await page.textContent('#export-plesk'), /Websites & Domains › DNS Settings/);
    assert.deepEqual(await page.$$eval('#export-help dt', (n) => n.map((x) => x.textContent)), ['Cloudflare', 'cPanel', 'Plesk']);
    await page.selectOption('#language', 'ja');
    assert.equal(await page.textContent('#export-help summary'), 'ゾーンのエクスポート方法');
    assert.match(await page.textContent('#export-cloudflare'), /「DNS › レコード › インポートとエクスポート › エクスポート」/);
    assert.match(await page.textContent('#export-cpanel'), /\/var\/named\/<ドメイン>\.db/);
    assert.match(await page.textContent('#export-plesk'), /「ウェブサイトとドメイン › DNS 設定」/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a chosen file: the verdict takes the focus; a second check never shows the first one\'s results', async () => {
  const { page, context, errors, outside } = await open(LAPTOP);
  try {
    await page.setInputFiles('#files', SEED);
    assert.equal(await waitForResult(page), 'done');
    const now = await focused(page);
    assert.equal(now.section, 'verdict', JSON.stringify(now));
    assert.ok(now.inView, JSON.stringify(now));
    assert.ok((await findingLines(page)).includes(CLUB_FINDINGS[0]));

    // What the report holds at the moment the second check starts.
    await page.evaluate(() => {
      window.__atStart = null;
      new MutationObserver(() => {
        if (document.body.dataset.state === 'running' && window.__atStart === null) {
          window.__atStart = { findings: document.querySelectorAll('#report .finding').length, report: document.getElementById('report').textContent };
        }
      }).observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
      document.body.dataset.state = 'idle';
    });
    const mig = JSON.parse(readFileSync(join(MIGRATION, 'scenario.json'), 'utf8'));
    await page.setInputFiles('#files', mig.zones.map((z) => join(MIGRATION, z)));
    await page.waitForFunction(() => document.body.dataset.state === 'done' && document.querySelectorAll('#file-list li').length === 2);
    const atStart = await page.evaluate(() => window.__atStart);
    assert.deepEqual(atStart, { findings: 0, report: '' }, 'the first report was gone when the second check started');
    assert.deepEqual((await findingLines(page)).sort(), [...mig.expect.offline].sort());
    assert.doesNotMatch(await page.textContent('#report'), /club\.example/);
    assert.equal((await focused(page)).section, 'verdict');
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// Every control of the page's frame (the report's own controls aside), with
// what a finger presses: a checkbox or radio button is pressed through its
// label, the hidden file input through the drop zone.
const targets = (page) =>
  page.evaluate(() => {
    const out = [];
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    for (const el of document.querySelectorAll('button, a[href], input, select, textarea, summary')) {
      if (el.closest('#report')) continue;
      let target = el;
      if (el.matches('input[type="checkbox"], input[type="radio"]')) target = el.closest('label') ?? el.labels?.[0] ?? el;
      else if (el.matches('input[type="file"]')) {
        if (el.hidden) continue; // "Add files" opens it
        target = el.labels?.[0] ?? el;
      }
      if (!shown(target)) continue;
      const r = target.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.type ? `[${el.type}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
      out.push({ name, width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 });
    }
    return out;
  });

for (const viewport of [LAPTOP, PHONE]) {
  test(`every button, link and field of the page is at least 44 × 44 px at ${viewport.width} wide, the file remove button too`, async () => {
    const { page, context, errors } = await open(viewport);
    try {
      await page.setInputFiles('#files', SEED);
      assert.equal(await waitForResult(page), 'done');
      for (const sel of ['#export-help summary', '.options summary', '#settings summary']) await page.click(sel);
      await page.focus('.skip'); // shown when focused
      const all = await targets(page);
      const names = all.map((t) => t.name);
      for (const must of ['button#check', 'button#try-example', 'select#language', 'input#domain', 'a', 'summary', 'input#offline', 'input[radio]', 'button#add-files', 'button#clear-files']) {
        assert.ok(names.some((n) => n.startsWith(must)), `${must} was measured: ${names.join(', ')}`);
      }
      assert.ok(names.some((n) => n.includes('"Remove club-cloudflare-export.txt"')), 'the file remove button was measured');
      const small = all.filter((t) => t.width < 44 || t.height < 44);
      assert.deepEqual(small, [], 'smaller than 44 × 44 px');
      assert.ok(all.length >= 20, `${all.length} targets`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}
