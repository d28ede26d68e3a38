// The fix as a script (`mxray check --format curl`): a POSIX sh script that
// looks each record id up before it posts the batch. It runs here, under
// dash, against a local stand-in for Cloudflare's API (tests/js/lib/
// cloudflare-api.mjs): Cloudflare cannot run on loopback, so the stand-in
// plays its documented request and response shapes (docs/sources.md#cloudflare-batch,
// #cloudflare-list-records). Also: the import file holds only the records to add.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCloudflareApi } from './lib/cloudflare-api.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mxray = join(root, 'www/cli/mxray.mjs');
const seed = join(root, 'examples/club-cloudflare-export.txt');
const env0 = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '', FORCE_COLOR: '' };
const scratch = mkdtempSync(join(tmpdir(), 'mxray-cfscript-'));
let n = 0;

const cli = (args) => spawnSync(process.execPath, [mxray, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env0 } });

// The script of `zone` (a path), written to a file.
function scriptOf(zoneFile, extra = []) {
  const r = cli(['check', '--zone', zoneFile, '--format', 'curl', ...extra]);
  assert.ok(r.status === 0 || r.status === 1 || r.status === 3, r.stderr);
  const file = join(scratch, `fix-${n++}.sh`);
  writeFileSync(file, r.stdout);
  return { file, text: r.stdout };
}

