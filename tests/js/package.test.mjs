// The npm package: `npm pack` gives a tarball with the CLI, www/lib
// and the built wasm core, and nothing of the build; installed from that
// tarball into an empty folder, with no network and no compiler on PATH,
// `npx mxray check` prints byte for byte what the checkout's CLI prints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packProblem } from '../../www/pack/prepack.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = 'examples/club-cloudflare-export.txt';
// The runtime dependencies the package bundles (package.json bundleDependencies): installed with it, no network.
const BUNDLED = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).bundleDependencies ?? [];
const scratch = mkdtempSync(join(tmpdir(), 'mxray-package-'));

// No network: npm is pointed at a loopback port where nothing listens (the
// discard port), with --offline and an empty cache of its own, so anything
// that would need the registry fails instead of being fetched. No compiler:
// PATH holds only node, npm, npx and sh (npx runs a bin through sh).
const bin = join(scratch, 'bin');
mkdirSync(bin);
for (const tool of ['node', 'npm', 'npx', 'sh']) {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
  assert.ok(found, `${tool} is on this machine`);
  symlinkSync(realpathSync(found), join(bin, tool));
}
const env = (cache) => ({
  PATH: bin,
  HOME: join(scratch, 'home'),
  LANG: 'C',
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_cache: join(scratch, cache),
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
});
const run = (cmd, args, cwd, cache = 'cache') =>
  spawnSync(join(bin, cmd), args, { cwd, env: env(cache), timeout: 120_000 });

after(() => rmSync(scratch, { recursive: true, force: true }));

let tarball; // the packed file
let entries; // its paths, package/ taken off
let installed; // the folder it was installed into

before(() => {
  const out = join(scratch, 'packed');
  mkdirSync(out);
  const r = run('npm', ['pack', '--json', '--pack-destination', out], repo, 'pack-cache');
  assert.equal(r.status, 0, `npm pack: ${r.stderr}`);
  const [info] = JSON.parse(r.stdout.toString().slice(r.stdout.indexOf('[')));
  tarball = join(out, info.filename);
  assert.ok(existsSync(tarball), tarball);
  const tar = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  assert.equal(tar.status, 0, tar.stderr);
  entries = tar.stdout.split('\n').filter(Boolean).map((p) => p.replace(/^package\//, ''));

  installed = join(scratch, 'empty');
  mkdirSync(installed);
  const i = run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], installed, 'install-cache');
  assert.equal(i.status, 0, `npm install from the tarball: ${i.stderr}`);
});

