// The extension's catalogue: English and Japanese have the same keys and
// placeholders, and the manifest's words fit the stores' limits (Chrome:
// name at most 75 characters, description at most 132).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSameShape } from './lib/catalogue.mjs';
import { extensionLanguages, extensionMessage, extensionMessages } from '../../www/lib/extension-messages.js';


test('English and Japanese have the same keys and placeholders', () => {
  assert.deepEqual(extensionLanguages, ['en', 'ja']);
  assertSameShape(assert, extensionMessages.en, extensionMessages.ja);
});

test("the manifest's words fit the stores' limits", () => {
  for (const lang of extensionLanguages) {
    const m = extensionMessages[lang].manifest;
    assert.ok([...m.name].length <= 75, `${lang} name: ${[...m.name].length} characters`);
    assert.ok([...m.description].length <= 132, `${lang} description: ${[...m.description].length} characters`);
    assert.ok(!/[<>]/.test(m.name + m.description + m.action));
  }
});

test('extensionMessage fills values, drops a bracketed part without its value, falls back to English', () => {
  assert.equal(extensionMessage('popup.tab.not-web', 'en', { scheme: 'file' }).slice(0, 36), 'This tab is not a web page (file:). ');
  assert.equal(extensionMessage('popup.tab.not-web', 'en', {}).slice(0, 28), 'This tab is not a web page. ');
  assert.equal(extensionMessage('popup.verdict.fine', 'ja', { domain: 'club.test' }), 'club.test に問題は見つかりませんでした。');
  assert.equal(extensionMessage('popup.check', 'xx'), 'Check');
  assert.equal(extensionMessage('no.such.key', 'ja'), 'no.such.key');
});