// Runs `script` with dash (Debian's /bin/sh, POSIX and nothing more), the API at `api`;
// resolves {status, stdout, stderr}. dash by its full path: a test empties PATH.
const dash = spawnSync('sh', ['-c', 'command -v dash || command -v sh'], { encoding: 'utf8' }).stdout.trim();
const run = (script, api, env = {}) =>
  new Promise((resolve) => {
    const child = spawn(dash, [script], {
      env: { PATH: process.env.PATH, CLOUDFLARE_API_TOKEN: api.token, CLOUDFLARE_ZONE_ID: api.zoneId, CLOUDFLARE_API_URL: api.base, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

// The club example's records as Cloudflare holds them (content without the final dot).
const clubRecords = () => [
  { name: 'club.example', type: 'A', content: '203.0.113.25', proxied: true },
  { name: 'webdisk.club.example', type: 'A', content: '203.0.113.25', proxied: true },
  { name: 'webmail.club.example', type: 'A', content: '203.0.113.25', proxied: true },
  { name: 'whm.club.example', type: 'A', content: '203.0.113.25', proxied: true },
  { name: 'cpanel.club.example', type: 'A', content: '203.0.113.25', proxied: true },
  { name: 'mail.club.example', type: 'CNAME', content: 'club.example', proxied: false },
  { name: 'www.club.example', type: 'CNAME', content: 'club.example', proxied: true },
  { name: 'club.example', type: 'MX', content: 'club.example', priority: 0 },
  { name: 'club.example', type: 'TXT', content: '"v=spf1 +a +mx +ip4:203.0.113.25 ~all"' },
];

let api;
before(async () => {
  api = await startCloudflareApi();
});
after(() => api?.close());

test('the script looks every id up, then posts one batch with the ids filled in, and Cloudflare ends as the fix says', async () => {
  api.reset(clubRecords());
  const { file, text } = scriptOf(seed);
  assert.match(text, /^#!\/bin\/sh\n/);
  assert.match(text, /needs curl and jq/i);
  const batch = JSON.parse(cli(['check', '--zone', seed, '--format', 'cloudflare-batch']).stdout);
  const r = await run(file, api);
  assert.equal(r.status, 0, r.stderr);
  // One look-up per record to change or delete, by name and type, then one batch.
  const lookups = api.requests.filter((q) => q.method === 'GET');
  assert.deepEqual(
    lookups.map((q) => `${q.query.get('name.exact')} ${q.query.get('type')}`).sort(),
    batch.lookups.map((l) => `${l.name} ${l.type}`).sort(),
  );
  const posts = api.requests.filter((q) => q.method === 'POST');
  assert.equal(posts.length, 1);
  assert.equal(posts[0].path, `/client/v4/zones/${api.zoneId}/dns_records/batch`);
  assert.ok(api.requests.every((q) => q.auth === `Bearer ${api.token}`));
  // No id is left a placeholder; each is the id of the record the batch means.
  const body = posts[0].body;
  assert.doesNotMatch(JSON.stringify(body), /\{id:/);
  for (const l of batch.lookups) {
    const [list, i] = l.for.split('/');
    const rec = api.initial.find((x) => x.id === body[list][Number(i)].id);
    assert.equal(`${rec.name} ${rec.type}`, `${l.name} ${l.type}`, l.for);
  }
  // What Cloudflare holds afterwards: no mail CNAME, mail A DNS only, the MX to mail.
  const now = api.records();
  assert.ok(!now.some((x) => x.name === 'mail.club.example' && x.type === 'CNAME'));
  assert.ok(now.some((x) => x.name === 'mail.club.example' && x.type === 'A' && x.content === '203.0.113.25' && x.proxied === false));
  assert.ok(now.some((x) => x.name === 'club.example' && x.type === 'MX' && x.content === 'mail.club.example'));
  assert.ok(now.some((x) => x.name === 'webdisk.club.example' && x.proxied === false));
  assert.ok(now.some((x) => x.name === 'www.club.example' && x.proxied === true)); // untouched
});

test('a look-up that finds no record, or two alike, stops the script before anything changes', async () => {
  const { file } = scriptOf(seed);
  // The mail CNAME is gone already: 0 found.
  api.reset(clubRecords().filter((x) => !(x.name === 'mail.club.example' && x.type === 'CNAME')));
  let r = await run(file, api);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /0 records found for mail\.club\.example CNAME, not exactly one: nothing was changed/);
  assert.equal(api.requests.filter((q) => q.method === 'POST').length, 0);
  assert.deepEqual(api.records(), api.initial);
  // Two CNAME records alike at mail (Cloudflare would not hold them, a test double may): 2 found.
  api.reset([...clubRecords(), { name: 'mail.club.example', type: 'CNAME', content: 'club.example', proxied: false }]);
  r = await run(file, api);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /2 records found for mail\.club\.example CNAME/);
  assert.equal(api.requests.filter((q) => q.method === 'POST').length, 0);
});

test('of several records at one name and type, the one with the content is taken', async () => {
  const { file } = scriptOf(seed);
  // Two MX records at the apex: the one the fix changes, and a backup that stays.
  api.reset([...clubRecords(), { name: 'club.example', type: 'MX', content: 'backup.example', priority: 10 }]);
  const r = await run(file, api);
  assert.equal(r.status, 0, r.stderr);
  const mx = api.initial.find((x) => x.type === 'MX' && x.content === 'club.example');
  const body = api.requests.find((q) => q.method === 'POST').body;
  assert.ok(body.patches.some((p) => p.id === mx.id && p.content === 'mail.club.example'));
  assert.ok(api.records().some((x) => x.type === 'MX' && x.content === 'backup.example' && x.priority === 10));
  assert.ok(api.records().some((x) => x.type === 'MX' && x.content === 'mail.club.example'));
});

test('Cloudflare refusing the token or the batch ends the script with status 1', async () => {
  api.reset(clubRecords());
  const { file } = scriptOf(seed);
  const r = await run(file, api, { CLOUDFLARE_API_TOKEN: 'wrong' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /the lookup of .* failed: nothing was changed/);
  assert.equal(api.requests.filter((q) => q.method === 'POST').length, 0);
});

test('without jq, or with a placeholder left, the script says so and changes nothing', async () => {
  api.reset(clubRecords());
  const { file } = scriptOf(seed);
  // A PATH with curl but no jq.
  const bin = join(scratch, `bin-${n++}`);
  mkdirSync(bin);
  for (const tool of ['curl', 'grep']) symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), join(bin, tool));
  let r = await run(file, api, { PATH: bin });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /this script needs jq/);
  assert.equal(api.requests.length, 0);
  // A zone whose fix needs the server's address: {origin-ipv4} stays until filled in.
  const zone = join(scratch, `club-${n++}.txt`);
  writeFileSync(zone, ';; Domain:     club.example.\nclub.example.\t1\tIN\tA\t104.21.5.7 ; cf_tags=cf-proxied:true\nmail.club.example.\t1\tIN\tCNAME\tclub.example. ; cf_tags=cf-proxied:false\nclub.example.\t1\tIN\tMX\t0 mail.club.example.\n');
  const held = scriptOf(zone);
  assert.match(held.text, /\{origin-ipv4\}/);
  r = await run(held.file, api);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /replace \{origin-ipv4\} in this script with its value first/);
  assert.equal(api.requests.length, 0);
  // --origin fills it in, and the script runs.
  api.reset([
    { name: 'club.example', type: 'A', content: '104.21.5.7', proxied: true },
    { name: 'mail.club.example', type: 'CNAME', content: 'club.example', proxied: false },
    { name: 'club.example', type: 'MX', content: 'mail.club.example', priority: 0 },
  ]);
  r = await run(scriptOf(zone, ['--origin', '192.0.2.7']).file, api);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(api.records().some((x) => x.name === 'mail.club.example' && x.type === 'A' && x.content === '192.0.2.7'));
});

test('a name that holds "&type=A&x=" is one value of the look-up, and finds only its own record', async () => {
  const name = 'w&type=a&x=.club.example';
  const zone = join(scratch, `amp-${n++}.txt`);
  writeFileSync(zone, `;; Domain:     club.example.\nclub.example.\t1\tIN\tA\t203.0.113.25 ; cf_tags=cf-proxied:true\nclub.example.\t1\tIN\tMX\t0 ${name}.\n${name}.\t1\tIN\tA\t203.0.113.25 ; cf_tags=cf-proxied:true\n`);
  const batch = JSON.parse(cli(['check', '--zone', zone, '--format', 'cloudflare-batch']).stdout);
  assert.equal(batch.lookups[0].query, 'GET /client/v4/zones/{zone_id}/dns_records?type=A&name.exact=w%26type%3Da%26x%3D.club.example');
  api.reset([
    { name: 'club.example', type: 'A', content: '203.0.113.25', proxied: true },
    { name: 'club.example', type: 'MX', content: name, priority: 0 },
    { name, type: 'A', content: '203.0.113.25', proxied: true },
  ]);
  const r = await run(scriptOf(zone).file, api);
  assert.equal(r.status, 0, r.stderr);
  const get = api.requests.find((q) => q.method === 'GET');
  assert.deepEqual([...get.query.keys()].sort(), ['name.exact', 'type']);
  assert.equal(get.query.get('name.exact'), name);
  assert.equal(get.query.get('type'), 'A');
  // Only that record turned DNS only; the apex stays proxied.
  assert.ok(api.records().some((x) => x.name === name && x.proxied === false));
  assert.ok(api.records().some((x) => x.name === 'club.example' && x.type === 'A' && x.proxied === true));
});

test('the import file holds only the records to add, each A/AAAA/CNAME tagged, and lists what to delete first', () => {
  const r = cli(['check', '--zone', seed, '--format', 'cloudflare-import']);
  assert.equal(r.status, 1, r.stderr);
  const records = r.stdout.split('\n').filter((l) => l && !l.startsWith(';'));
  assert.deepEqual(records.map((l) => l.split('\t').slice(0, 1).concat(l.split('\t').slice(3, 4)).join(' ')).sort(), [
    'club.example. MX',
    'mail.club.example. A',
    'webdisk.club.example. A',
  ]);
  for (const l of records) if (/\tIN\t(A|AAAA|CNAME)\t/.test(l)) assert.match(l, /; cf_tags=cf-proxied:(true|false)$/, l);
  // The mail CNAME the fix deletes, and the MX and webdisk records as they are, to delete first.
  assert.match(r.stdout, /^;; {3}mail\.club\.example\. CNAME club\.example\.$/m);
  assert.match(r.stdout, /^;; {3}club\.example\. MX 0 club\.example\.$/m);
  assert.match(r.stdout, /first delete these in the DNS panel/);
  // A fix that adds nothing has no import file: nothing on stdout, a note on stderr.
  const fine = join(scratch, `fine-${n++}.txt`);
  writeFileSync(fine, ';; Domain:     club.example.\nclub.example.\t1\tIN\tA\t203.0.113.25 ; cf_tags=cf-proxied:false\nclub.example.\t1\tIN\tMX\t0 club.example.\nclub.example.\t1\tIN\tTXT\t"v=spf1 +a +mx -all"\n_dmarc.club.example.\t1\tIN\tTXT\t"v=DMARC1; p=none"\n');
  const none = cli(['check', '--zone', fine, '--format', 'cloudflare-import']);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /there is no Cloudflare import file/);
  assert.notEqual(none.status, 2);
});

test('every real zone that gets an import file gets one whose A, AAAA and CNAME records all say their proxy state', () => {
  const dir = join(root, 'tests/real');
  let files = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.expect.json'))) {
    const exp = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const r = cli(['check', '--zone', join(dir, exp.file), ...(exp.args ?? []), '--offline', '--format', 'cloudflare-import'].filter((a, i, all) => !(a === '--offline' && !all.includes('--domain'))));
    if (!r.stdout) continue;
    files++;
    for (const l of r.stdout.split('\n').filter((x) => x && !x.startsWith(';')))
      if (/\tIN\t(A|AAAA|CNAME)\t/.test(l)) assert.match(l, /; cf_tags=cf-proxied:(true|false)$/, `${exp.file}: ${l}`);
  }
  assert.ok(files > 0);
});