test('the tarball holds the CLI, www/lib and the built core, and nothing of the build', () => {
  const listed = (dir, ext) => readdirSync(join(repo, dir)).filter((f) => f.endsWith(ext)).map((f) => `${dir}/${f}`);
  const expected = [
    'package.json', 'README.md', 'LICENSE',
    ...listed('www/cli', '.mjs'),
    ...listed('www/lib', '.js'),
    ...listed('www/lib/as-code', '.js'),
    'www/lib/wasm/mxray-core.js', 'www/lib/wasm/mxray-core.wasm',
    ...readdirSync(join(repo, 'examples')).map((f) => `examples/${f}`),
    ...['cli', 'report', 'zone-input', 'limits', 'integrations', 'sources'].map((d) => `docs/${d}.md`).filter((f) => existsSync(join(repo, f))),
  ];
  // The runtime dependencies ride in the tarball (bundleDependencies), with theirs: only
  // the packages package-lock.json marks inBundle.
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
  const bundled = Object.entries(lock.packages).filter(([k, v]) => k && v.inBundle).map(([k]) => `${k}/`);
  const own = entries.filter((p) => !p.startsWith('node_modules/'));
  for (const p of entries.filter((x) => x.startsWith('node_modules/'))) assert.ok(bundled.some((b) => p.startsWith(b)), `${p} is of a bundled dependency`);
  for (const b of bundled) assert.ok(entries.includes(`${b}package.json`), `${b} is in the tarball`);
  assert.deepEqual([...own].sort(), [...new Set(expected)].sort());
  for (const path of own) {
    assert.doesNotMatch(path, /^(build|tests|core|wasm|node_modules|\.ci|www\/(site|extension|pack))\//, path);
    assert.doesNotMatch(path, /(^|\/)(CMakeLists\.txt|CMakePresets\.json|Makefile|package-lock\.json|\.clang-format)$|\.(cpp|h|cmake)$/, path);
  }
  // The built core as the checkout has it, byte for byte.
  for (const file of ['www/lib/wasm/mxray-core.wasm', 'www/lib/wasm/mxray-core.js', EXAMPLE]) {
    assert.ok(readFileSync(join(installed, 'node_modules/mxray', file)).equals(readFileSync(join(repo, file))), file);
  }
});

test('the package needs nothing at run time but what it carries: bundled dependencies only, no install script, only node: and its own modules', () => {
  const pkg = JSON.parse(readFileSync(join(installed, 'node_modules/mxray/package.json'), 'utf8'));
  for (const field of ['optionalDependencies', 'peerDependencies', 'bundledDependencies']) {
    assert.equal(pkg[field], undefined, `package.json has no ${field}`);
  }
  // Every runtime dependency is bundled (the HCL parser, for Terraform files: docs/zone-input.md).
  assert.deepEqual(Object.keys(pkg.dependencies ?? {}).sort(), [...(pkg.bundleDependencies ?? [])].sort(), 'every dependency is bundled');
  for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
    assert.equal(pkg.scripts?.[script], undefined, `no ${script} script runs at install`);
  }
  assert.equal(pkg.private, undefined, 'the package can be published');
  assert.equal(pkg.license, 'MIT');
  // Installing it brought nothing else in (devDependencies stay out).
  assert.deepEqual(readdirSync(join(installed, 'node_modules')).filter((f) => !f.startsWith('.')), ['mxray']);
  // Every module the CLI and www/lib load is node's own or a file of the
  // package; none reads anything under /usr/share (the Public Suffix List is
  // the extension's, compiled at its build, and the CLI does not use it).
  const root = join(installed, 'node_modules/mxray');
  const js = entries.filter((p) => /\.(mjs|js)$/.test(p) && !p.startsWith('node_modules/'));
  for (const file of js) {
    const text = readFileSync(join(root, file), 'utf8');
    assert.ok(!text.includes('/usr/share'), `${file} reads nothing under /usr/share`);
    if (file.startsWith('www/lib/wasm/')) continue; // Emscripten's loader: run below, not parsed here
    if (BUNDLED.some((d) => file.startsWith(`node_modules/${d}/`))) continue; // a bundled package's own modules
    const specifiers = [
      /^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm, // import … from '…', export … from '…'
      /^\s*import\s*['"]([^'"]+)['"]/gm, // import '…'
      /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…')
      /\bnew URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g, // a file beside the module (the worker)
    ].flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
    if (file === 'www/cli/mxray.mjs') assert.ok(specifiers.includes('./check.mjs'), 'the scan sees the imports');
    for (const spec of specifiers) {
      if (spec.startsWith('node:') || BUNDLED.includes(spec)) continue;
      assert.match(spec, /^\.\.?\//, `${file} imports ${spec}: neither node's nor the package's own`);
      const target = new URL(spec, `file:///${file}`).pathname.slice(1);
      assert.ok(entries.includes(target), `${file} needs ${target}, which is in the package`);
    }
  }
});

// Both CLIs read the same file by the same relative path from the same folder,
// so even the file names in the output are the same.
const zoneArgs = ['check', '--zone', `node_modules/mxray/${EXAMPLE}`];
const checkout = (args) => spawnSync(process.execPath, [join(repo, 'www/cli/mxray.mjs'), ...args], { cwd: installed, env: env('cache'), timeout: 120_000 });

for (const extra of [[], ['--format', 'diff'], ['--format', 'plan', '--lang', 'ja']]) {
  test(`installed, \`mxray ${[...zoneArgs, ...extra].join(' ')}\` prints what the checkout prints`, () => {
    const want = checkout([...zoneArgs, ...extra]);
    assert.equal(want.status, 1, `the checkout finds the example broken: ${want.stderr}`);
    assert.match(want.stdout.toString(), extra.length ? /mail\.club\.example/ : /mail-host-proxied/);
    const npx = run('npx', ['--offline', 'mxray', ...zoneArgs, ...extra], installed);
    const direct = run('node', ['node_modules/.bin/mxray', ...zoneArgs, ...extra], installed);
    for (const [how, got] of [['npx --offline mxray', npx], ['node node_modules/.bin/mxray', direct]]) {
      assert.equal(got.status, want.status, `${how}: exit status (${got.stderr})`);
      assert.ok(got.stdout.equals(want.stdout), `${how}: stdout byte for byte\n--- got\n${got.stdout}\n--- want\n${want.stdout}`);
      assert.equal(got.stderr.toString(), want.stderr.toString(), `${how}: stderr`);
    }
  });
}

test('installed, `mxray check --zone-dir` (worker threads) prints what the checkout prints', () => {
  const args = ['check', '--zone-dir', 'node_modules/mxray/examples'];
  const want = checkout(args);
  assert.equal(want.status, 1, want.stderr.toString());
  assert.match(want.stdout.toString(), /club\.example\.: broken: /);
  const got = run('npx', ['--offline', 'mxray', ...args], installed);
  assert.equal(got.status, want.status, got.stderr.toString());
  assert.ok(got.stdout.equals(want.stdout), `--- got\n${got.stdout}\n--- want\n${want.stdout}`);
});

test('installed, `mxray dump` prints what the checkout prints, and `mxray --version` says the package\'s version', () => {
  const args = ['dump', `node_modules/mxray/${EXAMPLE}`];
  const want = checkout(args);
  assert.equal(want.status, 0, want.stderr.toString());
  assert.match(want.stdout.toString(), /^mail\.club\.example\. 1 IN CNAME club\.example\. ; cf-proxied:false$/m);
  const got = run('node', ['node_modules/.bin/mxray', ...args], installed);
  assert.equal(got.status, 0, got.stderr.toString());
  assert.ok(got.stdout.equals(want.stdout), 'dump: stdout byte for byte');
  // The CLI states its version itself; a release that bumps package.json alone would say the old one.
  const { version } = JSON.parse(readFileSync(join(installed, 'node_modules/mxray/package.json'), 'utf8'));
  const v = run('node', ['node_modules/.bin/mxray', '--version'], installed);
  assert.equal(v.status, 0);
  assert.equal(v.stdout.toString(), `mxray ${version}\n`);
});

test('installed, `mxray check` reads a Terraform file with the bundled HCL parser, as the checkout does', () => {
  // Written here: the club's proxied mail CNAME as a .tf resource.
  writeFileSync(join(installed, 'club.example.tf'), 'resource "cloudflare_record" "mail" {\n  zone_id = var.zone_id\n  name    = "mail"\n  value   = "club.example"\n  type    = "CNAME"\n  proxied = true\n}\n\nresource "cloudflare_record" "apex" {\n  zone_id = var.zone_id\n  name    = "@"\n  value   = "203.0.113.25"\n  type    = "A"\n  proxied = true\n}\n\nresource "cloudflare_record" "mx" {\n  zone_id  = var.zone_id\n  name     = "@"\n  value    = "mail.club.example"\n  type     = "MX"\n  priority = 0\n}\n');
  const args = ['check', '--zone', 'club.example.tf', '--format', 'diff'];
  const want = checkout(args);
  assert.equal(want.status, 1, want.stderr.toString());
  assert.match(want.stdout.toString(), /^\+  type    = "A"$/m);
  const got = run('node', ['node_modules/.bin/mxray', ...args], installed);
  assert.equal(got.status, 1, got.stderr.toString());
  assert.ok(got.stdout.equals(want.stdout), `--- got\n${got.stdout}\n--- want\n${want.stdout}`);
});

test('npm pack stops with a clear message when the wasm core is not built', () => {
  const copy = join(scratch, 'unbuilt');
  for (const part of ['package.json', 'www/pack', 'www/cli', 'www/lib', 'examples']) {
    cpSync(join(repo, part), join(copy, part), { recursive: true, filter: (src) => !src.includes('/www/lib/wasm') });
  }
  const out = join(scratch, 'unbuilt-out');
  mkdirSync(out);
  const r = run('npm', ['pack', '--pack-destination', out], copy, 'unbuilt-cache');
  assert.notEqual(r.status, 0, 'npm pack fails');
  assert.match(r.stderr.toString(), /prepack: cannot pack mxray: www\/lib\/wasm\/mxray-core\.js is missing: the wasm core is not built; run `make wasm` first/);
  assert.deepEqual(readdirSync(out), [], 'no tarball is left');

  // Present but not a WebAssembly module (an LFS pointer, a failed download).
  mkdirSync(join(copy, 'www/lib/wasm'));
  cpSync(join(repo, 'www/lib/wasm/mxray-core.js'), join(copy, 'www/lib/wasm/mxray-core.js'));
  writeFileSync(join(copy, 'www/lib/wasm/mxray-core.wasm'), 'version https://git-lfs.github.com/spec/v1\n');
  assert.equal(packProblem(copy + '/'), 'www/lib/wasm/mxray-core.wasm is not a WebAssembly module: build the wasm core again (`make wasm`)');
  // The checkout's own core passes.
  assert.equal(packProblem(repo), null);
  rmSync(copy, { recursive: true, force: true });
});
