// No check the visitor did not ask for. Another site framing the page with
// #domain=<a name of its own> makes the visitor's browser ask no DNS question:
// the hosted build's header (frame-ancestors 'none', sent by the test server
// from the build's _headers as a static host would) keeps the page out of the
// frame, and where a host drops the header, the page itself refuses a live
// check inside a frame. On its own, a link with #domain= fills the domain in
// and waits for a press of Check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certDir, startResolver, zonesIn } from '../resolver/resolver.mjs';
import { ROOT, newPage, waitForResult } from './lib/browser.mjs';
import { readHeadersFile, serveFolder } from './lib/server.mjs';
import { findingLines, withSite } from './lib/site.mjs';

const BEACON = 'beacon-1234.attacker.test';

const env = withSite(async () => {
  if (!existsSync(join(certDir(), 'cert.pem'))) {
    const r = spawnSync(join(ROOT, 'tests/resolver/make-cert.sh'), [certDir()], { stdio: 'inherit' });
    assert.equal(r.status, 0, 'make-cert.sh');
  }
});

// Another site (another origin: its own port) whose page frames `url`.
async function attackerFraming(url) {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-attacker-'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>attacker</title><iframe id="f" width="800" height="600" src="${url}"></iframe>\n`);
  const server = await serveFolder(dir);
  return {
    url: `${server.url}index.html`,
    origin: server.url,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Waits until the page's core is ready, and a little more: a check started on
// its own would have asked its first questions by then.
const settle = async (frameOrPage) => {
  await frameOrPage.waitForFunction(() => performance.getEntriesByName('mxray:core-ready').length > 0, null, { timeout: 15000 });
  await new Promise((r) => setTimeout(r, 700));
};

test("the build's _headers forbid framing; the test server sends them", () => {
  const rules = readHeadersFile(join(env.site.site, '_headers'));
  const all = rules.find((r) => r.path === '/*');
  assert.ok(all, JSON.stringify(rules));
  assert.match(all.headers['content-security-policy'], /(^|; )frame-ancestors 'none'(;|$)/);
  assert.equal(all.headers['x-frame-options'], 'DENY');
  // The page's <meta> policy does not carry it (a <meta> cannot, and Chromium complains).
  assert.doesNotMatch(readFileSync(join(env.site.site, 'index.html'), 'utf8'), /frame-ancestors/);
});

test('a page of another site framing the hosted page with #domain= makes no DNS request: the page does not load in the frame', async () => {
  const attacker = await attackerFraming(`${env.site.url}#domain=${BEACON}`);
  const { page, context, requests } = await newPage(env.chromium.browser, { allow: [env.site.origin, attacker.origin] });
  try {
    const response = page.waitForResponse((r) => r.url().startsWith(env.site.url));
    await page.goto(attacker.url);
    const headers = (await response).headers();
    assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/);
    await new Promise((r) => setTimeout(r, 2000));
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(frame, 'the frame exists');
    // Blocked: the frame shows the browser's error page, not mxray.
    const inFrame = await frame.evaluate(() => document.getElementById('check-form') !== null).catch(() => false);
    assert.equal(inFrame, false, 'mxray did not load in the frame');
    const others = requests.filter((u) => !u.startsWith(attacker.origin) && !u.startsWith(env.site.url));
    assert.deepEqual(others, [], 'nothing but the framed page itself was asked for');
  } finally {
    await context.close();
    await attacker.close();
  }
});

test('a host that drops the header: the framed page fills the domain in, and refuses a live check even when Check is pressed', async () => {
  const bare = await serveFolder(env.site.site, { headersFile: false });
  const attacker = await attackerFraming(`${bare.url}index.html#domain=${BEACON}`);
  const { page, context, requests, errors } = await newPage(env.chromium.browser, { allow: [bare.url, attacker.origin] });
  try {
    await page.goto(attacker.url);
    const frame = page.frameLocator('#f');
    const framePage = page.frames().find((f) => f.url().startsWith(bare.url)) ?? (await page.waitForEvent('frameattached'));
    await framePage.waitForFunction(() => document.body.dataset.state === 'idle');
    await settle(framePage);
    assert.equal(await frame.locator('#domain').inputValue(), BEACON);
    assert.equal(await framePage.evaluate(() => document.body.dataset.state), 'idle', 'no check started');
    await frame.locator('#check').click();
    await framePage.waitForFunction(() => document.getElementById('form-error').textContent !== '');
    assert.equal(
      await frame.locator('#form-error').textContent(),
      'This page is shown inside another site, so it makes no live check. Open mxray in its own tab to check a domain.',
    );
    await new Promise((r) => setTimeout(r, 700));
    const dns = requests.filter((u) => !u.startsWith(bare.url) && !u.startsWith(attacker.origin));
    assert.deepEqual(dns, [], 'no DNS question left the browser');
    // An offline check of a zone is still fine in a frame: nothing leaves the browser.
    await frame.locator('#domain').fill('');
    await frame.locator('#files').setInputFiles(join(ROOT, 'examples/club-cloudflare-export.txt'));
    assert.equal(await waitForResult(framePage), 'done');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await attacker.close();
    await bare.close();
  }
});

test('#domain= in a link fills the domain in and asks nothing until Check is pressed', async () => {
  const dir = join(ROOT, 'tests/scenarios/cpanel-mail-cname');
  const sc = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8'));
  const resolver = await startResolver({ zones: zonesIn(join(dir, 'served')) });
  const { page, context, requests, errors, outside } = await newPage(env.chromium.browser, { allow: [env.site.origin, resolver.url] });
  try {
    // The resolver chosen in the settings (kept in this browser), as a person would.
    await page.goto(env.site.url);
    await page.click('#settings summary');
    await page.getByLabel('Another resolver').check();
    await page.fill('#resolver-url', resolver.url);
    await page.press('#resolver-url', 'Tab');
    const linked = await context.newPage();
    await linked.goto(`${env.site.url}#domain=${sc.domain}`);
    await linked.waitForFunction(() => document.body.dataset.state === 'idle');
    await settle(linked);
    assert.equal(await linked.inputValue('#domain'), sc.domain);
    assert.equal(await linked.textContent('#run-note'), `Press Check to look up ${sc.domain} in live DNS.`);
    assert.ok(await linked.isVisible('#run-note'));
    assert.equal(await linked.evaluate(() => document.body.dataset.state), 'idle');
    assert.deepEqual(requests.filter((u) => u.startsWith(resolver.url)), [], 'no DNS question before the click');
    await linked.click('#check');
    assert.equal(await waitForResult(linked), 'done');
    assert.deepEqual((await findingLines(linked)).sort(), [...sc.expect.live].sort());
    assert.ok(requests.some((u) => u.startsWith(resolver.url)), 'the click asked the resolver');
    assert.ok(await linked.isHidden('#run-note'), 'the note goes when the check starts');
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await resolver.stop();
  }
});
