// A language's words, loaded when a page needs them. In the sources (and so
// in Node, the tests and the single file) every message catalogue holds every
// language, nothing registers here, and every language counts as loaded. The
// hosted build and the extension's popup split the catalogues at build time
// (build.mjs wordsByLanguage): the bundle keeps English, the language every
// lookup falls back to, and each catalogue registers here how to fetch each
// other language's words, a module of its own loaded when first asked for.

const catalogues = []; // {object, loaders: {lang: () => Promise<{default: words}>}}

/** Called by a split catalogue as it is made: `object` is its {en: words, ja: null, ...}; returns it. */
export function addCatalogue(object, loaders) {
  catalogues.push({ object, loaders });
  return object;
}

/** Whether every catalogue of this page has `lang`'s words in hand. */
export const languageLoaded = (lang) => catalogues.every(({ object, loaders }) => object[lang] != null || !loaders[lang]);

/** Fetches `lang`'s words of every catalogue of this page (at once, in parallel); resolves when all are in. */
export function loadLanguage(lang) {
  return Promise.all(
    catalogues.map(async ({ object, loaders }) => {
      if (object[lang] == null && loaders[lang]) object[lang] = (await loaders[lang]()).default;
    }),
  ).then(() => undefined);
}
