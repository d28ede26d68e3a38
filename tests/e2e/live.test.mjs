// Live checks from the page: every scenario with live answers, against a real
// nsd + dnsdist DoH resolver on loopback (tests/resolver), chosen in the
// settings as a custom resolver; then zone plus live ("both") with the table
// of disagreements, one progress bar across all rounds (it never starts over),
// and a cancel that really ends the requests in flight, says so on the page and
// gives the focus back to Check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { certDir, startResolver, zonesIn } from '../resolver/resolver.mjs';
import { ROOT, newPage, screenshot, waitForResult } from './lib/browser.mjs';
import { findingLines, withSite } from './lib/site.mjs';

const SCENARIOS = join(ROOT, 'tests/scenarios');
const liveScenarios = readdirSync(SCENARIOS)
  .filter((n) => existsSync(join(SCENARIOS, n, 'served')) && existsSync(join(SCENARIOS, n, 'scenario.json')))
  .map((n) => ({ name: n, dir: join(SCENARIOS, n), ...JSON.parse(readFileSync(join(SCENARIOS, n, 'scenario.json'), 'utf8')) }))
  .filter((s) => s.expect.live || s.expect.both);

const env = withSite(async () => {
  if (!existsSync(join(certDir(), 'cert.pem'))) {
    const r = spawnSync(join(ROOT, 'tests/resolver/make-cert.sh'), [certDir()], { stdio: 'inherit' });
    assert.equal(r.status, 0, 'make-cert.sh');
  }
});


// Points the page at `url` through the settings, as a person would.
async function useResolver(page, url) {
  await page.click('#settings summary');
  await page.getByLabel('Another resolver').check();
  await page.fill('#resolver-url', url);
  await page.click('#settings summary');
}

async function check(page, { domain, files = [] }) {
  if (await page.isVisible('#clear-files')) await page.click('#clear-files');
  if (files.length) {
    // Typing the domain first: files alone would start an offline check.
    await page.fill('#domain', domain);
    await page.setInputFiles('#files', files);
  }
  await page.fill('#domain', domain);
  await page.evaluate(() => {
    document.body.dataset.state = 'idle';
  });
  await page.click('#check');
  return waitForResult(page);
}

// Zone and live for a few; every scenario's "both" runs in Node (tests/js/scenarios.test.mjs).
const BOTH_HERE = new Set(['cpanel-mail-cname', 'migration-zone-vs-live', 'ns-not-delegated', 'cf-email-routing-healthy']);

