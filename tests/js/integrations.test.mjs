// The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml)
// run here as their hosts would run them, offline: the action's step is read
// from action.yml (Debian's python3-yaml parses it), its ${{ }} expressions
// filled in as GitHub does, and run with `bash -e -o pipefail` against a zone
// whose mail name leads to the proxy and one whose does not; then again from a
// checkout of the action without the built core, where it installs the npm
// package of its version from a registry on loopback. The hook runs through
// Debian's pre-commit against the `mxray` of a global install of the packed
// tarball (skipped, saying so, where pre-commit is not installed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = join(repo, 'examples/club-cloudflare-export.txt');
const scratch = mkdtempSync(join(tmpdir(), 'mxray-integrations-'));

const yaml = (file) => {
  const r = spawnSync('python3', ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, `python3-yaml reads ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

// The workspace a workflow would have checked out: the example (a mail name
// through the proxy), the zone mxray's own fix makes of it (none), and the
// example again under a name a shell would split.
const workspace = join(scratch, 'workspace');
mkdirSync(join(workspace, 'dns'), { recursive: true });
copyFileSync(EXAMPLE, join(workspace, 'dns/club.example.txt'));
copyFileSync(EXAMPLE, join(workspace, 'dns/club example; touch pwned.txt'));
const fixedZone = spawnSync(process.execPath, [join(repo, 'www/cli/mxray.mjs'), 'check', '--zone', EXAMPLE, '--format', 'zone']);
assert.equal(fixedZone.status, 1, fixedZone.stderr.toString());
writeFileSync(join(workspace, 'dns-fixed.txt'), fixedZone.stdout);

// The pull request docs/integrations.md shows: the fixed zone with the proxy
// turned on for mail, kept as dns/club.example.txt in a workspace of its own.
const MAIL_LINE = 'mail.club.example.\t1\tIN\tA\t203.0.113.25 ; cf_tags=cf-proxied:';
const fixedText = fixedZone.stdout.toString();
assert.ok(fixedText.includes(`\n${MAIL_LINE}false\n`), 'the fixed zone has mail DNS only');
const pullRequest = join(scratch, 'pull-request');
mkdirSync(join(pullRequest, 'dns'), { recursive: true });
writeFileSync(join(pullRequest, 'dns/club.example.txt'), fixedText.replace(`\n${MAIL_LINE}false\n`, `\n${MAIL_LINE}true\n`));

/** The text of the code block after `<!-- output: NAME -->` in docs/integrations.md. */
const documented = (name) => {
  const doc = readFileSync(join(repo, 'docs/integrations.md'), 'utf8');
  const m = new RegExp(`<!-- output: ${name} -->\n\`\`\`\n([^]*?)\`\`\`\n`).exec(doc);
  assert.ok(m, `docs/integrations.md shows the output ${name}`);
  return m[1];
};

const baseEnv = { PATH: process.env.PATH, HOME: join(scratch, 'home'), LANG: 'C', npm_config_update_notifier: 'false' };

/** The checkout's CLI, from the workspace: what the action must print. */
const cli = (args) => spawnSync(process.execPath, [join(repo, 'www/cli/mxray.mjs'), ...args], { cwd: workspace, env: baseEnv, encoding: 'utf8' });

/**
 * Runs action.yml's steps as GitHub's runner does: each `run` with its
 * `shell: bash` as `bash --noprofile --norc -e -o pipefail FILE`, its `env`
 * with the expressions filled in (inputs with their defaults), and
 * GITHUB_ACTION_PATH and RUNNER_TEMP set as the runner sets them; an
 * expression the test does not know fails the test.
 */
