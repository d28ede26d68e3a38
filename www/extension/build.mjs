#!/usr/bin/env node
// Builds the browser extension (Manifest V3, Chrome and Firefox) from
// www/extension, www/lib and the website's hosted build:
//
//   node www/extension/build.mjs [--out DIR] [--psl FILE]   (default DIR: build)
//
//   DIR/extension/           the unpacked extension (chrome://extensions "Load
//                            unpacked", Firefox about:debugging): manifest.json,
//                            popup.html + popup.js (+ psl.json, the Public Suffix
//                            List it reads), options.html + options.js,
//                            extension.css, icons/, _locales/{en,ja}/, and site/,
//                            the website's hosted build (the full report page and
//                            the wasm core the popup also loads)
//   DIR/mxray-extension-VERSION.zip  the same, zipped for the Chrome Web Store
//                            (manifest at the root, fixed file times and order)
//
// The Public Suffix List comes from Debian's `publicsuffix` package
// (/usr/share/publicsuffix/public_suffix_list.dat), compiled to ASCII rules
// into psl.json, which popup.js fetches; its date is the package's version
// (YYYYMMDD.HHMM-N) and the popup shows it. The wasm core must be built first (make wasm).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { domainToASCII, fileURLToPath } from 'node:url';
import { PALETTE_CSS, buildHostedSite, bundle, joinCss, splitBundle, wordsByLanguage } from '../site/build.mjs';
import { compileRules } from '../lib/psl.js';
import { extensionLanguages, extensionMessages } from '../lib/extension-messages.js';
import { iconFiles } from './tools/icons.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
export const PSL_FILE = '/usr/share/publicsuffix/public_suffix_list.dat';

function parseArgs(argv) {
  const o = { out: join(root, 'build'), psl: PSL_FILE };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag === '--out') o.out = resolve(value());
    else if (flag === '--psl') o.psl = resolve(value());
    else throw new Error(`unknown argument ${argv[i]} (use --out DIR, --psl FILE)`);
  }
  return o;
}

/**
 * The list's rules and date. The date is the Debian package's version when
 * dpkg knows the file's package, else the file's modification day.
 */
export function loadSuffixList(file = PSL_FILE) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the Public Suffix List ${file} (${e.code ?? e.message}): install Debian's publicsuffix package`);
  }
  const { rules, icann, private: priv, skipped } = compileRules(text, domainToASCII);
  if (rules.length < 1000 || !icann) throw new Error(`${file} does not look like the Public Suffix List (${rules.length} rules)`);
  let version = '';
  try {
    const owner = execFileSync('dpkg-query', ['-S', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(':')[0].trim();
    version = execFileSync('dpkg-query', ['-W', '-f=${Version}', owner], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a Debian package's file: its modification time dates it
  }
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(version);
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : statSync(file).mtime.toISOString().slice(0, 10);
  return { rules, date, version: version || `file of ${date}`, icann, private: priv, skipped };
}

/** The list as the popup reads it: {rules: "rule\nrule…", date, version}. */
export const pslData = (psl) => ({ rules: psl.rules.join('\n'), date: psl.date, version: psl.version });

// `import PSL from 'mxray:psl'`: the list is data, not code: psl.json beside
// popup.js (as large as the rest of the popup's script together), fetched
// while the popup's script is parsed rather than compiled as part of it.
function pslPlugin() {
  const contents = `const r = await fetch(new URL('psl.json', import.meta.url));
if (!r.ok) throw new Error('psl.json: ' + r.status);
export default await r.json();`;
  return {
    name: 'mxray-psl',
    setup(build) {
      build.onResolve({ filter: /^mxray:psl$/ }, () => ({ path: 'psl', namespace: 'mxray' }));
      build.onLoad({ filter: /.*/, namespace: 'mxray' }, () => ({ contents, loader: 'js' }));
    },
  };
}

/** The manifest: www/extension/manifest.json with the package's version. */
function manifest() {
  const m = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8'));
  m.version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  return m;
}

// _locales/<lang>/messages.json: the manifest's words (chrome.i18n format).
function localeFiles() {
  const out = {};
  for (const lang of extensionLanguages) {
    const words = extensionMessages[lang].manifest;
    out[lang] = Object.fromEntries(Object.entries(words).map(([k, v]) => [k, { message: v }]));
  }
  return out;
}

// Every file under `dir`, relative, sorted (the zip's order).
function listFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), base) : [relative(base, join(dir, e.name))]))
    .sort();
}

export async function build({ out, psl: pslFile = PSL_FILE }) {
  const psl = loadSuffixList(pslFile);
  const dir = join(out, 'extension');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await buildHostedSite(join(dir, 'site'), { headersFile: false });

  const m = manifest();
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
  // The popup's first paint is popup.js and its static imports; what a check
  // needs (popup-check.js) and the words of other languages than English are
  // modules of their own, fetched with import() (tests/bench/site-budget.mjs).
  await splitBundle({ popup: join(here, 'popup.js') }, dir, { plugins: [pslPlugin(), wordsByLanguage()] });
  writeFileSync(join(dir, 'psl.json'), JSON.stringify(pslData(psl)));
  writeFileSync(join(dir, 'options.js'), await bundle(join(here, 'options.js')));
  for (const f of ['popup.html', 'options.html']) writeFileSync(join(dir, f), readFileSync(join(here, f)));
  writeFileSync(join(dir, 'LICENSE'), readFileSync(join(root, 'LICENSE')));
  writeFileSync(join(dir, 'extension.css'), await joinCss([PALETTE_CSS, join(here, 'extension.css')]));
  mkdirSync(join(dir, 'icons'));
  for (const [size, png] of Object.entries(iconFiles())) writeFileSync(join(dir, 'icons', `${size}.png`), png);
  for (const [lang, words] of Object.entries(localeFiles())) {
    mkdirSync(join(dir, '_locales', lang), { recursive: true });
    writeFileSync(join(dir, '_locales', lang, 'messages.json'), JSON.stringify(words, null, 2) + '\n');
  }

  // The zip: the same bytes from the same sources (fixed times, sorted names, no extra fields).
  const files = listFiles(dir);
  const epoch = new Date('2000-01-01T00:00:00Z');
  for (const f of files) utimesSync(join(dir, f), epoch, epoch);
  const zip = join(out, `mxray-extension-${m.version}.zip`);
  rmSync(zip, { force: true });
  try {
    execFileSync('zip', ['-q', '-X', '-9', zip, '-@'], { cwd: dir, input: files.join('\n') + '\n', env: { ...process.env, TZ: 'UTC' } });
  } catch (e) {
    throw new Error(e.code === 'ENOENT' ? 'zip is not installed (apt-get install zip)' : `zip failed: ${e.message}`);
  }
  return { dir, zip, version: m.version, files: files.length, psl };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = await build(parseArgs(process.argv.slice(2)));
    const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(`extension: ${r.dir} (${r.files} files; Public Suffix List of ${r.psl.date}, ${r.psl.rules.length} rules)`);
    console.log(`zip for the Chrome Web Store: ${r.zip} (${kb(statSync(r.zip).size)})`);
  } catch (e) {
    console.error(`build.mjs: ${e.message}`);
    process.exit(1);
  }
}
