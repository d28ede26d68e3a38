// mxray never says "fine" when it did not look (the CLI sweep of 2026-12-06):
// each case here once gave "Fine", "No change" or exit 0 where mxray had
// nothing to look at, or a raw code where words belong. Live cases ask the
// real nsd + dnsdist on loopback (tests/resolver); every run is the real CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startResolver } from '../resolver/resolver.mjs';
import { runCli } from './lib/run-cli.mjs';
import { reportMessage } from '../../www/lib/messages.js';

const SOA = '@ 300 IN SOA ns.test. host.test. 1 3600 600 86400 300\n@ 300 IN NS ns.test.\n';
const ZONES = {
  // The parent, so that a name under it that does not exist is NXDOMAIN, not REFUSED.
  'test.': `$ORIGIN test.\n${SOA}ns 300 IN A 127.0.0.1\n`,
  // Served, but with nothing of mail: SOA and NS only.
  'bare.test.': `$ORIGIN bare.test.\n${SOA}`,
  // A healthy small mail domain.
  'fine.test.': `$ORIGIN fine.test.\n${SOA}@ 300 IN MX 10 mail\n@ 300 IN TXT "v=spf1 mx -all"\nmail 300 IN A 192.0.2.10\n_dmarc 300 IN TXT "v=DMARC1; p=reject; rua=mailto:d@fine.test"\n`,
};

