// The page's one Trusted Types policy ("mxray"; the CSP allows no other and
// requires one for every script sink). It vouches for exactly these:
// diff2html's HTML for the diff (diff-view.js), the worker's script URL and
// the script of the words of the page's language (main-hosted.js).
// Everything else the page shows goes through text nodes.

// One policy per page, though two bundles (boot.js, app.js) carry this module:
// the CSP allows the name "mxray" once.
const KEY = Symbol.for('mxray.trusted-types-policy');
let policy = null;

function create() {
  policy ??= globalThis[KEY] ?? null;
  if (policy || !globalThis.trustedTypes?.createPolicy) return policy;
  policy = globalThis[KEY] = globalThis.trustedTypes.createPolicy('mxray', {
    // Only diff-view.js calls this, with diff2html's output: diff2html escapes
    // every character of the diff text, and the CSP runs no inline handler.
    createHTML: (html) => html,
    // The worker: this site's own worker.js, or the Blob URL of the
    // single-file build's embedded worker; and this site's own words-LANG.js,
    // the words of the page's language (main-hosted.js). Nothing else.
    createScriptURL: (url) => {
      const u = new URL(url, document.baseURI);
      if (u.protocol === 'blob:' || (u.origin === location.origin && /\/(worker|words-[a-z]{2})\.js$/.test(u.pathname))) return u.href;
      throw new TypeError(`mxray: refused script URL ${url}`);
    },
  });
  return policy;
}

/** diff2html's output as TrustedHTML where the browser has Trusted Types. */
export const trustedHtml = (html) => create()?.createHTML(html) ?? html;

/** The worker's URL as TrustedScriptURL where the browser has Trusted Types. */
export const trustedScriptUrl = (url) => create()?.createScriptURL(url) ?? url;
