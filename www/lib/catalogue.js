// The machinery of the message catalogues (messages.js, site-messages.js,
// cli-messages.js, extension-messages.js): a word found by its dotted path in
// a language, English where the language lacks it, and its placeholders
// filled.

/** The template at `path` ("popup.verdict.clean") in `lang`, else in English; undefined when neither has it. */
export function lookup(catalogues, path, lang) {
  const find = (cat) => {
    const found = path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), cat);
    return typeof found === 'string' ? found : undefined;
  };
  return find(catalogues[lang] ?? catalogues.en) ?? find(catalogues.en);
}

/**
 * Fills `{name}` placeholders from `values`.
 * - `[ ({scheme}:)]`: a bracketed part stays only when all its placeholders
 *   have values (brackets: false leaves brackets alone, for usage texts).
 * - A placeholder without a value becomes '' (keepUnknown: stays as written,
 *   as "{origin-ipv4}" in a help text).
 * - `show` turns a value into text (name-safety.js displayText, so a value
 *   carrying a bidi override shows it as ⟨U+202E⟩).
 * - `{count|warning|warnings}`: the first word when `count` is 1, else the
 *   second ("1 warning", "2 warnings"); languages without plurals need none.
 */
export function fillTemplate(template, values = {}, { brackets = true, keepUnknown = false, show = String } = {}) {
  const has = (n) => values[n] !== undefined && values[n] !== '';
  template = template.replace(/\{([\w-]+)\|([^|{}]*)\|([^|{}]*)\}/g, (_, n, one, other) => (Number(values[n]) === 1 ? one : other));
  const kept = brackets
    ? template.replace(/\[([^\]]*)\]/g, (_, part) => ([...part.matchAll(/\{([\w-]+)\}/g)].every((m) => has(m[1])) ? part : ''))
    : template;
  return kept.replace(/\{([\w-]+)\}/g, (whole, n) => (values[n] === undefined ? (keepUnknown ? whole : '') : show(values[n])));
}