let dir;
let r;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mxray-honesty-'));
  const zones = Object.entries(ZONES).map(([origin, text]) => {
    const file = join(dir, `${origin}zone`);
    writeFileSync(file, text);
    return { origin, file };
  });
  r = await startResolver({ zones });
});
after(async () => {
  await r?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const check = (args, lang = 'en') => runCli(['check', ...args, '--lang', lang]);
const json = async (args) => {
  const out = await check([...args, '--format', 'json']);
  return { status: out.status, report: JSON.parse(out.stdout) };
};

test('a domain that does not exist (NXDOMAIN) is could-not-tell, exit 3, in every language, never fine', async () => {
  const { status, report } = await json(['nope.test', '--resolver', r.url]);
  assert.equal(status, 3);
  assert.equal(report.verdict.state, 'could-not-tell');
  assert.deepEqual(report.verdict.blind, ['domain-not-found']);
  assert.deepEqual(report.verdict.unknown, [], 'every question was answered: NXDOMAIN is an answer');
  for (const lang of ['en', 'ja']) {
    const out = await check(['nope.test', '--resolver', r.url], lang);
    assert.equal(out.status, 3, lang);
    assert.ok(out.stdout.includes(reportMessage('report.blind.domain-not-found', lang)), `${lang}: ${out.stdout}`);
    assert.ok(out.stdout.includes(reportMessage('report.noFixSawNothing', lang)), lang);
    assert.ok(!out.stdout.split('\n').includes(reportMessage('report.noFix', lang)), `${lang}: no "No change to make"`);
    assert.ok(!out.stdout.startsWith(reportMessage('report.verdict.fine', lang, { domain: 'nope.test' }).slice(0, 4)), lang);
  }
});

test('a live domain with no MX, no address and no CNAME had no mail to look at: exit 3', async () => {
  const { status, report } = await json(['bare.test', '--resolver', r.url]);
  assert.equal(status, 3);
  assert.deepEqual(report.verdict.blind, ['no-mail-records']);
  const healthy = await json(['fine.test', '--resolver', r.url]);
  assert.equal(healthy.report.verdict.state, 'fine', 'a domain with its mail records stays fine');
  assert.equal(healthy.status, 0);
});

test('a Cloudflare export of the SOA and NS alone is could-not-tell offline, in text, markdown and sarif', async () => {
  const file = join(dir, 'soa-ns-only.txt');
  writeFileSync(file, ';; Domain:     bare.example.\nbare.example.\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 2045 10000 2400 604800 3600\nbare.example.\t86400\tIN\tNS\tada.ns.cloudflare.com.\n');
  const { status, report } = await json(['--zone', file]);
  assert.equal(status, 3);
  assert.deepEqual(report.verdict.blind, ['no-mail-records']);
  for (const lang of ['en', 'ja']) {
    const text = await check(['--zone', file], lang);
    assert.equal(text.status, 3);
    assert.ok(text.stdout.includes(reportMessage('report.blind.no-mail-records', lang)), text.stdout);
    const md = await check(['--zone', file, '--format', 'markdown'], lang);
    assert.equal(md.status, 3);
    assert.ok(md.stdout.includes(reportMessage('report.noFixSawNothing', lang).slice(0, 12)), md.stdout);
  }
  const sarif = JSON.parse((await check(['--zone', file, '--format', 'sarif'])).stdout);
  const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.message.text);
  assert.ok(notes.some((t) => t.includes(reportMessage('report.blind.no-mail-records', 'en'))), JSON.stringify(notes));
});

// verify: the most common fix (mail CNAME made an A record) removes a CNAME. verify once had
// no answer for it ("could not ask: not-asked", a raw code) and so never said "seen".
test('verify reads a removed CNAME from the answers of its name: the fix made is seen, exit 0', async () => {
  const before = join(dir, 'vfc-before.zone');
  writeFileSync(before, '$ORIGIN vfc.test.\n$TTL 300\n@ SOA ns.test. host.test. 1 3600 600 86400 300\n@ NS ns.test.\n@ A 104.21.48.1\n@ MX 10 mail\nmail CNAME vfc.test.\n');
  const checked = await runCli(['check', '--zone', before, '--origin', '192.0.2.10', '--format', 'json']);
  const expect = join(dir, 'vfc-check.json');
  writeFileSync(expect, checked.stdout);
  const edits = JSON.parse(checked.stdout).fix.edits.map((e) => `${e.name} ${e.type}`);
  assert.deepEqual(edits, ['mail.vfc.test. CNAME', 'mail.vfc.test. A']);
  // The zone as served before and after the fix, each by its own nsd.
  const served = async (text) => {
    const file = join(dir, `vfc-${Math.random().toString(36).slice(2)}.zone`);
    writeFileSync(file, text);
    return startResolver({ zones: [{ origin: 'vfc.test.', file }] });
  };
  const old = await served(`$ORIGIN vfc.test.\n${SOA}@ 300 IN A 104.21.48.1\n@ 300 IN MX 10 mail\nmail 300 IN CNAME vfc.test.\n`);
  const fixed = await served(`$ORIGIN vfc.test.\n${SOA}@ 300 IN A 104.21.48.1\n@ 300 IN MX 10 mail\nmail 300 IN A 192.0.2.10\n`);
  try {
    const args = (s) => ['verify', 'vfc.test', '--expect', expect, '--server', `${s.do53.host}:${s.do53.port}`, '--resolver', s.url];
    for (const lang of ['en', 'ja']) {
      const notYet = await runCli([...args(old), '--lang', lang]);
      assert.equal(notYet.status, 1, notYet.stdout + notYet.stderr);
      assert.doesNotMatch(notYet.stdout, /not-asked/, lang);
      const done = await runCli([...args(fixed), '--lang', lang]);
      assert.equal(done.status, 0, done.stdout + done.stderr);
      assert.doesNotMatch(done.stdout, /not-asked/, lang);
    }
    const json = JSON.parse((await runCli([...args(fixed), '--format', 'json'])).stdout);
    const cname = json.records.find((x) => x.type === 'CNAME');
    assert.equal(cname.state, 'seen-everywhere');
    // "serves" what is expected: no CNAME at the name.
    assert.deepEqual(cname.authoritative.map((a) => [a.known, a.answer, a.records]), [[true, 'serves', []]]);
    const oldJson = JSON.parse((await runCli([...args(old), '--format', 'json'])).stdout);
    assert.deepEqual(oldJson.records.find((x) => x.type === 'CNAME').authoritative.map((a) => [a.answer, a.records]), [['old', ['vfc.test.']]]);
  } finally {
    await old.stop();
    await fixed.stop();
  }
});

test('verify refuses the check of another domain (exit 2), naming the file, both domains and a record', async () => {
  const expect = join(dir, 'vfc-check.json');
  for (const lang of ['en', 'ja']) {
    const out = await runCli(['verify', 'fine.test', '--expect', expect, '--server', `${r.do53.host}:${r.do53.port}`, '--resolver', r.url, '--lang', lang]);
    assert.equal(out.status, 2, out.stdout);
    assert.equal(out.stdout, '');
    for (const word of [expect, '"vfc.test"', '"fine.test"', '"mail.vfc.test"']) assert.ok(out.stderr.includes(word), `${lang}: ${word} in ${out.stderr}`);
  }
});

// The file formats carry no verdict: an empty diff with exit 3 once said nothing at all, and
// `--format plan` said "No change." of a zone that was not even used.
test('file formats under could-not-tell: the verdict and what was not looked at on standard error; plan says it too', async () => {
  const other = join(dir, 'other.example.zone');
  writeFileSync(other, `$ORIGIN other.example.\n${SOA}@ 300 IN MX 10 mail\nmail 300 IN A 192.0.2.10\n`);
  const fine = join(dir, 'fine.test.zone');
  for (const lang of ['en', 'ja']) {
    const blind = reportMessage('report.blind.zone-other-domain', lang);
    // A zone of another domain alone: nothing of club.example was looked at.
    const verdict = reportMessage('report.verdictSawNothing', lang, { domain: 'club.example' });
    for (const format of ['diff', 'zone', 'cloudflare-import', 'cloudflare-batch', 'curl', 'plan']) {
      const out = await check(['--zone', other, '--domain', 'club.example', '--offline', '--format', format], lang);
      assert.equal(out.status, 3, `${format} ${lang}`);
      assert.ok(out.stderr.startsWith(`mxray: ${verdict}\n`), `${format} ${lang}: ${out.stderr}`);
      assert.ok(out.stderr.includes(`- ${blind}\n`), `${format} ${lang}: ${out.stderr}`);
      if (format === 'plan') assert.equal(out.stdout, `${reportMessage('plan.emptyBlind', lang)}\n`);
    }
    // Fine: nothing on standard error, and the plan's "No change." is the answer.
    const ok = await check(['--zone', fine, '--format', 'plan'], lang);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.equal(ok.stderr, '');
    assert.equal(ok.stdout, `${reportMessage('plan.empty', lang)}\n`);
    const diff = await check(['--zone', fine, '--format', 'diff'], lang);
    assert.deepEqual([diff.status, diff.stdout, diff.stderr], [0, '', '']);
  }
});

// --zone-dir's total once counted only the zones at or above --fail-on and the unreadable
// ones: a folder of zones none of which could be told read "0 at or above critical, 0 unreadable".
test('--zone-dir: the total counts the zones that could not tell, exit 3; Japanese without stray spaces', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'mxray-honesty-dir-'));
  try {
    writeFileSync(join(folder, 'bare.example.db'), `$ORIGIN bare.example.\n${SOA}`);
    writeFileSync(join(folder, 'fine.test.db'), `$ORIGIN fine.test.\n${SOA}@ 300 IN MX 10 mail\n@ 300 IN TXT "v=spf1 mx -all"\nmail 300 IN A 192.0.2.10\n_dmarc 300 IN TXT "v=DMARC1; p=reject; rua=mailto:d@fine.test"\n`);
    const en = await runCli(['check', '--zone-dir', folder, '--lang', 'en']);
    assert.equal(en.status, 3, en.stdout + en.stderr);
    assert.equal(en.stdout.trimEnd().split('\n').at(-1), '2 zone files: 0 at or above critical, 1 could not tell, 0 unreadable');
    const ja = await runCli(['check', '--zone-dir', folder, '--lang', 'ja']);
    assert.equal(ja.status, 3);
    assert.equal(ja.stdout.trimEnd().split('\n').at(-1), 'ゾーンファイル 2 件: 重大以上の問題あり 0 件、判定できないもの 1 件、読めないもの 0 件');
    // A file that is not a zone, in Japanese: its sentences run on without a space.
    writeFileSync(join(folder, 'empty.db'), '');
    const bad = await runCli(['check', '--zone-dir', folder, '--lang', 'ja']);
    assert.equal(bad.status, 2);
    const line = bad.stdout.split('\n').find((l) => l.includes('empty.db'));
    assert.ok(line && !/。 /.test(line), line);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

// The pull-request comment said only "64 DNS questions got no usable answer": not which, nor
// why, nor what to try; and a fine comment left out the reverse DNS it did not ask.
test('markdown lists the unanswered questions with their reasons, and what was not asked', async () => {
  const { sessionMessage } = await import('../../www/lib/messages.js');
  const { nameServerMessage } = await import('../../www/lib/cli-messages.js');
  for (const lang of ['en', 'ja']) {
    const refused = await check(['other.example', '--resolver', r.url, '--format', 'markdown'], lang);
    assert.equal(refused.status, 3);
    const reason = sessionMessage('reasons', { code: 'refused' }, lang);
    assert.ok(refused.stdout.includes(`  - \`other.example\` SOA: ${reason}`), refused.stdout);
    assert.ok(refused.stdout.includes(reportMessage('report.otherResolver', lang).replace(/[\\`*_[\]<>|~&!]/g, (c) => `\\${c}`)), refused.stdout);
    const direct = await check(['other.example', '--server', `${r.do53.host}:${r.do53.port}`, '--format', 'markdown'], lang);
    assert.equal(direct.status, 3);
    assert.ok(direct.stdout.includes(`\`other.example\` SOA: ${nameServerMessage('reasons.refused', lang)}`), direct.stdout);
    const fine = await check(['fine.test', '--resolver', r.url, '--format', 'markdown'], lang);
    assert.equal(fine.status, 0);
    assert.ok(fine.stdout.includes(`**${reportMessage('report.notAskedTitle', lang)}**`), fine.stdout);
    assert.ok(fine.stdout.includes('192.0.2.10'), fine.stdout);
  }
});

test('sarif: each unanswered question with its reason, and each reverse DNS not asked, is a notification', async () => {
  const { sessionMessage } = await import('../../www/lib/messages.js');
  for (const lang of ['en', 'ja']) {
    const refused = JSON.parse((await check(['other.example', '--resolver', r.url, '--format', 'sarif'], lang)).stdout);
    const notes = refused.runs[0].invocations[0].toolExecutionNotifications;
    const unknown = notes.filter((n) => n.descriptor.id === 'unknown-fact');
    assert.equal(unknown.length, 64);
    assert.ok(unknown.every((n) => n.level === 'note' && n.message.text.includes(sessionMessage('reasons', { code: 'refused' }, lang))), JSON.stringify(unknown[0]));
    const fine = JSON.parse((await check(['fine.test', '--resolver', r.url, '--format', 'sarif'], lang)).stdout);
    assert.equal(fine.runs[0].properties.verdict, 'fine');
    const ptr = fine.runs[0].invocations[0].toolExecutionNotifications.filter((n) => n.descriptor.id === 'ptr-not-asked');
    assert.deepEqual(ptr.map((n) => n.message.text), [reportMessage('report.ptrNotAsked', lang, { address: '192.0.2.10' })]);
  }
});

// dump read an empty file, a web page or a picture and said nothing (exit 0 or a column of
// "relative name" errors), and read UTF-16 as garbage, where check refuses or decodes them.
test('dump and facts --zone tell a file that is not a zone as check does: refused by name (exit 2), UTF-16 decoded', async () => {
  const { inputMessage } = await import('../../www/lib/messages.js');
  const { quotedText } = await import('../../www/lib/name-safety.js');
  const zone = `$ORIGIN dump.example.\n${SOA}@ 300 IN MX 10 mail\nmail 300 IN A 192.0.2.10\n`;
  const files = {
    empty: ['empty.txt', ''],
    html: ['page.html', '<!DOCTYPE html>\n<html><body><p>DNS records</p></body></html>\n'],
    image: ['shot.png', Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')],
    'comments-only': ['comments.zone', '; nothing but a comment\n\n'],
    'json-other': ['tsconfig.json', '{"compilerOptions": {"strict": true}}\n'],
  };
  for (const lang of ['en', 'ja']) {
    for (const [kind, [name, bytes]] of Object.entries(files)) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const out = await runCli(['dump', file, '--lang', lang]);
      assert.deepEqual([out.status, out.stdout, out.stderr], [2, '', `mxray: ${inputMessage(kind, lang, quotedText(file))}\n`], `${kind} ${lang}`);
      const facts = await runCli(['facts', '--zone', file, '--offline', '--lang', lang]);
      assert.equal(facts.status, 2, `facts ${kind}`);
      assert.equal(facts.stderr, `mxray: ${inputMessage(kind, lang, quotedText(file))}\n`);
    }
  }
  const plain = join(dir, 'dump.example.zone');
  writeFileSync(plain, zone);
  const utf16 = join(dir, 'dump-utf16.zone');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(zone, 'utf16le')]));
  const a = await runCli(['dump', plain]);
  const b = await runCli(['dump', utf16]);
  assert.equal(a.status, 0);
  assert.deepEqual([b.status, b.stdout, b.stderr], [0, a.stdout, '']);
  // Read whole with nothing in it (a directive, no record): exit 0 as the reader's, but said.
  // A file of comments only is refused above, by name (comments-only).
  const ttl = join(dir, 'ttl-only.zone');
  writeFileSync(ttl, '$TTL 3600\n; nothing but a directive\n');
  const none = await runCli(['dump', ttl]);
  assert.deepEqual([none.status, none.stdout], [0, '']);
  assert.match(none.stderr, /ttl-only\.zone" was read whole, and holds no record/);
});

// facts printed its JSON and an exit status, and nothing a person reads: 64 refused questions
// were exit 1 in silence, a domain that does not exist exit 0 in silence.
test('facts says on standard error how many questions got no usable answer, and a domain that does not exist', async () => {
  for (const lang of ['en', 'ja']) {
    const refused = await runCli(['facts', 'other.example', '--resolver', r.url, '--lang', lang]);
    assert.equal(refused.status, 1);
    const count = JSON.parse(refused.stdout).facts.filter((f) => f.state !== 'answered').length;
    assert.ok(count > 0);
    assert.equal(refused.stderr, `mxray: ${reportMessage('report.unknown', lang, { count })}\n`);
    const nx = await runCli(['facts', 'nope.test', '--resolver', r.url, '--lang', lang]);
    assert.equal(nx.status, 0, 'every fact is known: NXDOMAIN is one');
    assert.equal(nx.stderr, `mxray: ${reportMessage('report.blind.domain-not-found', lang)}\n`);
    const direct = await runCli(['facts', 'nope.test', '--server', `${r.do53.host}:${r.do53.port}`, '--lang', lang]);
    assert.ok(direct.stderr.includes(reportMessage('report.blind.domain-not-found', lang)), direct.stderr);
    const fine = await runCli(['facts', 'fine.test', '--resolver', r.url, '--lang', lang]);
    assert.deepEqual([fine.status, fine.stderr], [0, '']);
  }
});

// "Could not tell: mxray found no problem with mail for club.test" was said of a check whose
// 64 questions all failed: mxray had found nothing because it had seen nothing.
test('a check that looked at nothing says "Could not check", not "found no problem"; one that saw something keeps its sentence', async () => {
  const zone = join(dir, 'fine.test.zone');
  const other = join(dir, 'other.example.zone');
  writeFileSync(other, `$ORIGIN other.example.\n${SOA}@ 300 IN MX 10 mail\nmail 300 IN A 192.0.2.10\n`);
  const nothing = [
    ['fine.test', '--resolver', 'https://127.0.0.1:9/dns-query', '--timeout', '2000'],
    ['nope.test', '--resolver', r.url],
    ['other.example', '--resolver', r.url],
    ['--zone', other, '--domain', 'club.example', '--offline'],
  ];
  for (const lang of ['en', 'ja']) {
    for (const args of nothing) {
      const domain = args[0].startsWith('--') ? 'club.example' : args[0];
      const text = await check(args, lang);
      assert.equal(text.status, 3, args.join(' '));
      assert.equal(text.stdout.split('\n')[0], reportMessage('report.verdictSawNothing', lang, { domain }), args.join(' '));
      const md = await check([...args, '--format', 'markdown'], lang);
      assert.ok(md.stdout.startsWith(`**${reportMessage('report.verdictSawNothing', lang, { domain: `\`${domain}\`` })}**`), md.stdout.split('\n')[0]);
    }
    // The zone was read, the live questions all failed: it saw the zone, so it found no problem there.
    const seen = await check(['--zone', zone, '--domain', 'fine.test', '--resolver', 'https://127.0.0.1:9/dns-query', '--timeout', '2000'], lang);
    assert.equal(seen.status, 3);
    assert.equal(seen.stdout.split('\n')[0], reportMessage('report.verdict.could-not-tell', lang, { domain: 'fine.test' }));
  }
});

test('verify: a type no session asked is "not asked" in words, never the raw code', async () => {
  const expect = join(dir, 'txt-expect.json');
  // A check's JSON whose fix adds a TXT at a name no session reaches (hand-made: only its edits are read).
  writeFileSync(expect, JSON.stringify({ domain: 'fine.test.', fix: { edits: [{ action: 'add', name: 'x._domainkey.fine.test.', type: 'TXT', data: '"v=DKIM1; p="' }] } }));
  const { cliMessage } = await import('../../www/lib/cli-messages.js');
  for (const lang of ['en', 'ja']) {
    const out = await runCli(['verify', 'fine.test', '--expect', expect, '--server', `${r.do53.host}:${r.do53.port}`, '--resolver', r.url, '--lang', lang]);
    assert.equal(out.status, 3, out.stdout + out.stderr);
    assert.doesNotMatch(out.stdout, /not-asked/);
    assert.ok(out.stdout.includes(cliMessage('verify.not-asked', lang)), out.stdout);
  }
});
