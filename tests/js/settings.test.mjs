// www/lib/settings.js: what the stored settings choose. The privacy choices
// are opt-in: the PTR of the mail server's address (which tells the resolver
// that address) only when askPtr is true; padded queries unless padding is false.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chosenResolver, chosenSessionOptions, chosenTimeout, loadSettings, saveSettings } from '../../www/lib/settings.js';

const memory = () => {
  const m = new Map();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => m.set(k, String(v)) };
};

test('session options: the PTR only when asked for, padding unless turned off', () => {
  assert.deepEqual(chosenSessionOptions({}), { ask_ptr: false, padding: true });
  assert.deepEqual(chosenSessionOptions(undefined), { ask_ptr: false, padding: true });
  assert.deepEqual(chosenSessionOptions({ askPtr: true, padding: false }), { ask_ptr: true, padding: false });
  // Anything but the booleans themselves leaves the safe default.
  assert.deepEqual(chosenSessionOptions({ askPtr: 'yes', padding: 0 }), { ask_ptr: false, padding: true });
  const storage = memory();
  assert.ok(saveSettings({ askPtr: true }, storage));
  assert.deepEqual(chosenSessionOptions(loadSettings(storage)), { ask_ptr: true, padding: true });
});

test('resolver and timeout as before', () => {
  assert.equal(chosenResolver({}), 'cloudflare');
  assert.equal(chosenResolver({ resolver: 'custom', resolverUrl: ' https://x.test/dns-query ' }), 'https://x.test/dns-query');
  assert.equal(chosenTimeout({ timeout: 500 }), 5);
});
