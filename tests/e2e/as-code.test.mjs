// Zone-as-code files on the hosted site, in Chromium: a real octoDNS YAML and a real
// Terraform .tf dropped on the page are read (the hook, www/site/as-code-site.js, and
// the HCL parser loaded only then), the findings name the file and its line, and the
// fix downloads as a patch of the file itself, the same as `mxray check --format diff`.
// Real files: tests/real/octodns, tests/real/terraform (their READMEs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { findingLines, withSite } from './lib/site.mjs';

const env = withSite();
const OCTODNS = join(ROOT, 'tests/real/octodns/octodns/unit.tests.yaml');
const MIGADU_MX = join(ROOT, 'tests/real/terraform/migadu-cloudflare-record-mx.tf');
const cliDiff = (args, cwd) => spawnSync(process.execPath, [join(ROOT, 'www/cli/mxray.mjs'), 'check', '--offline', ...args, '--format', 'diff'], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } }).stdout;
const evidence = (page) => page.$$eval('#report ol.evidence li', (n) => n.map((x) => x.textContent));
const downloaded = async (page, name) => {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return readFileSync(await d.path(), 'utf8');
};

test('a zone file alone loads neither the as-code module nor the HCL parser', async () => {
  const { page, requests, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    await page.setInputFiles('#files', join(ROOT, 'examples/club-cloudflare-export.txt'));
    assert.equal(await waitForResult(page), 'done');
    assert.ok(!requests.some((u) => /\/as-code-[A-Z0-9]+\.js$|hcl2json/.test(u)), requests.join('\n'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a real octoDNS YAML: findings at its lines, the fix a patch of the YAML as the command line writes it', async () => {
  const { page, requests, outside, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    await page.setInputFiles('#files', OCTODNS);
    assert.equal(await waitForResult(page), 'done');
    assert.ok((await findingLines(page)).includes('mx-target-missing critical smtp-1.unit.tests.'), (await findingLines(page)).join('\n'));
    await page.click('details.how-known > summary');
    const steps = await evidence(page);
    assert.ok(steps.some((s) => s.includes('(unit.tests.yaml line 128)')), steps.join('\n'));
    const diff = await downloaded(page, 'Download: Diff (patch -p1)');
    assert.match(diff, /^--- a\/unit\.tests\.yaml\n\+\+\+ b\/unit\.tests\.yaml\n/);
    assert.equal(diff, cliDiff(['--zone', 'unit.tests.yaml'], join(ROOT, 'tests/real/octodns/octodns')));
    assert.ok(requests.some((u) => /\/as-code-[A-Z0-9]+\.js$/.test(u)), 'the as-code module was loaded');
    assert.ok(!requests.some((u) => u.includes('hcl2json')), 'a YAML needs no HCL parser');
    await screenshot(page, 'as-code-octodns-en');
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a real .tf (its domain typed): findings at the .tf line; a .tf with a proxied mail host (written here) downloads as a patch of the .tf', async () => {
  const { page, requests, outside, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    await page.goto(env.site.url);
    await page.fill('#domain', 'example.org');
    // Offline, among the options: the check starts once the file is chosen.
    await page.$eval('#offline', (e) => {
      const fold = e.closest('details');
      if (fold) fold.open = true;
    });
    await page.check('#offline');
    await page.setInputFiles('#files', MIGADU_MX);
    assert.equal(await waitForResult(page, 60000), 'done', `${await page.textContent('#form-error').catch(() => '')} ${errors.join('\n')}`);
    assert.deepEqual((await findingLines(page)).map((l) => l.split(' ')[0]).sort(), ['dmarc-missing', 'spf-missing']);
    await page.click('details.how-known > summary');
    const steps = await evidence(page);
    assert.ok(steps.some((s) => s.includes('aspmx1.migadu.com (migadu-cloudflare-record-mx.tf line 1)')), steps.join('\n'));
    assert.ok(requests.some((u) => u.endsWith('/hcl2json.wasm.gz')), 'the HCL parser came from the site');
    // Not a real file: the cPanel story as a v4 .tf, its mail host a proxied CNAME.
    const dir = mkdtempSync(join(tmpdir(), 'mxray-e2e-tf-'));
    writeFileSync(
      join(dir, 'club.tf'),
      ['resource "cloudflare_record" "apex" {', '  zone_id = var.zone_id', '  name    = "club.example"', '  value   = "203.0.113.25"', '  type    = "A"', '  proxied = true', '}', '', 'resource "cloudflare_record" "mx" {', '  zone_id  = var.zone_id', '  name     = "@"', '  value    = "mail.club.example"', '  type     = "MX"', '  priority = 0', '}', '', 'resource "cloudflare_record" "mail" {', '  zone_id = var.zone_id', '  name    = "mail"', '  value   = "club.example"', '  type    = "CNAME"', '  proxied = true', '}', ''].join('\n'),
    );
    await page.goto(env.site.url);
    await page.setInputFiles('#files', join(dir, 'club.tf'));
    assert.equal(await waitForResult(page, 60000), 'done');
    assert.ok((await findingLines(page)).includes('mail-host-proxied critical mail.club.example.'), (await findingLines(page)).join('\n'));
    await page.click('details.how-known > summary');
    assert.ok((await evidence(page)).some((s) => s.includes('(club.tf line 17)')), (await evidence(page)).join('\n'));
    assert.match(await page.textContent('#answer .answer-terraform'), /declared in Terraform \(club\.tf\)/);
    const diff = await downloaded(page, 'Download: Diff (patch -p1)');
    assert.match(diff, /^--- a\/club\.tf\n/);
    assert.equal(diff, cliDiff(['--zone', 'club.tf'], dir));
    await screenshot(page, 'as-code-terraform-en');
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a terraform show -json of a plan (written here): the answer gives the HCL to write in the .tf, in English and Japanese, whole at 390 px', async () => {
  const { page, requests, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin] });
  try {
    // Terraform's documented JSON output format; not a real file (tests/real/terraform-json/README.md).
    const rec = (name, values) => ({ address: `cloudflare_dns_record.${name}`, mode: 'managed', type: 'cloudflare_dns_record', name, values: { zone_id: 'z', ttl: 1, ...values } });
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { address: 'cloudflare_zone.club', mode: 'managed', type: 'cloudflare_zone', name: 'club', values: { name: 'club.example' } },
            rec('mx', { name: 'club.example', type: 'MX', content: 'mail.club.example', priority: 10, proxied: false }),
            rec('mail', { name: 'mail.club.example', type: 'A', content: '203.0.113.25', proxied: true }),
          ],
        },
      },
      resource_changes: [],
    };
    const dir = mkdtempSync(join(tmpdir(), 'mxray-e2e-plan-'));
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan, null, 2));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(env.site.url);
    await page.setInputFiles('#files', join(dir, 'plan.json'));
    assert.equal(await waitForResult(page), 'done');
    assert.ok((await findingLines(page)).includes('mail-host-proxied critical mail.club.example.'));
    assert.match(await page.textContent('#answer .answer-terraform'), /plan\.json is a Terraform plan/);
    assert.equal(await page.textContent('#answer pre.answer-hcl'), 'resource "cloudflare_dns_record" "mail" {\n  proxied = false\n}');
    assert.ok(!requests.some((u) => u.includes('hcl2json')), 'a show -json needs no HCL parser');
    await page.locator('#answer').screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'as-code-plan-en-1280.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    for (const lang of ['en', 'ja']) {
      await page.selectOption('#language', lang);
      if (lang === 'ja') assert.match(await page.textContent('#answer .answer-terraform'), /plan\.json は Terraform のプランです/);
      const width = await page.evaluate(() => document.documentElement.clientWidth);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, `${lang}: no sideways scroll`);
      await page.locator('#answer').screenshot({ path: join(ROOT, 'build/e2e-screenshots', `as-code-plan-${lang}-390.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('#answer').screenshot({ path: join(ROOT, 'build/e2e-screenshots', 'as-code-plan-ja-1280.png') });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the single file, opened from disk, reads an octoDNS YAML in its worker and refuses a .tf by name, in both languages', async () => {
  const url = pathToFileURL(env.site.single).href;
  const { page, outside, errors, context } = await newPage(env.chromium.browser, { allow: [url] });
  try {
    await page.goto(url);
    await page.setInputFiles('#files', OCTODNS);
    assert.equal(await waitForResult(page), 'done');
    assert.ok((await findingLines(page)).includes('mx-target-missing critical smtp-1.unit.tests.'));
    await page.goto(url);
    await page.setInputFiles('#files', MIGADU_MX);
    assert.equal(await waitForResult(page), 'error');
    assert.match(await page.textContent('#form-error'), /migadu-cloudflare-record-mx\.tf is a Terraform file, which this page cannot read/);
    await page.selectOption('#language', 'ja');
    assert.match(await page.textContent('#form-error'), /migadu-cloudflare-record-mx\.tf は Terraform のファイルですが、このページでは読めません/);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
