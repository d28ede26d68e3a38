// The website's catalogue: both languages have the same keys, the same
// placeholders in each message, and no empty text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSameShape } from './lib/catalogue.mjs';
import { formatBytes, siteLanguages, siteMessage, siteMessages } from '../../www/lib/site-messages.js';

test('English and Japanese have the same keys', () => {
  assert.deepEqual(siteLanguages, ['en', 'ja']);
  assertSameShape(assert, siteMessages.en, siteMessages.ja);
});

test('siteMessage fills placeholders, drops a bracketed part without its value, keeps unknown ones', () => {
  assert.equal(siteMessage('input.remove', 'en', { file: 'a.db' }), 'Remove a.db');
  assert.equal(siteMessage('input.remove', 'ja', { file: 'a.db' }), 'a.db を外す');
  assert.equal(siteMessage('results.route.proxy', 'en', { provider: 'Cloudflare' }), 'the proxy of Cloudflare');
  assert.equal(siteMessage('results.route.proxy', 'en', {}), 'the proxy');
  assert.match(siteMessage('input.originHelp', 'en'), /\{origin-ipv4\}/);
  assert.equal(siteMessage('no.such.key', 'ja'), 'no.such.key');
  assert.equal(siteMessage('input.check', 'xx'), 'Check');
});

test('formatBytes', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(2100), '2.1 kB');
  assert.equal(formatBytes(66348704), '66 MB');
  assert.equal(formatBytes(167772160), '168 MB');
});
