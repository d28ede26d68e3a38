// Text from a zone, a DNS answer or a file name, made safe to show. Two
// dangers: characters that change what a person sees without being seen —
// a bidi override reorders the text after it, a zero-width character hides,
// a control character (ESC) drives a terminal — and domain names that pass
// for others: a label that mixes scripts ("pаypal" with a Cyrillic а) or is
// written wholly in Cyrillic or Greek letters that look Latin ("аррӏе").
// The lookalike checks follow the idea of Unicode Technical Standard #39
// (Unicode Security Mechanisms): its "restriction levels" for mixed scripts
// and its "confusable skeleton"; the small table here is our own, not the
// Unicode data. Pure functions, no DOM: the site, the command line and the
// extension popup share them. Words for the warnings are in messages.js
// (report.safety) and report-text.js (warningText).

// The characters shown as ⟨U+XXXX⟩, by kind. TAB stays: it is only space.
const KINDS = [
  // Unicode bidi formatting characters (UAX #9): embeddings, overrides, isolates, marks.
  ['bidi-control', /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u],
  // Default-ignorable characters that draw nothing: zero-width space and joiners,
  // soft hyphen, word joiner and invisible operators, fillers, variation selectors, BOM, tags.
  ['invisible', /[\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200D\u2060-\u2064\u206A-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{1D173}-\u{1D17A}\u{E0000}-\u{E0FFF}]/u],
  // C0 (but TAB), DEL, C1 (CSI U+009B among them), and the line and paragraph separators.
  ['control', /[\0-\x08\n-\x1F\x7F-\x9F\u2028\u2029]/u],
];
const FLAGGED = new RegExp(KINDS.map(([, re]) => re.source).join('|'), 'gu');
const FLAGGED_LF = new RegExp(`(?!\\n)(?:${FLAGGED.source})`, 'gu');

/** "U+202E" for a character. */
export const codePointName = (ch) => `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The kind of a character that must not reach the page or terminal as it is: 'bidi-control', 'invisible', 'control', or null. */
export function charKind(ch) {
  for (const [kind, re] of KINDS) if (re.test(ch)) return kind;
  return null;
}

// What the core's JSON writers escape (core/dns/json_text.cpp): C1, the line and
// paragraph separators, and the bidi controls. JSON.stringify leaves them raw.
const JSON_RAW = /[\u0080-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

/**
 * JSON text (JSON.stringify's output) with C1 controls, U+2028, U+2029 and the
 * bidi controls written as \uXXXX, as the core writes them: the same value, and
 * nothing that reorders or breaks the text where it is shown or pasted. Outside
 * strings JSON holds none of them, so the whole text may be given.
 */
export function jsonEscaped(json) {
  return String(json).replace(JSON_RAW, (ch) => `\\u${ch.codePointAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `text` with every bidi control, invisible and control character written as
 * ⟨U+202E⟩; all else, tabs included, is left as it is. With `keepNewlines`,
 * LF stays too (for text that is shown as lines, where LF only ends one).
 * Applying it twice changes nothing more.
 */
export function displayText(text, keepNewlines = false) {
  return String(text ?? '').replace(keepNewlines ? FLAGGED_LF : FLAGGED, (ch) => `⟨${codePointName(ch)}⟩`);
}

/** The hidden characters of `text`: [{code: 'bidi-control'|'invisible'|'control', chars: ['U+202E', …]}], in order of first appearance. */
export function textWarnings(text) {
  const found = new Map();
  for (const [ch] of String(text ?? '').matchAll(FLAGGED)) {
    const kind = charKind(ch);
    if (!found.has(kind)) found.set(kind, []);
    const chars = found.get(kind);
    if (!chars.includes(codePointName(ch))) chars.push(codePointName(ch));
  }
  return [...found].map(([code, chars]) => ({ code, chars }));
}

// ---- Punycode (RFC 3492) -----------------------------------------------------
const BASE = 36;
const TMIN = 1;
const TMAX = 26;

// §6.1 Bias adaptation, with damp 700 and skew 38 (§5).
function adapt(delta, points, first) {
  delta = first ? Math.floor(delta / 700) : Math.floor(delta / 2);
  delta += Math.floor(delta / points);
  let k = 0;
  for (; delta > ((BASE - TMIN) * TMAX) / 2; k += BASE) delta = Math.floor(delta / (BASE - TMIN));
  return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + 38));
}