test('every live scenario live, and some with their zones too, against the local resolver', async () => {
  assert.ok(liveScenarios.length >= 8, `${liveScenarios.length} live scenarios`);
  const { page, errors, requests, context } = await newPage(env.chromium.browser, { allow: [env.site.origin, 'https://127.0.0.1:'] });
  try {
    await page.goto(env.site.url);
    // The scenarios' expectations include the PTR of the origin address, which
    // is asked only when the person chose so (settings.js askPtr).
    await page.evaluate(() => localStorage.setItem('mxray.settings', JSON.stringify({ askPtr: true })));
    await page.reload();
    await page.click('#settings summary');
    await page.getByLabel('Another resolver').check();
    for (const sc of liveScenarios) {
      const resolver = await startResolver({ zones: zonesIn(join(sc.dir, 'served')) });
      try {
        await page.fill('#resolver-url', resolver.url);
        if (sc.expect.live) {
          assert.equal(await check(page, { domain: sc.domain }), 'done', `${sc.name} live`);
          assert.deepEqual((await findingLines(page)).sort(), [...sc.expect.live].sort(), `${sc.name} live`);
          assert.match(await page.textContent('.summary'), /live DNS/);
        }
        if (sc.expect.both && BOTH_HERE.has(sc.name)) {
          const files = sc.zones.map((z) => join(sc.dir, z));
          assert.equal(await check(page, { domain: sc.domain, files }), 'done', `${sc.name} both`);
          assert.deepEqual((await findingLines(page)).sort(), [...sc.expect.both].sort(), `${sc.name} both`);
          assert.equal(await page.locator('.compare table').count(), 1, `${sc.name}: the zone and live DNS side by side`);
        }
      } finally {
        await resolver.stop();
      }
    }
    // Only the page's own server and the chosen resolver were asked.
    assert.ok(requests.every((u) => u.startsWith(env.site.origin) || u.startsWith('https://127.0.0.1:')), requests.filter((u) => !u.startsWith(env.site.origin)).slice(0, 5).join('\n'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('zone and live disagree: the table says where; one progress bar goes on across the rounds', async () => {
  const sc = liveScenarios.find((s) => s.name === 'pending-zone-proxy-state-differs');
  assert.ok(sc, 'scenario pending-zone-proxy-state-differs');
  const resolver = await startResolver({ zones: zonesIn(join(sc.dir, 'served')) });
  const { page, errors, outside, context } = await newPage(env.chromium.browser, { allow: [env.site.origin, resolver.url] });
  try {
    await page.goto(env.site.url);
    await useResolver(page, resolver.url);
    // Every state the progress bar takes.
    await page.evaluate(() => {
      window.__progress = [];
      const bar = document.getElementById('progress');
      new MutationObserver(() => window.__progress.push([bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuemax'), bar.getAttribute('aria-valuetext')])).observe(bar, { attributes: true });
    });
    await page.getByLabel('Phones and mail apps get no mail').check();
    assert.equal(await check(page, { domain: sc.domain, files: sc.zones.map((z) => join(sc.dir, z)) }), 'done');
    assert.deepEqual((await findingLines(page)).sort(), [...sc.expect.both].sort());
    const rows = await page.$$eval('.compare tbody tr', (trs) => trs.map((tr) => ({ cells: [...tr.children].map((c) => c.textContent), differs: tr.classList.contains('differs') })));
    assert.ok(rows.some((r) => r.differs && r.cells[3] === 'no — they differ'), JSON.stringify(rows));
    assert.ok(rows.some((r) => r.cells[1] !== r.cells[2]));
    const progress = await page.evaluate(() => window.__progress);
    const rounds = progress.filter((p) => /^round \d+: \d+\/\d+ answered$/.test(p[2] ?? ''));
    assert.ok(rounds.length > 0, JSON.stringify(progress));
    // The bar is the whole check's, in percent: it never goes back, also not
    // when a new round starts (the text says the round's own count).
    const values = progress.filter((p) => p[0] !== null).map((p) => Number(p[0]));
    assert.ok(progress.every((p) => p[1] === '100'), JSON.stringify(progress));
    assert.ok(values.every((v, i) => i === 0 || v >= values[i - 1]), `the bar went back: ${values.join(' ')}`);
    assert.ok(values.at(-1) > values[0], `the bar moved on: ${values.join(' ')}`);
    // Drawn once a frame, so not every step shows (a quick round may not); in order.
    const seenRounds = rounds.map((p) => Number(/^round (\d+)/.exec(p[2])[1]));
    assert.deepEqual(seenRounds, [...seenRounds].sort((a, b) => a - b));
    const firstOfRound2 = rounds.findIndex((p) => p[2].startsWith('round 2:'));
    const lastOfRound1 = rounds.findLastIndex((p) => p[2].startsWith('round 1:'));
    if (firstOfRound2 > 0 && lastOfRound1 >= 0) assert.ok(Number(rounds[firstOfRound2][0]) >= Number(rounds[lastOfRound1][0]), 'round 2 starts where round 1 ended');
    assert.match(await page.textContent('.summary'), /the uploaded zones and live DNS/);
    await screenshot(page, 'live-both-disagree');
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await resolver.stop();
  }
});

test('cancel ends the requests in flight and the page is ready again', async () => {
  // A DoH server that accepts the requests and never answers.
  const tls = { cert: readFileSync(join(certDir(), 'cert.pem')), key: readFileSync(join(certDir(), 'key.pem')) };
  const open = new Set();
  let seen = 0;
  const hang = createServer(tls, (req, res) => {
    seen++;
    open.add(res);
    req.on('close', () => open.delete(res));
  });
  await new Promise((ok) => hang.listen(0, '127.0.0.1', ok));
  const url = `https://127.0.0.1:${hang.address().port}/dns-query`;
  const { page, errors, context } = await newPage(env.chromium.browser, { allow: [env.site.origin, url] });
  try {
    await page.goto(env.site.url);
    await useResolver(page, url);
    await page.fill('#domain', 'club.test');
    await page.click('#check');
    await page.waitForFunction(() => /^round 1: 0\/\d+ answered$/.test(document.getElementById('progress-text').textContent) || document.getElementById('progress-text').textContent.startsWith('Starting'));
    await page.waitForFunction(() => document.body.dataset.state === 'running');
    for (let i = 0; i < 100 && open.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(open.size > 0, 'requests are in flight');
    await screenshot(page, 'live-running');
    const t0 = Date.now();
    await page.click('#cancel');
    assert.equal(await waitForResult(page, 5000), 'cancelled');
    assert.ok(Date.now() - t0 < 2000, 'cancelled at once');
    for (let i = 0; i < 100 && open.size > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(open.size, 0, 'every request in flight was closed');
    assert.equal(await page.textContent('#status'), 'The check was cancelled.');
    // Said where one sees it, and the focus is on Check again (not lost to the page).
    assert.ok(await page.isVisible('#run-note'), 'the cancel shows on the page');
    assert.equal(await page.textContent('#run-note'), 'The check was cancelled.');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'check');
    await screenshot(page, 'live-cancelled');
    assert.ok(await page.isHidden('#cancel'));
    assert.ok(await page.isEnabled('#check'));
    const asked = seen;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(seen, asked, 'nothing more is asked after the cancel');
    // The page works again: an offline check right after; the cancel note goes.
    await page.fill('#domain', '');
    await page.setInputFiles('#files', join(ROOT, 'examples/club-cloudflare-export.txt'));
    await page.waitForFunction(() => document.body.dataset.state === 'done');
    assert.equal(await page.locator('#report .finding').count(), 4);
    assert.ok(await page.isHidden('#run-note'));
    // Escape cancels too, with the same word and focus.
    await page.fill('#domain', 'club.test');
    await page.click('#check');
    await page.waitForFunction(() => document.body.dataset.state === 'running');
    for (let i = 0; i < 100 && open.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await page.keyboard.press('Escape');
    assert.equal(await waitForResult(page, 5000), 'cancelled');
    assert.equal(await page.textContent('#run-note'), 'The check was cancelled.');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'check');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    hang.closeAllConnections?.();
    await new Promise((ok) => hang.close(ok));
  }
});
