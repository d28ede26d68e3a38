// Picking files on the site: a new pick replaces the list, "Add files" adds
// to it, and a file that is not a zone (a saved web page, an empty file, a
// ZIP) is refused at pick time with its reason, in English and Japanese,
// while the zones of the same pick go in. UTF-16 and gzip zones are taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, SHOTS, newPage, waitForResult } from './lib/browser.mjs';
import { findingLines, withSite } from './lib/site.mjs';
import { messages } from '../../www/lib/messages.js';

const SEED = join(ROOT, 'examples/club-cloudflare-export.txt');
const SEED_TEXT = readFileSync(SEED, 'utf8');
const MIGRATION = join(ROOT, 'tests/scenarios/migration-two-zones');

const env = withSite();

const text = (name, body) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(body) });
const HTML = text('dns-records.html', '<!DOCTYPE html>\n<html><head><title>DNS | Cloudflare</title></head><body><table><tr><td>mail</td></tr></table></body></html>\n');
const EMPTY = text('empty.txt', '');
// A ZIP's local file header, as a zipped export starts.
const ZIP = { name: 'export.zip', mimeType: 'application/zip', buffer: Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.alloc(64, 7)]) };

// The files part of the form, where the list and the refusals show.
const shootFiles = (page, name) => page.locator('fieldset.files').screenshot({ path: join(SHOTS, `${name}.png`) });
const fileNames = (page) => page.$$eval('#file-list .file-name', (n) => n.map((x) => x.textContent));
const refusals = (page) => page.$$eval('#refused-files li', (n) => n.map((x) => x.textContent));