// A basic code point's value as a digit (§5: a-z and A-Z are 0-25, 0-9 are 26-35); BASE when it is none.
function digit(c) {
  if (c >= 48 && c <= 57) return c - 22;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 97;
  return BASE;
}

/**
 * The Unicode string that Punycode `input` (without "xn--") encodes, by the
 * decoding procedure of RFC 3492 §6.2; null when the input is not valid
 * Punycode. Mixed-case annotations are ignored (Appendix A).
 */
export function decodePunycode(input) {
  const s = String(input);
  const end = s.lastIndexOf('-');
  const out = [];
  for (let j = 0; j < end; j++) {
    if (s.charCodeAt(j) >= 0x80) return null;
    out.push(s.charCodeAt(j));
  }
  let n = 0x80;
  let i = 0;
  let bias = 72;
  for (let p = end > 0 ? end + 1 : 0; p < s.length; ) {
    const old = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (p >= s.length) return null;
      const d = digit(s.charCodeAt(p++));
      if (d >= BASE) return null;
      i += d * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
      if (i > 0x7fffffff || w > 0x7fffffff) return null; // §6.4: overflow
    }
    const len = out.length + 1;
    bias = adapt(i - old, len, old === 0);
    n += Math.floor(i / len);
    i %= len;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

// ---- names ---------------------------------------------------------------------
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder(); // not fatal: a byte that is not UTF-8 reads as U+FFFD

/**
 * The labels of a domain name in presentation format (RFC 1035 §5.1, with
 * \DDD and \X escapes), as Unicode: each label's octets read as UTF-8, and an
 * A-label ("xn--…") decoded from Punycode. Empty labels (the root) are left out.
 */
export function nameLabels(name) {
  const labels = [];
  let bytes = [];
  const done = () => {
    if (!bytes.length) return;
    const label = fromUtf8.decode(Uint8Array.from(bytes));
    const ace = /^xn--/i.test(label) ? decodePunycode(label.slice(4)) : null;
    labels.push(ace ?? label);
    bytes = [];
  };
  for (const [, ddd, escaped, dot, run] of String(name ?? '').matchAll(/\\(\d{3})|\\(.)|(\.)|([^\\.]+)/gsu)) {
    if (ddd) bytes.push(Number(ddd) & 0xff);
    else if (dot) done();
    else bytes.push(...utf8.encode(escaped ?? run));
  }
  done();
  return labels;
}

// Letters of Cyrillic and Greek that look like Latin ones in common fonts (lower case).
// Written as escapes so that this file itself shows no lookalike.
const LOOKS_LATIN = {
  '\u0430': 'a', '\u0441': 'c', '\u0501': 'd', '\u0435': 'e', '\u04BB': 'h', '\u0456': 'i', '\u0458': 'j',
  '\u04CF': 'l', '\u043E': 'o', '\u0440': 'p', '\u051B': 'q', '\u0455': 's', '\u051D': 'w', '\u0445': 'x',
  '\u0443': 'y', '\u04AF': 'y', '\u0475': 'v',
  '\u03B1': 'a', '\u03F2': 'c', '\u03B9': 'i', '\u03F3': 'j', '\u03BA': 'k', '\u03BD': 'v', '\u03BF': 'o',
  '\u03C1': 'p', '\u03C5': 'u', '\u03C7': 'x', '\u03B3': 'y',
};
const skeleton = (label) => [...label.toLowerCase()].map((ch) => LOOKS_LATIN[ch] ?? ch).join('');
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

// The scripts the rules below name; a letter of any other is "Other". Common
// and Inherited characters (digits, hyphen, marks) belong to no script here.
const SCRIPTS = ['Latin', 'Greek', 'Cyrillic', 'Cherokee', 'Han', 'Hiragana', 'Katakana', 'Bopomofo', 'Hangul'].map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')]);
const NO_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}]/u;
const scriptOf = (ch) => (NO_SCRIPT.test(ch) ? null : (SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'Other'));

