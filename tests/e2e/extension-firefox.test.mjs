// The unpacked extension, built from the sources as they are now (or the
// folder MXRAY_EXTENSION names), loads in Firefox: firefox-esr,
// headless, installs it as a temporary add-on (about:debugging's "Load
// Temporary Add-on", over the Remote Debugging Protocol), with the id of
// browser_specific_settings.gecko, running, named from _locales, and with no
// manifest warning.
//
// Warnings fail the test: for a key, permission or CSP it cannot use, Firefox
// still loads the extension and only warns, then runs it without that key (an
// 'unsafe-eval' CSP is dropped, a Chrome-only permission is not granted). A
// warning is a difference between the extension Chrome runs and the one
// Firefox runs.
//
// Copies of the extension with one manifest change each show that the check
// fails when it should: Firefox's refusal or warning names the key.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../www/extension/build.mjs';
import { connect, installTemporaryAddon, launchFirefox, listAddons } from './lib/firefox.mjs';

let EXTENSION = process.env.MXRAY_EXTENSION;

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

let firefox;
let client;
const copies = [];

before(async () => {
  if (!EXTENSION) {
    const out = mkdtempSync(join(tmpdir(), 'mxray-extension-build-'));
    copies.push(out);
    EXTENSION = (await build({ out })).dir;
  }
  if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`no ${join(EXTENSION, 'manifest.json')}: build the extension first (make extension)`);
  firefox = await launchFirefox();
  client = await connect(firefox.port);
});

after(async () => {
  client?.close();
  await firefox?.close();
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/**
 * Installs `dir` as a temporary add-on. `problems` is Firefox's refusal, or
 * the warnings it wrote while reading the manifest; empty when it took the
 * manifest as it is.
 */
async function load(dir) {
  const installed = await installTemporaryAddon(client, dir);
  if ('error' in installed) return { problems: [installed.error] };
  const addon = (await listAddons(client)).find((a) => a.id === installed.id);
  assert.ok(addon, `Firefox installed ${installed.id} but does not list it`);
  return { id: installed.id, addon, problems: addon.warnings };
}

/** A copy of the extension whose manifest `change` edits (in place). */
function copyWith(change) {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-extension-'));
  copies.push(dir);
  cpSync(EXTENSION, dir, { recursive: true });
  const manifest = readJson(join(dir, 'manifest.json'));
  // Its own id, so that it never replaces the extension under test.
  const gecko = { ...manifest.browser_specific_settings?.gecko, id: `copy-${copies.length}@mxray.test` };
  manifest.browser_specific_settings = { ...manifest.browser_specific_settings, gecko };
  change(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** The manifest's name, through _locales/<default_locale>/messages.json for "__MSG_key__" (keys ignore case). */
function localizedName(manifest) {
  const key = /^__MSG_(\w+)__$/.exec(manifest.name)?.[1];
  if (!key) return manifest.name;
  const messages = readJson(join(EXTENSION, '_locales', manifest.default_locale, 'messages.json'));
  const found = Object.entries(messages).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return found?.[1].message;
}

test('Firefox loads the extension: the gecko id, running, named, no manifest warning', async () => {
  const manifest = readJson(join(EXTENSION, 'manifest.json'));
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  assert.ok(geckoId, 'manifest.json has browser_specific_settings.gecko.id (Firefox requires an id for MV3 storage and signing)');
  const loaded = await load(EXTENSION);
  // Firefox's schema messages can run to kilobytes; the key comes first.
  const shown = loaded.problems.map((p) => (p.length > 400 ? `${p.slice(0, 400)}…` : p));
  assert.ok(loaded.problems.length === 0, `Firefox complains about ${join(EXTENSION, 'manifest.json')}:\n${shown.join('\n')}`);
  assert.equal(loaded.id, geckoId);
  assert.equal(loaded.addon.temporarilyInstalled, true);
  // True once the extension's policy is active: it is enabled and started.
  assert.equal(loaded.addon.debuggable, true, 'the extension is running');
  assert.equal(loaded.addon.name, localizedName(manifest), 'the name comes from _locales');
});

// Manifests Firefox refuses; each line says why it is here and the part of
// Firefox's message that names the problem.
const REFUSED = [
  // An id that is neither e-mail-like nor a {GUID}.
  [(m) => (m.browser_specific_settings.gecko.id = 'mxray'), /Error processing browser_specific_settings\.gecko\.id/],
  // A required key missing.
  [(m) => delete m.version, /Property "version" is required/],
  // Chrome's MV3 background; Firefox wants background.scripts beside it.
  [(m) => (m.background = { service_worker: 'background.js' }), /background\.service_worker is currently disabled/],
  // A default locale without its messages.json.
  [(m) => (m.default_locale = 'xx'), /_locales\/xx\/messages\.json/],
];

test('the check fails: Firefox refuses broken copies of the manifest and says why', async () => {
  for (const [change, message] of REFUSED) {
    const loaded = await load(copyWith(change));
    assert.equal(loaded.id, undefined, `Firefox accepted a manifest it should refuse (${message})`);
    assert.match(loaded.problems.join('\n'), message);
  }
});

// Manifests Firefox loads, but only in part: what it drops is a warning, and
// a warning fails the first test.
const WARNED = [
  // A key Firefox does not know.
  [(m) => (m.frobnicate = true), /Warning processing frobnicate: An unexpected property/],
  // A Chrome-only permission: not granted in Firefox.
  [(m) => (m.permissions = [...(m.permissions ?? []), 'debugger']), /Warning processing permissions/],
  // 'unsafe-eval' in the extension pages' CSP: Firefox drops the whole policy.
  [(m) => (m.content_security_policy = { extension_pages: "script-src 'self' 'unsafe-eval'" }), /content_security_policy\.extension_pages: .*'unsafe-eval'/],
];

test('the check fails: Firefox warns about what it would drop from the manifest', async () => {
  for (const [change, message] of WARNED) {
    const loaded = await load(copyWith(change));
    assert.ok(loaded.id, `Firefox refused instead of warning: ${loaded.problems.join('\n')}`);
    assert.notDeepEqual(loaded.problems, [], `no warning for ${message}`);
    assert.match(loaded.problems.join('\n'), message);
  }
});

test('nothing left the machine: Firefox tried no request beyond loopback', () => {
  // The proxy refused these; a host here is a service lib/firefox.mjs should turn off.
  assert.deepEqual(firefox.outside, []);
});