test('a wrong file, then the right zone: only the zone is checked, and its critical findings show', async () => {
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    await page.setInputFiles('#files', HTML);
    await page.waitForSelector('#refused-files li');
    assert.deepEqual(await refusals(page), [
      "dns-records.html is a web page (HTML), not a zone file: a page saved from a dashboard holds no records. Export the zone as text: in Cloudflare's dashboard, DNS › Records › Import and Export › Export; or take the zone file from your hosting panel.",
    ]);
    assert.equal(await page.textContent('#refused-files .refused-lead'), 'This file was not added:');
    assert.deepEqual(await fileNames(page), [], 'the page is not in the list');
    assert.equal(await page.isVisible('#no-files'), true);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'idle', 'no check ran');

    await page.setInputFiles('#files', SEED);
    assert.equal(await waitForResult(page), 'done');
    assert.deepEqual(await fileNames(page), ['club-cloudflare-export.txt']);
    assert.deepEqual(await refusals(page), [], 'the new pick has nothing to refuse');
    const findings = await findingLines(page);
    assert.ok(findings.includes('mail-host-proxied critical mail.club.example.'), findings.join('\n'));
    assert.ok(findings.includes('mx-target-proxied critical club.example.'), findings.join('\n'));
    assert.match(await page.textContent('.summary h3'), /club\.example/, 'the check is of the zone, not of "."');

    // A page and a zone in one pick: the zone goes in, the page is refused.
    await page.evaluate(() => {
      document.body.dataset.state = 'idle';
    });
    await page.setInputFiles('#files', [HTML, text('club-cloudflare-export.txt', SEED_TEXT)]);
    assert.equal(await waitForResult(page), 'done');
    assert.deepEqual(await fileNames(page), ['club-cloudflare-export.txt']);
    assert.equal((await refusals(page)).length, 1);
    assert.equal((await findingLines(page)).filter((l) => l.includes(' critical ')).length, 2);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a new pick replaces the list; "Add files", from the keyboard, adds to it', async () => {
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    const choosers = [];
    page.on('filechooser', (c) => choosers.push(c));
    await page.goto(env.site.url);
    assert.equal(await page.isVisible('#add-files'), false, 'nothing to add to yet');
    await page.setInputFiles('#files', SEED);
    await waitForResult(page);
    const mig = JSON.parse(readFileSync(join(MIGRATION, 'scenario.json'), 'utf8'));
    // The second pick replaces the first: the seed zone is gone.
    await page.setInputFiles('#files', mig.zones.map((z) => join(MIGRATION, z)));
    await page.waitForFunction(() => document.body.dataset.state === 'done' && document.querySelectorAll('#file-list li').length === 2);
    assert.deepEqual(await fileNames(page), ['panel.db', 'cloudflare-export.txt']);
    assert.deepEqual((await findingLines(page)).sort(), [...mig.expect.offline].sort());

    // "Add files", from the keyboard: focused, Enter opens a chooser; the list stays.
    assert.equal(await page.isVisible('#add-files'), true);
    assert.equal(await page.getByRole('button', { name: 'Add files' }).getAttribute('aria-describedby'), 'add-files-help');
    await page.focus('#add-files');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 100 && !choosers.length; i++) await page.waitForTimeout(50);
    assert.equal(choosers.length, 1, 'Enter on "Add files" opens the file chooser');
    assert.ok(choosers[0].isMultiple());
    await page.evaluate(() => {
      document.body.dataset.state = 'idle';
    });
    await choosers[0].setFiles(text('mail.inc', 'webmail 300 IN A 192.0.2.44\n'));
    await page.waitForFunction(() => document.querySelectorAll('#file-list li').length === 3);
    assert.equal(await waitForResult(page), 'done');
    assert.deepEqual(await fileNames(page), ['panel.db', 'cloudflare-export.txt', 'mail.inc']);
    // The two zones are still checked with it: their findings are still there.
    const findings = await findingLines(page);
    for (const line of mig.expect.offline) assert.ok(findings.includes(line), `${line} in\n${findings.join('\n')}`);
    // Adding the same file again does not list it twice.
    await page.setInputFiles('#add-files-input', join(MIGRATION, mig.zones[0]));
    await page.waitForFunction(() => document.body.dataset.state === 'done');
    assert.deepEqual(await fileNames(page), ['panel.db', 'cloudflare-export.txt', 'mail.inc']);
    // A pick of nothing but refused files leaves the list as it was.
    await page.setInputFiles('#files', EMPTY);
    await page.waitForSelector('#refused-files li');
    assert.deepEqual(await fileNames(page), ['panel.db', 'cloudflare-export.txt', 'mail.inc']);
    // A drop is a pick too: it replaces the list.
    await page.evaluate((zone) => {
      const dt = new DataTransfer();
      dt.items.add(new File([zone], 'dropped.txt', { type: 'text/plain' }));
      const target = document.getElementById('dropzone');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, SEED_TEXT);
    await page.waitForFunction(() => document.body.dataset.state === 'done' && document.querySelectorAll('#file-list li').length === 1);
    assert.deepEqual(await fileNames(page), ['dropped.txt']);
    assert.deepEqual(await refusals(page), []);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('$INCLUDE: the zone alone cannot read its include; "Add files" puts it next to the zone, which reads it', async () => {
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    const zone = '$ORIGIN shop.test.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.0.2.53\n@ IN A 192.0.2.10 ; cf_tags=cf-proxied:true\n@ IN MX 10 mail\n$INCLUDE "/var/named/includes/mail.inc"\n';
    await page.setInputFiles('#files', text('shop.test.db', zone));
    assert.equal(await waitForResult(page), 'done');
    assert.match(await page.textContent('.diagnostic-list'), /\[include-not-found\]/);
    assert.ok(!(await findingLines(page)).includes('mail-host-proxied critical mail.shop.test.'));

    await page.evaluate(() => {
      document.body.dataset.state = 'idle';
    });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Add files' }).click()]);
    await chooser.setFiles(text('mail.inc', 'mail IN CNAME @ ; cf_tags=cf-proxied:false\n'));
    assert.equal(await waitForResult(page), 'done');
    assert.deepEqual(await fileNames(page), ['shop.test.db', 'mail.inc']);
    assert.equal(await page.locator('.diagnostic-list').count(), 0, 'the include was found');
    const findings = await findingLines(page);
    assert.ok(findings.includes('mail-host-proxied critical mail.shop.test.'), findings.join('\n'));
    // The include is read through the zone, not checked as a zone of its own.
    assert.match(await page.textContent('.summary'), /(?:^|\D)1 zone file, 6 records(?:$|\D)/);
    assert.match(await page.textContent('#report .finding[data-name="mail.shop.test."] ol.evidence'), /mail\.inc line 1/);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a PDF, a screenshot and an export copied through a Markdown page are refused with their reasons, in English and in Japanese', async () => {
  const PDF = { name: 'records.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1') };
  const PNG = { name: 'records.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64, 0)]) };
  const MD = text('pasted.txt', ';; Domain:     **club**.example.\nmail.club.example.\t1\tIN\tCNAME\tclub.example. ; cf\\_tags=cf-proxied:false\n');
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    await page.setInputFiles('#files', [PDF, PNG, MD, text('zone.txt', SEED_TEXT)]);
    assert.equal(await waitForResult(page), 'done');
    assert.deepEqual(await fileNames(page), ['zone.txt'], 'only the zone of the pick goes in');
    for (const lang of ['en', 'ja']) {
      await page.selectOption('#language', lang);
      const lines = await refusals(page);
      assert.deepEqual(lines.map((l) => l.split(/\s/)[0]), ['records.pdf', 'records.png', 'pasted.txt']);
      for (const [i, kind] of ['pdf', 'image', 'markdown'].entries())
        assert.ok(lines[i].startsWith(messages[lang].input[kind].replace('{file}', ['records.pdf', 'records.png', 'pasted.txt'][i]).split('\\_')[0].slice(0, 30)), `${lang} ${kind}: ${lines[i]}`);
    }
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an HTML page, an empty file and a ZIP are refused with their reasons, in English and in Japanese', async () => {
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    await page.setInputFiles('#files', [HTML, EMPTY, ZIP, text('zone.txt', SEED_TEXT)]);
    assert.equal(await waitForResult(page), 'done');
    assert.deepEqual(await fileNames(page), ['zone.txt'], 'the zone of the pick goes in');
    assert.equal(await page.textContent('#refused-files .refused-lead'), 'These 3 files were not added:');
    const en = await refusals(page);
    assert.equal(en.length, 3);
    assert.match(en[0], /^dns-records\.html is a web page \(HTML\), not a zone file: .* Export the zone as text: /);
    assert.match(en[1], /^empty\.txt is empty: there is no record to check\. Export the zone as text: /);
    assert.equal(en[2], 'export.zip is a ZIP archive: unpack it and choose the zone file inside.');
    assert.equal(await page.getAttribute('#refused-files', 'role'), 'alert');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shootFiles(page, 'pick-refused-en-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await shootFiles(page, 'pick-refused-en-390');

    await page.selectOption('#language', 'ja');
    assert.equal(await page.textContent('#refused-files .refused-lead'), '次の 3 個のファイルは追加しませんでした:');
    const ja = await refusals(page);
    assert.match(ja[0], /^dns-records\.html はウェブページ \(HTML\) で、ゾーンファイルではありません。/);
    assert.match(ja[1], /^empty\.txt は空です。/);
    assert.equal(ja[2], 'export.zip は ZIP アーカイブです。展開して、中のゾーンファイルを選んでください。');
    for (const line of ja) assert.doesNotMatch(line, /is a|is empty|not a zone/, 'no English left');
    assert.equal(await page.textContent('#add-files'), 'ファイルを追加');
    await shootFiles(page, 'pick-refused-ja-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shootFiles(page, 'pick-refused-ja-1280');

    // "Remove all files" clears the list and the refusals.
    await page.click('#clear-files');
    assert.deepEqual(await refusals(page), []);
    assert.deepEqual(await fileNames(page), []);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a UTF-16 zone and a gzip zone are taken and checked; a gzip page is refused as a page', async () => {
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    // Windows Notepad's "Unicode": UTF-16LE with a byte order mark.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SEED_TEXT, 'utf16le')]);
    await page.setInputFiles('#files', { name: 'club-utf16.txt', mimeType: 'text/plain', buffer: utf16 });
    assert.equal(await waitForResult(page), 'done');
    assert.deepEqual(await fileNames(page), ['club-utf16.txt']);
    assert.deepEqual(await refusals(page), []);
    assert.ok((await findingLines(page)).includes('mail-host-proxied critical mail.club.example.'));

    await page.evaluate(() => {
      document.body.dataset.state = 'idle';
    });
    await page.setInputFiles('#files', [
      { name: 'club.txt.gz', mimeType: 'application/gzip', buffer: gzipSync(Buffer.from(SEED_TEXT)) },
      { name: 'page.html.gz', mimeType: 'application/gzip', buffer: gzipSync(HTML.buffer) },
      { name: 'broken.gz', mimeType: 'application/gzip', buffer: Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]) },
    ]);
    assert.equal(await waitForResult(page), 'done');
    assert.deepEqual(await fileNames(page), ['club.txt.gz']);
    assert.ok((await findingLines(page)).includes('mx-target-proxied critical club.example.'));
    const refused = await refusals(page);
    assert.match(refused[0], /^page\.html\.gz is a web page \(HTML\)/);
    assert.match(refused[1], /^broken\.gz looks compressed \(gzip\) but could not be unpacked\. Export the zone as text: /);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