function runAction(actionPath, inputs, extraEnv = {}, cwd = workspace) {
  const action = yaml(join(actionPath, 'action.yml'));
  assert.equal(action.runs.using, 'composite');
  const values = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']));
  for (const k of Object.keys(inputs)) assert.ok(Object.hasOwn(values, k), `action.yml has an input ${k}`);
  Object.assign(values, inputs);
  const fill = (text) =>
    String(text).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr) => {
      const m = /^inputs\.([\w-]+)$/.exec(expr);
      assert.ok(m && Object.hasOwn(values, m[1]), `an expression the runner would fill: ${expr}`);
      return values[m[1]];
    });
  const steps = action.runs.steps;
  assert.equal(steps.length, 1, 'one step');
  const [step] = steps;
  assert.equal(step.shell, 'bash');
  assert.ok(!/\$\{\{/.test(step.run), 'the script holds no expression: inputs come in through env');
  const script = join(scratch, `step-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(script, step.run);
  const env = { ...baseEnv, GITHUB_ACTION_PATH: actionPath, RUNNER_TEMP: mkdtempSync(join(scratch, 'runner-temp-')), ...extraEnv };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = fill(v);
  return { cmd: 'bash', args: ['--noprofile', '--norc', '-e', '-o', 'pipefail', script], options: { cwd, env } };
}
const runSync = ({ cmd, args, options }) => spawnSync(cmd, args, { ...options, encoding: 'utf8', timeout: 120_000 });
const runAsync = ({ cmd, args, options }) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

test('action: a zone whose mail name leads to the proxy fails the job with the findings and the fix', () => {
  const r = runSync(runAction(repo, { zones: 'dns/club.example.txt' }));
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^Broken: mail to or from club\.example fails now\./);
  assert.match(r.stdout, /\[1\] CRITICAL Mail apps cannot connect: mail\.club\.example leads to the proxy, which carries no mail \(mail-host-proxied\)/);
  assert.match(r.stdout, /^\+ CREATE {2}mail\.club\.example\. A 203\.0\.113\.25 \(DNS only\)$/m);
  const want = cli(['check', '--fail-on', 'critical', '--format', 'text', '--lang', 'en', '--zone', 'dns/club.example.txt']);
  assert.equal(r.stdout, want.stdout, 'the same as the CLI');
});

test('action: the pull request of docs/integrations.md fails the job with the output the page shows', () => {
  const r = runSync(runAction(repo, { zones: 'dns/club.example.txt' }, {}, pullRequest));
  assert.equal(r.status, 1, r.stderr);
  const shown = documented('action-pull-request');
  assert.ok(shown.length > 500 && r.stdout.startsWith(shown), `the page shows the start of the real output\n--- real\n${r.stdout}`);
  assert.match(r.stdout.slice(shown.length), /^\nHow mxray knows\n/);
});

test('action: the fixed zone passes; fail-on info fails it on its info findings', () => {
  const pass = runSync(runAction(repo, { zones: 'dns-fixed.txt' }));
  assert.equal(pass.status, 0, pass.stderr);
  assert.match(pass.stdout, /^Fine: mxray found nothing wrong with mail for club\.example/);
  const strict = runSync(runAction(repo, { zones: 'dns-fixed.txt', 'fail-on': 'info' }));
  assert.equal(strict.status, 1, strict.stderr);
  assert.equal(strict.stdout, pass.stdout, 'the same report; only the exit status differs');
});

test('action: zones one a line, blank lines and spaces around them dropped, a name a shell would split kept whole', () => {
  const r = runSync(runAction(repo, { zones: '  dns/club example; touch pwned.txt  \n\n', format: 'plan' }));
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, cli(['check', '--format', 'plan', '--zone', 'dns/club example; touch pwned.txt']).stdout);
  assert.ok(!existsSync(join(workspace, 'pwned')), 'nothing in a file name ran');
  // Two zones of one domain checked together.
  const two = runSync(runAction(repo, { zones: 'dns/club.example.txt\ndns-fixed.txt' }));
  assert.match(two.stdout, /^2 zone files, 40 records$/m);
  assert.equal(two.stdout, cli(['check', '--zone', 'dns/club.example.txt', '--zone', 'dns-fixed.txt']).stdout);
});

test('action: zone-dir checks each zone of a folder on its own, one line a zone; lang ja', () => {
  const r = runSync(runAction(repo, { 'zone-dir': 'dns', lang: 'ja' }));
  assert.equal(r.status, 1, r.stderr);
  const want = cli(['check', '--fail-on', 'critical', '--format', 'text', '--lang', 'ja', '--zone-dir', 'dns']);
  assert.equal(r.stdout, want.stdout);
  assert.match(r.stdout, /dns\/club\.example\.txt: club\.example\.: /);
  assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('dns/')).length, 2);
});

test('action: a usage problem (zones and zone-dir both) fails the job with exit 2 and says why', () => {
  const r = runSync(runAction(repo, { zones: 'dns/club.example.txt', 'zone-dir': 'dns' }));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--zone-dir takes neither --zone nor --domain/);
});

// A checkout of the action as GitHub makes it from git: no built core. The
// step installs mxray@<its version> from the registry, here one on loopback
// that serves the packed tarball, and prints what the checkout's CLI prints.
let tarball;
let packed;
let registry;
const requests = [];
before(async () => {
  const out = join(scratch, 'packed');
  mkdirSync(out);
  const r = spawnSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: repo, env: { ...baseEnv, npm_config_cache: join(scratch, 'pack-cache') }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  [packed] = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
  tarball = join(out, packed.filename);
  const bytes = readFileSync(tarball);
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  registry = createServer((req, res) => {
    requests.push(req.url);
    const port = registry.address().port;
    if (req.url === '/mxray') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({
        name: 'mxray',
        'dist-tags': { latest: manifest.version },
        versions: {
          [manifest.version]: { ...manifest, _id: `mxray@${manifest.version}`, dist: { tarball: `http://127.0.0.1:${port}/mxray/-/${packed.filename}`, integrity: packed.integrity, shasum: packed.shasum } },
        },
      }));
    } else if (req.url === `/mxray/-/${packed.filename}`) {
      res.end(bytes);
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise((resolve) => registry.listen(0, '127.0.0.1', resolve));
});
after(() => {
  registry?.close();
  rmSync(scratch, { recursive: true, force: true });
});