// UTS #39 §5.2: "highly restrictive" allows these sets together (Japanese,
// Chinese, Korean with Latin); "moderately restrictive" adds Latin with any one
// other script but Cyrillic, Greek and Cherokee. Any other mixture is flagged.
const ALLOWED_SETS = [['Latin', 'Han', 'Hiragana', 'Katakana'], ['Latin', 'Han', 'Bopomofo'], ['Latin', 'Han', 'Hangul']];
function mixes(scripts) {
  if (scripts.length < 2 || ALLOWED_SETS.some((set) => scripts.every((s) => set.includes(s)))) return false;
  return !(scripts.length === 2 && scripts.includes('Latin') && !scripts.some((s) => ['Cyrillic', 'Greek', 'Cherokee'].includes(s)));
}

/**
 * What may mislead in one domain name (presentation format; several names
 * separated by spaces or commas are checked each): its hidden characters as
 * textWarnings gives them, once its escapes and A-labels are decoded, and
 *   {code: 'mixed-script', scripts: ['Latin', 'Cyrillic'], looksLike?: 'paypal.test'}
 *     a label mixes scripts no language mixes;
 *   {code: 'lookalike', scripts: ['Cyrillic'], looksLike: 'apple.test'}
 *     a label is all Cyrillic or Greek letters that look Latin.
 * looksLike: the name with those letters read as the Latin ones they imitate
 * (no final dot), when that is plain ASCII. [] for an ordinary name, ASCII or IDN.
 */
export function nameWarnings(name) {
  const found = new Map();
  const add = (w) => {
    const had = found.get(w.code);
    if (!had) found.set(w.code, w);
    else for (const k of ['chars', 'scripts']) if (w[k]) had[k] = [...new Set([...had[k], ...w[k]])];
  };
  for (const one of String(name ?? '').split(/[\s,]+/)) {
    const labels = nameLabels(one);
    textWarnings(labels.join('.')).forEach(add);
    const looksLike = labels.map(skeleton).join('.');
    for (const label of labels) {
      const scripts = [...new Set([...label].map(scriptOf).filter(Boolean))];
      const ascii = PRINTABLE_ASCII.test(skeleton(label));
      if (mixes(scripts)) add({ code: 'mixed-script', scripts, ...(ascii ? { looksLike } : {}) });
      else if (scripts.length === 1 && ['Cyrillic', 'Greek'].includes(scripts[0]) && ascii) add({ code: 'lookalike', scripts, looksLike });
    }
  }
  return [...found.values()];
}

// ---- file names in outputs ---------------------------------------------------

/**
 * `value` in double quotes for a message, as JSON writes a string (C0
 * controls, quotes and backslashes escaped), with what JSON leaves as it is
 * (C1 controls such as CSI U+009B, bidi controls such as U+202E, invisible
 * characters, U+2028) shown as ⟨U+XXXX⟩ by displayText.
 */
export const quotedText = (value) => displayText(JSON.stringify(String(value ?? '')));

// Octets git writes with a letter escape inside a quoted path (git's quote.c).
const GIT_LETTER = { 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x22: '"', 0x5c: '\\' };

/**
 * `prefix` + `path` as git writes a path in a diff header with core.quotePath
 * on, its default: as it is when no octet needs quoting; otherwise the whole
 * in double quotes, with C's escapes — \a \b \t \n \v \f \r \" \\ — and every
 * other control character, DEL and every octet of 0x80 and above (the UTF-8
 * of anything not ASCII, U+202E among them) as three octal digits:
 * gitQuotedPath('a/x\x1b.db') is "a/x\033.db" in quotes. GNU patch reads the
 * quoted form back (so `patch -p1` finds the file), and no name can end a
 * header line, add one, or reach the terminal as a control.
 */
export function gitQuotedPath(path, prefix = '') {
  const bytes = utf8.encode(prefix + String(path ?? ''));
  if (!bytes.some((b) => b < 0x20 || b === 0x22 || b === 0x5c || b >= 0x7f)) return prefix + String(path ?? '');
  let out = '"';
  for (const b of bytes) {
    if (GIT_LETTER[b]) out += `\\${GIT_LETTER[b]}`;
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return out + '"';
}
