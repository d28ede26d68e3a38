// The hosted build in Chromium, offline: the seed example dropped or chosen,
// the findings and the diff, no request leaving the page, symptoms, the
// language switch, downloads, several files, Cloudflare API JSON and a zone
// with a broken line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { siteMessage } from '../../www/lib/site-messages.js';
import { inputMessage, reportMessage } from '../../www/lib/messages.js';
import { ROOT, newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { findingLines, withSite } from './lib/site.mjs';
import { loadCore } from '../../www/lib/core-node.js';
import { analyse } from '../../www/cli/check.mjs';

const SEED = join(ROOT, 'examples/club-cloudflare-export.txt');
const scenario = (name) => join(ROOT, 'tests/scenarios', name);

const env = withSite();


test('the seed example offline: findings, evidence, diff; not one request leaves the page', async () => {
  const { page, requests, outside, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    await page.setInputFiles('#files', SEED);
    assert.equal(await waitForResult(page), 'done');
    assert.deepEqual(await findingLines(page), [
      'mail-host-proxied critical mail.club.example.',
      'mx-target-proxied critical club.example.',
      'service-host-proxied warning webdisk.club.example.',
      'dmarc-advice info _dmarc.club.example.',
    ]);
    // The evidence is folded under "How mxray knows", after the answer.
    await page.click('details.how-known > summary');
    const first = page.locator('#finding-1');
    await assert.doesNotReject(first.getByText('Mail apps cannot connect: mail.club.example leads to the proxy, which carries no mail').waitFor());
    const steps = await first.locator('ol.evidence li').allTextContents();
    assert.equal(steps[0], 'mail.club.example is an alias (CNAME) of club.example (club-cloudflare-export.txt line 27); the record is DNS-only');
    // Its "does not carry port N" steps said once.
    assert.equal(steps.filter((s) => /does not carry port/.test(s)).length, 1, steps.join('\n'));
    assert.ok(steps.some((s) => /^Cloudflare's proxy does not carry ports (\d+, )+\d+ and \d+ \(/.test(s) && s.includes('993')), steps.join('\n'));
    assert.equal(await first.locator('a.rule-link').getAttribute('href'), 'rules/en/mail-host-proxied.html');
    // The counts by severity.
    assert.deepEqual(await page.$$eval('.counts .count-number', (n) => n.map((x) => x.textContent)), ['2', '1', '1']);
    // The diff, drawn by diff2html, folded: the CNAME goes, the A record comes.
    await page.click('details.diff-fold > summary');
    await page.waitForSelector('.d2h-file-wrapper');
    const deleted = await page.$$eval('.d2h-del .d2h-code-line-ctn', (n) => n.map((x) => x.textContent));
    const inserted = await page.$$eval('.d2h-ins .d2h-code-line-ctn', (n) => n.map((x) => x.textContent));
    assert.ok(deleted.some((l) => /mail\.club\.example\.\s+1\s+IN\s+CNAME\s+club\.example\./.test(l)), deleted.join('\n'));
    assert.ok(inserted.some((l) => /mail\.club\.example\.\s+1\s+IN\s+A\s+203\.0\.113\.25/.test(l)), inserted.join('\n'));
    // Both line numbers of an unchanged line side by side, whole: the page's own table
    // styles once pushed the new side's under the old side's, cut off by the row.
    const numbers = await page.$$eval('.d2h-cntx.d2h-code-linenumber', (cells) =>
      cells.map((cell) => {
        const [a, b] = [cell.querySelector('.line-num1'), cell.querySelector('.line-num2')].map((n) => n.getBoundingClientRect());
        const row = cell.closest('tr').getBoundingClientRect();
        return { sameLine: Math.abs(a.top - b.top) < 1, inRow: b.bottom <= row.bottom + 0.5, apart: a.right <= b.left + 0.5 };
      }),
    );
    assert.ok(numbers.length > 5);
    assert.deepEqual(numbers.filter((n) => !(n.sameLine && n.inRow && n.apart)), []);
    // The plan and the panel steps, from the shared renderer.
    assert.match(await page.textContent('pre.plan'), /\+ CREATE\s+mail\.club\.example\. A 203\.0\.113\.25 \(DNS only\)/);
    assert.ok((await page.locator('ol.steps').count()) === 2);
    await screenshot(page, 'offline-seed-en');
    // The rule page it links to exists and renders.
    const rule = await context.newPage();
    await rule.goto(`${env.site.origin}rules/en/mail-host-proxied.html`);
    assert.match(await rule.textContent('h1'), /^mail-host-proxied — /);
    await screenshot(rule, 'rule-page-en');
    await rule.close();
    assert.deepEqual(outside, [], 'no request left the page');
    assert.ok(requests.every((u) => u.startsWith(env.site.origin)), requests.join('\n'));
    assert.ok(requests.some((u) => u.endsWith('/mxray-core.wasm')), 'the wasm came from the site itself');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// The answer used to sit screens below the results, after the counts and the evidence.
test('the answer first: the verdict, What to do in Cloudflare words with cPanel folded, the table whole at 390 px, links named by their rule', async () => {
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(env.site.url);
    await page.setInputFiles('#files', SEED);
    assert.equal(await waitForResult(page), 'done');
    const follows = (a, b) => page.evaluate(([x, y]) => Boolean(document.querySelector(x).compareDocumentPosition(document.querySelector(y)) & Node.DOCUMENT_POSITION_FOLLOWING), [a, b]);
    assert.ok(await follows('#verdict', '#answer'));
    assert.ok(await follows('#answer', '.how-known'));
    assert.ok(await follows('.how-known', '#finding-1'));
    // Cloudflare's export: its dashboard's words, one sentence per change.
    assert.equal(await page.getAttribute('#answer .answer-where', 'data-panel'), 'cloudflare');
    const sentences = await page.locator('#answer .answer-changes li').allTextContents();
    assert.equal(sentences[0], 'Make mail.club.example an A record pointing to 203.0.113.25, DNS only (grey cloud), in place of its CNAME record (club.example).');
    assert.equal(sentences.length, 3, sentences.join('\n'));
    // Cloudflare's steps shown, cPanel's folded.
    assert.equal(await page.locator('#answer ol.steps[data-panel="cloudflare"]').isVisible(), true);
    assert.equal(await page.locator('#answer details.other-steps[data-panel="cpanel"]').count(), 1);
    assert.equal(await page.locator('#answer details.other-steps[data-panel="cpanel"] ol.steps').isVisible(), false, 'cPanel folded');
    assert.ok(await follows('#answer ol.steps[data-panel="cloudflare"]', '#answer details.other-steps'));
    // The evidence and the diff folded.
    assert.equal(await page.locator('.finding-list').isVisible(), false);
    assert.equal(await page.locator('.diff-view').isVisible(), false);
    // The first sentence on the first screen, desktop and phone.
    const top = () => page.evaluate(() => document.querySelector('#answer .answer-changes li').getBoundingClientRect().top + window.scrollY - document.querySelector('#results').getBoundingClientRect().top - window.scrollY);
    const desktop = await top();
    await screenshot(page, 'answer-en-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    const phone = await top();
    assert.ok(desktop < 900 && phone < 844, `the first change is ${Math.round(desktop)} px (1280) and ${Math.round(phone)} px (390) below the start of the results`);
    console.log(`first change below the results' start: ${Math.round(desktop)} px at 1280, ${Math.round(phone)} px at 390`);
    // The table at 390 px: every changed value whole (wrapped, not cut), nothing wider than the page.
    for (const lang of ['en', 'ja']) {
      await page.selectOption('#language', lang);
      const cells = await page.$$eval('.change-table th, .change-table td', (n) =>
        n.filter((c) => c.getClientRects().length && !c.closest('thead')).map((c) => ({ text: c.textContent, sw: c.scrollWidth, cw: c.clientWidth, right: c.getBoundingClientRect().right })),
      );
      const width = await page.evaluate(() => document.documentElement.clientWidth);
      assert.ok(cells.some((c) => c.text.includes('203.0.113.25')), cells.map((c) => c.text).join(' | '));
      assert.ok(cells.some((c) => c.text.includes('webdisk.club.example')));
      for (const c of cells) {
        assert.ok(c.sw <= c.cw, `${lang}: "${c.text}" is cut (${c.sw} > ${c.cw})`);
        assert.ok(c.right <= width, `${lang}: "${c.text}" passes the page's edge (${c.right} > ${width})`);
      }
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, `${lang}: no sideways scroll`);
      await page.locator('#answer').screenshot({ path: join(ROOT, 'build/e2e-screenshots', `answer-${lang}-390.png`) });
    }
    assert.match(await page.textContent('#answer .answer-changes li'), /^mail\.club\.example を、203\.0\.113\.25 を指す A レコードにします/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'answer-ja-1280');
    // Each rule link names its rule, in words; no two rules share a link text.
    for (const lang of ['ja', 'en']) {
      await page.selectOption('#language', lang);
      await page.click('details.how-known > summary');
      const links = await page.$$eval('a.rule-link', (n) => n.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
      assert.equal(links.length, 4);
      for (const l of links) assert.ok(l.text.includes(l.href.replace(/^.*\/|\.html$/g, '')), l.text);
      assert.equal(new Set(links.map((l) => l.text)).size, new Set(links.map((l) => l.href)).size, links.map((l) => l.text).join('\n'));
    }
    assert.equal(await page.textContent('#finding-1 a.rule-link'), 'About mail-host-proxied: mail apps are sent to the proxy');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('side by side, downloads and copy of the fix', async () => {
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.site.origin.replace(/\/$/, '') });
    await page.goto(env.site.url);
    await page.setInputFiles('#files', SEED);
    await waitForResult(page);
    await page.click('details.diff-fold > summary');
    await page.getByLabel('Side by side').check();
    await page.waitForSelector('.d2h-file-side-diff');
    await screenshot(page, 'offline-seed-side-by-side');
    // The same bytes as the command line writes (its analyse(), in this process).
    const { bytes, report } = await analyse(await loadCore(), { zones: [SEED], wantBytes: true });
    const utf8 = (b) => Buffer.from(b).toString('utf8');
    const cli = (format) => (format === 'zone' ? utf8(bytes.zones[0].text) : format === 'diff' ? utf8(bytes.zones[0].diff) : utf8(bytes.cloudflareImport));
    const [zone] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download: Corrected zone (club-cloudflare-export.txt)' }).click()]);
    assert.equal(zone.suggestedFilename(), 'fixed-club-cloudflare-export.txt');
    const zoneText = readFileSync(await zone.path(), 'utf8');
    assert.match(zoneText, /^mail\.club\.example\.\t1\tIN\tA\t203\.0\.113\.25\b.*cf-proxied:false$/m);
    assert.equal(zoneText, cli('zone'));
    const [diff] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download: Diff (patch -p1)' }).click()]);
    assert.equal(readFileSync(await diff.path(), 'utf8').replace(/^(---|\+\+\+) [ab]\/.*$/gm, '$1'), cli('diff').replace(/^(---|\+\+\+) [ab]\/.*$/gm, '$1'));
    const [batch] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download: Cloudflare API batch payload (JSON)' }).click()]);
    const payload = JSON.parse(readFileSync(await batch.path(), 'utf8'));
    assert.deepEqual(payload, report.fix.cloudflare_batch);
    assert.ok(payload.posts.some((p) => p.name === 'mail.club.example' && p.type === 'A' && p.proxied === false));
    const [imp] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download: Cloudflare import file/ }).click()]);
    assert.equal(readFileSync(await imp.path(), 'utf8'), cli('cloudflare-import'));
    assert.equal(imp.suggestedFilename(), 'club.example-cloudflare-import-add.txt');
    await page.getByRole('button', { name: 'Copy: Change plan' }).click();
    await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Copied'));
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^- DELETE {2}mail\.club\.example\. CNAME club\.example\./);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('symptoms put the findings that explain them first, and say so', async () => {
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    await page.getByLabel("Other people's mail to us bounces").check();
    await page.setInputFiles('#files', SEED);
    await waitForResult(page);
    const order = await page.$$eval('#report .finding', (cards) => cards.map((c) => c.id));
    assert.deepEqual(order, ['finding-2', 'finding-1', 'finding-3', 'finding-4']);
    assert.equal(await page.textContent('#finding-2 .explains'), "Explains: Other people's mail to us bounces");
    assert.equal(await page.locator('#finding-1 .explains').count(), 0);
    assert.match(await page.textContent('.symptom-answers'), /Other people's mail to us bounces: explained by finding 2/);
    // Ticking another symptom reorders at once, without a new check.
    await page.getByLabel('Phones and mail apps get no mail').check();
    await page.waitForFunction(() => document.querySelector('#report .finding').id === 'finding-1');
    assert.match(await page.textContent('#finding-1 .explains'), /Phones and mail apps get no mail/);
    await screenshot(page, 'offline-symptoms');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Japanese from the browser language, and English by the switch, live', async () => {
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin], contextOptions: { locale: 'ja-JP' } });
  try {
    await page.goto(env.site.url);
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.equal(await page.textContent('#check'), 'チェック');
    await page.setInputFiles('#files', SEED);
    await waitForResult(page);
    assert.match(await page.textContent('#finding-1 h4'), /メールソフトが接続できません/);
    assert.equal(await page.locator('#finding-1 a.rule-link').getAttribute('href'), 'rules/ja/mail-host-proxied.html');
    assert.match(await page.textContent('#status'), /チェックが終わりました/);
    await screenshot(page, 'offline-seed-ja');
    await page.selectOption('#language', 'en');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('#check'), 'Check');
    assert.match(await page.textContent('#finding-1 h4'), /^Mail apps cannot connect/);
    assert.equal(await page.title(), 'mxray — why e-mail breaks behind a proxy');
    // The choice is remembered.
    await page.reload();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('keyboard: the file chooser opens from the keyboard, a dropped file is checked', async () => {
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    // Playwright intercepts file choosers only once a listener is attached (a
    // protocol call): attach it before any key is pressed.
    const choosers = [];
    page.on('filechooser', (c) => choosers.push(c));
    await page.goto(env.site.url);
    // Tab from the top reaches the file input (after the skip link and the language).
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'files');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 100 && !choosers.length; i++) await page.waitForTimeout(50);
    assert.equal(choosers.length, 1, 'Enter on the focused file input opens the file chooser');
    assert.ok(choosers[0].isMultiple());
    // Drop: a DataTransfer with one file, dropped on the zone.
    const text = readFileSync(SEED, 'utf8');
    await page.evaluate((zone) => {
      const dt = new DataTransfer();
      dt.items.add(new File([zone], 'dropped.txt', { type: 'text/plain' }));
      const target = document.getElementById('dropzone');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    assert.equal(await waitForResult(page), 'done');
    assert.equal(await page.textContent('.file-name'), 'dropped.txt');
    assert.equal(await page.locator('#report .finding').count(), 4);
    // The results were announced.
    assert.equal(await page.textContent('#status'), 'Check finished. Broken: mail to or from club.example fails now. What to change follows. 2 critical, 1 warning, 1 info.');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('several files (a move), Cloudflare API JSON, and a broken line with file:line:col', async () => {
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    const mig = JSON.parse(readFileSync(scenario('migration-two-zones/scenario.json'), 'utf8'));
    await page.setInputFiles('#files', mig.zones.map((z) => join(scenario('migration-two-zones'), z)));
    await waitForResult(page);
    assert.deepEqual((await findingLines(page)).sort(), [...mig.expect.offline].sort());
    assert.deepEqual(await page.$$eval('.file-name', (n) => n.map((x) => x.textContent)), ['panel.db', 'cloudflare-export.txt']);

    await page.click('#clear-files');
    const api = JSON.parse(readFileSync(scenario('cloudflare-api-json/scenario.json'), 'utf8'));
    await page.setInputFiles('#files', join(scenario('cloudflare-api-json'), api.zones[0]));
    await page.waitForFunction(() => document.body.dataset.state === 'done' && document.querySelector('.file-name')?.textContent === 'dns_records.json');
    await waitForResult(page);
    assert.deepEqual((await findingLines(page)).sort(), [...api.expect.offline].sort());
    // API JSON is not written back: the import file and the payload are the fix.
    assert.match(await page.textContent('.fix'), /No uploaded zone file changes/);
    assert.equal(await page.getByRole('button', { name: /^Download: Cloudflare import file/ }).count(), 1);

    await page.click('#clear-files');
    const broken = readFileSync(SEED, 'utf8').replace('ftp.club.example.\t1\tIN\tA\t203.0.113.25', 'ftp.club.example.\t1\tIN\tA\t203.0.113.999');
    await page.setInputFiles('#files', { name: 'broken-export.txt', mimeType: 'text/plain', buffer: Buffer.from(broken) });
    await page.waitForFunction(() => document.querySelector('.diagnostic-list'));
    const diag = await page.textContent('.diagnostic-list li');
    assert.match(diag, /^broken-export\.txt:21:\d+: error: invalid IPv4 address in A: "203\.0\.113\.999" \[bad-ipv4\]$/);
    assert.equal(await page.locator('#report .finding').count(), 4, 'the rest of the zone is checked');
    await screenshot(page, 'offline-diagnostics');
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('errors: nothing to check, a domain that is not one, a resolver that is not https', async () => {
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    await page.click('#check');
    assert.equal(await page.textContent('#form-error'), 'Choose a zone file, or type a domain for a live check.');
    await page.fill('#domain', 'exa mple.com');
    await page.click('#check');
    assert.match(await page.textContent('#form-error'), /^Not a domain name: "exa mple\.com"/);
    await page.fill('#domain', 'example.com');
    await page.click('#settings summary');
    await page.getByLabel('Another resolver').check();
    await page.fill('#resolver-url', 'http://127.0.0.1/dns-query');
    await page.click('#check');
    assert.match(await page.textContent('#form-error'), /must start with https:\/\//);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'idle');
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// A file of comments only and a JSON that is not Cloudflare's are refused as they are
// picked (core/zone/input_kind.h comments-only, json-other), each named with what it is
// and how to export a zone, in the page's language; no check runs.
test('a file of comments only and a package.json are refused by name as they are picked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-kinds-'));
  const comments = join(dir, 'notes.txt');
  const json = join(dir, 'package.json');
  writeFileSync(comments, ';; exported by hand\n; nothing else\n');
  writeFileSync(json, '{"name": "x", "version": "1.0.0", "type": "module"}\n');
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    for (const [width, lang] of [[1280, 'en'], [390, 'ja']]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(env.site.url);
      await page.selectOption('#language', lang);
      await page.setInputFiles('#files', [comments, json]);
      await page.waitForSelector('#refused-files li');
      assert.deepEqual(await page.$$eval('#refused-files li', (n) => n.map((x) => x.textContent)), [
        inputMessage('comments-only', lang, 'notes.txt'),
        inputMessage('json-other', lang, 'package.json'),
      ]);
      assert.deepEqual(await page.$$eval('#file-list .file-name', (n) => n.map((x) => x.textContent)), [], 'neither is in the list');
      assert.equal(await page.evaluate(() => document.body.dataset.state), 'idle', 'no check ran');
      await page.locator('fieldset.files').screenshot({ path: join(ROOT, 'build/e2e-screenshots', `offline-refused-kinds-${lang}-${width}.png`) });
    }
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// Records with relative names only, and an API answer whose one record has no name, with no
// domain typed:
// the page names the files and says they may not be zones, in the page's language;
// never the core's bare "no domain given, and no zone file names one".
test('files that name no domain are named, and said to be perhaps no zone at all', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-nodomain-'));
  const comments = join(dir, 'notes.txt');
  const json = join(dir, 'answer.json');
  writeFileSync(comments, ';; exported by hand\nmail 300 IN A 192.0.2.10\n');
  writeFileSync(json, '{"result": [{"type": "A", "content": "192.0.2.10"}], "success": true}\n');
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    for (const [width, lang] of [[1280, 'en'], [390, 'ja']]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(env.site.url);
      await page.selectOption('#language', lang);
      await page.setInputFiles('#files', [comments, json]);
      assert.equal(await waitForResult(page), 'error');
      const said = await page.textContent('#form-error');
      assert.equal(said, siteMessage('errors.noDomainInFiles', lang, { files: 'notes.txt, answer.json' }));
      assert.ok(!said.includes('no zone file names one'), said);
      assert.equal(await page.locator('#report #verdict').count(), 0, 'no verdict, no report');
      await page.locator('#check-form').screenshot({ path: join(ROOT, 'build/e2e-screenshots', `offline-no-domain-${lang}-${width}.png`) });
      // With the domain typed, offline: the JSON is read, no record comes of it, and the page
      // says nothing was checked: never "the rest of the zone was checked", never fine.
      await page.fill('#domain', 'club.example');
      await page.locator('#symptom-list input[value="phone-cannot-receive"]').check();
      await page.evaluate(() => {
        const offline = document.getElementById('offline'); // under "More settings", folded
        if (!offline.checked) offline.click();
        document.body.dataset.state = 'idle';
      });
      await page.setInputFiles('#files', json);
      assert.equal(await waitForResult(page), 'done');
      assert.equal(await page.getAttribute('#report #verdict', 'data-state'), 'could-not-tell');
      // Why it could not tell, in view: the zone holds no record.
      assert.equal(await page.locator('#report details.blind').evaluate((d) => d.open), true);
      assert.ok((await page.locator('#report details.blind li').allTextContents()).includes(reportMessage('report.blind.no-records', lang)));
      assert.equal(await page.textContent('#report .diagnostics p.help'), siteMessage('results.diagnosticsHelpNothing', lang));
      assert.equal(await page.locator('#report .all-clear').count(), 0);
      // A ticked symptom: nothing that was read explains it, and what was not read may.
      assert.equal(await page.textContent('#report .symptom-answers li.unexplained'), `${siteMessage('symptoms.phone-cannot-receive', lang)}: ${siteMessage('results.notExplainedBlind', lang)}`);
      await page.locator('#report').screenshot({ path: join(ROOT, 'build/e2e-screenshots', `offline-nothing-read-${lang}-${width}.png`) });
    }
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// docs/limits.md row 46: the wait for each answer is 1 to 120 seconds; the check refuses
// anything else before it starts.
test('the wait for each answer: 1 and 120 seconds are taken; 0.5, 121 and nothing are bad-timeout', async () => {
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    await page.click('#settings summary');
    const bad = 'The wait must be between 1 and 120 seconds.';
    await page.fill('#timeout', '121');
    await page.setInputFiles('#files', SEED); // a file starts a check
    await page.waitForFunction(() => document.querySelector('#form-error').textContent !== '');
    assert.equal(await page.textContent('#form-error'), bad);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'idle');
    for (const [value, taken] of [['120', true], ['0.5', false], ['1', true], ['', false]]) {
      await page.fill('#timeout', value);
      await page.evaluate(() => {
        document.body.dataset.state = 'idle';
      });
      await page.click('#check');
      if (taken) {
        assert.equal(await waitForResult(page), 'done', `${value} s`);
        assert.equal(await page.textContent('#form-error'), '', `${value} s`);
      } else {
        assert.equal(await page.textContent('#form-error'), bad, `${JSON.stringify(value)} s`);
        assert.equal(await page.evaluate(() => document.body.dataset.state), 'idle');
      }
    }
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('offline only, with a domain: it names a zone that does not say its own; nothing is asked', async () => {
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    await page.click('.options summary');
    await page.getByLabel('Offline only: ask no DNS').check();
    await page.fill('#domain', 'named.test');
    const zone = '$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.0.2.53\n@ IN MX 10 mail\nmail IN CNAME www\nwww IN A 192.0.2.80\n';
    await page.setInputFiles('#files', { name: 'zone.txt', mimeType: 'text/plain', buffer: Buffer.from(zone) });
    assert.equal(await waitForResult(page), 'done');
    assert.match(await page.textContent('.summary h3'), /named\.test/);
    assert.match(await page.textContent('.summary'), /offline: the uploaded zones only/);
    assert.equal(await page.locator('.diagnostic-list').count(), 0);
    assert.deepEqual(outside, [], 'no resolver was asked');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('privacy: a check keeps only its verdict and findings (no record data) in this browser; a changed setting is the only other thing kept', async () => {
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  const stored = () =>
    page.evaluate(async () => ({
      local: Object.fromEntries(Object.entries(localStorage)),
      session: Object.keys(sessionStorage),
      cookie: document.cookie,
      databases: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
    }));
  try {
    await page.goto(env.site.url);
    await page.setInputFiles('#files', SEED);
    assert.equal(await waitForResult(page), 'done');
    // The zone, the report and the fix stay in the page's memory only. What is kept, to
    // show what changed at the next check of the domain (history-store.js), is the
    // verdict, whether the check could not look at everything, and each finding's rule,
    // severity and name: no record, address or text.
    await page.waitForFunction(() => document.body.dataset.history);
    assert.deepEqual(await stored(), { local: {}, session: [], cookie: '', databases: ['mxray'], caches: [] });
    const kept = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('mxray');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('checks').objectStore('checks').getAll();
            all.onsuccess = () => resolve(all.result);
          };
        }),
    );
    assert.equal(kept.length, 1);
    assert.deepEqual(Object.keys(kept[0]).sort(), ['at', 'blind', 'domain', 'findings', 'mode', 'more', 'summary', 'verdict']);
    assert.equal(kept[0].domain, 'club.example.');
    for (const f of kept[0].findings) assert.deepEqual(Object.keys(f).sort(), ['name', 'rule', 'severity']);
    const text = JSON.stringify(kept);
    for (const data of ['203.0.113.25', 'v=DMARC1', 'v=spf1', 'club-cloudflare-export']) assert.ok(!text.includes(data), `${data} is not kept`);
    // The person switches the language: that, and only that, is kept.
    await page.selectOption('#language', 'ja');
    const after = await stored();
    assert.deepEqual(JSON.parse(after.local['mxray.settings']), { lang: 'ja' });
    assert.deepEqual(Object.keys(after.local), ['mxray.settings']);
    assert.deepEqual({ ...after, local: {} }, { local: {}, session: [], cookie: '', databases: ['mxray'], caches: [] });
    // And it is used on the next visit.
    await page.reload();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