test('action from a git checkout without the built core: installs the npm package of its version and runs it', async () => {
  const actionPath = join(scratch, 'action-checkout');
  mkdirSync(actionPath);
  copyFileSync(join(repo, 'action.yml'), join(actionPath, 'action.yml'));
  copyFileSync(join(repo, 'package.json'), join(actionPath, 'package.json'));
  const port = registry.address().port;
  const step = runAction(actionPath, { zones: 'dns/club.example.txt' }, { npm_config_registry: `http://127.0.0.1:${port}/`, npm_config_cache: join(scratch, 'action-cache') });
  const r = await runAsync(step);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(requests.includes(`/mxray/-/${packed.filename}`), `the tarball came from the registry (${requests.join(', ')})`);
  const installedCore = join(step.options.env.RUNNER_TEMP, `mxray-${packed.version}`, 'node_modules/mxray/www/lib/wasm/mxray-core.wasm');
  assert.ok(existsSync(installedCore), 'the npm package was installed under RUNNER_TEMP');
  assert.equal(r.stdout, cli(['check', '--fail-on', 'critical', '--format', 'text', '--lang', 'en', '--zone', 'dns/club.example.txt']).stdout);
});

test('action from a git checkout whose version is not on the registry: exit 2, and the run says nothing was checked', async () => {
  const actionPath = join(scratch, 'action-unpublished');
  mkdirSync(actionPath);
  copyFileSync(join(repo, 'action.yml'), join(actionPath, 'action.yml'));
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  writeFileSync(join(actionPath, 'package.json'), JSON.stringify({ ...manifest, version: '99.0.0' }));
  const port = registry.address().port;
  const r = await runAsync(runAction(actionPath, { zones: 'dns/club.example.txt' }, { npm_config_registry: `http://127.0.0.1:${port}/`, npm_config_cache: join(scratch, 'action-cache-unpublished') }));
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /::error title=mxray was not installed::mxray@99\.0\.0 could not be installed from the npm registry .*so no zone was checked/);
  assert.equal(r.stdout, '');
});

const hasPreCommit = spawnSync('sh', ['-c', 'command -v pre-commit']).status === 0;

