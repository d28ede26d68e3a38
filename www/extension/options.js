// The extension's options page: the resolver of the live checks, the wait
// for each answer, and the language. They go to the settings the popup and
// the bundled report page read (settings.js: the extension's own
// localStorage, so no "storage" permission is needed). Only what the person
// changes is stored.
import { pickLanguage } from '../lib/messages.js';
import { resolveResolver, ResolverError } from '../lib/doh-driver.js';
import { chosenTimeout, loadSettings, saveSettings } from '../lib/settings.js';
import { siteMessage } from '../lib/site-messages.js';
import { extensionLanguages, extensionMessage } from '../lib/extension-messages.js';

const $ = (id) => document.getElementById(id);
const settings = loadSettings();
const lang = () => (extensionLanguages.includes(settings.lang) ? settings.lang : pickLanguage(navigator.language));

function applyTexts() {
  const l = lang();
  document.documentElement.lang = l;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = extensionMessage(el.dataset.i18n, l);
  for (const el of document.querySelectorAll('[data-site-i18n]')) el.textContent = siteMessage(el.dataset.siteI18n, l);
}

function show() {
  const choice = ['cloudflare', 'google', 'custom'].includes(settings.resolver) ? settings.resolver : 'cloudflare';
  document.querySelector(`input[name="resolver"][value="${choice}"]`).checked = true;
  $('resolver-url').value = typeof settings.resolverUrl === 'string' ? settings.resolverUrl : '';
  $('timeout').value = String(chosenTimeout(settings));
  $('language').value = extensionLanguages.includes(settings.lang) ? settings.lang : '';
}

/** The form's values, or an error's words. */
function read() {
  const resolver = document.querySelector('input[name="resolver"]:checked')?.value ?? 'cloudflare';
  const resolverUrl = $('resolver-url').value.trim();
  if (resolver === 'custom') {
    try {
      resolveResolver(resolverUrl, 'wire');
    } catch (e) {
      if (!(e instanceof ResolverError)) throw e;
      return { error: siteMessage(`resolver.${e.code}`, lang(), e.values) };
    }
  }
  const timeout = Number($('timeout').value);
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 120) return { error: siteMessage('errors.bad-timeout', lang()) };
  return { values: { resolver, resolverUrl, timeout, lang: $('language').value } };
}

$('resolver-url').addEventListener('input', () => {
  if ($('resolver-url').value.trim()) $('resolver-custom').checked = true;
});

$('form').addEventListener('submit', (e) => {
  e.preventDefault();
  $('status').textContent = '';
  const { error, values } = read();
  $('error').textContent = error ?? '';
  if (error) return;
  // Stored: what differs from what the page showed, i.e. what the person changed.
  const before = { resolver: settings.resolver ?? 'cloudflare', resolverUrl: settings.resolverUrl ?? '', timeout: chosenTimeout(settings), lang: settings.lang ?? '' };
  for (const [key, value] of Object.entries(values)) {
    if (value === before[key]) continue;
    if (key === 'lang' && value === '') delete settings.lang; // back to the browser's language
    else settings[key] = value;
  }
  const kept = saveSettings(settings);
  applyTexts();
  if (kept) $('status').textContent = extensionMessage('options.saved', lang());
  else $('error').textContent = extensionMessage('options.notSaved', lang());
});

applyTexts();
show();
