// The settings a person changed, kept in the browser's localStorage under one
// key. The website and the extension's pages (popup, options, the bundled
// report page: one origin) share it, so a resolver chosen in the extension's
// options is the one its report page uses. Only what the person changed is
// ever stored (see remember() in www/site/app.js and www/extension/options.js).
//
// Fields: lang ('en' | 'ja'), resolver ('cloudflare' | 'google' | 'custom'),
// resolverUrl (https URL), timeout (seconds), diffLayout, askPtr (true: ask
// the PTR of the mail server's address, which tells the resolver that
// address; off unless chosen), padding (false: DNS queries unpadded; padded
// to 128 octets unless chosen so, RFC 8467).

export const SETTINGS_KEY = 'mxray.settings';

/** The stored settings, or {} when there are none or storage is off. */
export function loadSettings(storage = globalThis.localStorage) {
  try {
    const value = JSON.parse(storage?.getItem(SETTINGS_KEY) ?? '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** Stores `settings`; false when the browser keeps nothing (private mode, file:// policies). */
export function saveSettings(settings, storage = globalThis.localStorage) {
  try {
    storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
    return true;
  } catch {
    return false;
  }
}

/** The resolver the settings choose, as doh-driver.js resolveResolver() takes it. */
export function chosenResolver(settings) {
  if (settings.resolver === 'custom' && typeof settings.resolverUrl === 'string' && settings.resolverUrl.trim()) return settings.resolverUrl.trim();
  return settings.resolver === 'google' ? 'google' : 'cloudflare';
}

/** Seconds to wait for each answer: the stored value when it is sane, else 5. */
export function chosenTimeout(settings) {
  const t = Number(settings.timeout);
  return Number.isFinite(t) && t >= 1 && t <= 120 ? t : 5;
}

/**
 * The Session options the settings choose, as www/lib/check.js runCheck takes them
 * (job.sessionOptions): {ask_ptr, padding}. Only an explicit true asks the PTR of
 * the mail server's address; only an explicit false sends queries unpadded.
 */
export function chosenSessionOptions(settings) {
  return { ask_ptr: settings?.askPtr === true, padding: settings?.padding !== false };
}