test('pre-commit hook: fails a commit whose zone sends a mail name to the proxy, passes the fixed zone, skips other changes', { skip: !hasPreCommit && "pre-commit is not installed (Debian's pre-commit package; `make setup` installs it)" }, () => {
  // The person's side: `npm install -g mxray`, here from the tarball, offline.
  const prefix = join(scratch, 'global');
  const g = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], {
    env: { ...baseEnv, npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: join(scratch, 'global-cache') },
    encoding: 'utf8',
  });
  assert.equal(g.status, 0, g.stderr);
  assert.ok(existsSync(join(prefix, 'bin/mxray')));

  const git = (cwd, ...args) => {
    const r = spawnSync('git', ['-c', 'user.name=mxray test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
    assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  // The hooks' repository: this one's .pre-commit-hooks.yaml at a commit.
  const hooks = join(scratch, 'hooks-repo');
  mkdirSync(hooks);
  copyFileSync(join(repo, '.pre-commit-hooks.yaml'), join(hooks, '.pre-commit-hooks.yaml'));
  git(hooks, 'init', '-q');
  git(hooks, 'add', '.');
  git(hooks, 'commit', '-q', '-m', 'hooks');
  const rev = git(hooks, 'rev-parse', 'HEAD');
  // The person's repository, configured as docs/integrations.md shows.
  const project = join(scratch, 'project');
  mkdirSync(join(project, 'dns'), { recursive: true });
  copyFileSync(EXAMPLE, join(project, 'dns/club.example.txt'));
  writeFileSync(join(project, 'README.md'), 'zones\n');
  writeFileSync(join(project, '.pre-commit-config.yaml'), [
    'repos:',
    `  - repo: ${hooks}`,
    `    rev: ${rev}`,
    '    hooks:',
    '      - id: mxray',
    '        args: [--zone, dns/club.example.txt]',
    '        files: ^dns/',
    '',
  ].join('\n'));
  git(project, 'init', '-q');
  git(project, 'add', '.');
  const env = { ...baseEnv, PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, PRE_COMMIT_HOME: join(scratch, 'pre-commit-home'), NO_COLOR: '1' };
  const preCommit = (...args) => spawnSync('pre-commit', ['run', '--color', 'never', ...args], { cwd: project, env, encoding: 'utf8', timeout: 120_000 });

  const broken = preCommit('--all-files');
  assert.equal(broken.status, 1, broken.stderr);
  assert.match(broken.stdout, /^mxray check\.+Failed$/m);
  assert.match(broken.stdout, /- exit code: 1/);
  assert.match(broken.stdout, /\(mail-host-proxied\)/);
  assert.match(broken.stdout, /^\+ CREATE {2}mail\.club\.example\. A 203\.0\.113\.25 \(DNS only\)$/m);

  writeFileSync(join(project, 'dns/club.example.txt'), readFileSync(join(pullRequest, 'dns/club.example.txt')));
  git(project, 'add', '.');
  const proxied = preCommit('--all-files');
  assert.equal(proxied.status, 1, proxied.stderr);
  const shown = documented('pre-commit');
  assert.ok(proxied.stdout.startsWith(shown), `the page shows the start of the real output\n--- real\n${proxied.stdout}`);
  assert.match(proxied.stdout, /\(mx-target-proxied\)/);

  const other = preCommit('--files', 'README.md');
  assert.equal(other.status, 0, other.stdout);
  assert.match(other.stdout, /^mxray check\.+\(no files to check\)Skipped$/m);

  writeFileSync(join(project, 'dns/club.example.txt'), readFileSync(join(workspace, 'dns-fixed.txt')));
  git(project, 'add', '.');
  const fixed = preCommit('--all-files');
  assert.equal(fixed.status, 0, fixed.stdout);
  assert.match(fixed.stdout, /^mxray check\.+Passed$/m);
  assert.deepEqual(readdirSync(join(scratch, 'pre-commit-home')).filter((f) => /^repo/.test(f)).length, 1, 'pre-commit made one copy of the hooks repository and installed nothing into it');
});
