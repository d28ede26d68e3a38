// `mxray check --format sarif` and `--format markdown`.
//
// SARIF: every log is validated against the SARIF 2.1.0 JSON schema that
// Microsoft's SARIF SDK team ships in the npm package @microsoft/jest-sarif
// (lib/schemas/sarif-2.1.0-rtm.5.json; its validation keywords are those of
// the OASIS sarif-spec repository's Schemata/sarif-schema-2.1.0.json at the
// OASIS Standard's submission, commit 5280a94; docs/sources.md), with Ajv 8
// (draft-04 class) and ajv-formats, all devDependencies. The test fails when
// the schema is not there. It also checks what the log says: rule ids,
// levels, lines, the fixes applied give the fixed zone.
//
// Markdown: rendered by micromark with its GFM extension (tables, autolinks,
// raw HTML passed through as GitHub's own cmark-gfm passes it, before
// GitHub's sanitiser), so the checks are on the HTML a reader gets: the
// hostile zone's names and TXT text reach it only inside <code>, never as a
// tag, a link or a broken table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { loadCore } from '../../www/lib/core-node.js';
import { reportMessage } from '../../www/lib/messages.js';
import { changeSentences, changeTable } from '../../www/lib/answer.js';
import { renderSarif } from '../../www/lib/report-sarif.js';
import { MARKDOWN_SHOWN, codeSpan, markdownText, renderMarkdown } from '../../www/lib/report-markdown.js';
import { runScenario, scenarios } from './lib/scenario-runs.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mxray = join(root, 'www/cli/mxray.mjs');
const seed = 'examples/club-cloudflare-export.txt';
const env0 = { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '', FORCE_COLOR: '' };
const cli = (args, { cwd = root } = {}) => spawnSync(process.execPath, [mxray, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env0 }, maxBuffer: 64 << 20 });

// The schema from node_modules: missing, the test fails here (readFileSync throws).
const SCHEMA_FILE = join(root, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
// The schema's patterns are ECMAScript regular expressions without the u flag (one has a lone `]`).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
function assertValid(log, what) {
  const ok = validate(log);
  assert.ok(ok, `${what}: not valid SARIF 2.1.0: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
}

const sarifOf = (args, opts) => {
  const r = cli([...args, '--format', 'sarif'], opts);
  assert.equal(r.stderr, '', r.stderr);
  return { status: r.status, stdout: r.stdout, log: JSON.parse(r.stdout) };
};

const html = (md) => micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
// The HTML outside <code>…</code>: what a hostile string must never reach.
const outsideCode = (h) => h.replace(/<code>[\s\S]*?<\/code>/g, '');

// A Cloudflare export whose names and TXT text try to be Markdown and HTML: a
// label with | ` < > [ ] ( ) * and spaces (\032), a TXT record with a script
// tag, a fence of backticks and an address that GFM would make a link. Its
// file name needs percent-encoding in a URI.
const HOSTILE_LABEL = 'x|y`z<img\\032src=x\\032onerror=alert\\(1\\)>[a]\\(https://evil.example\\)**b**';
const HOSTILE_ZONE = `;; Domain:     evil.test.
evil.test.\t3600\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 2051234567 10000 2400 604800 3600
evil.test.\t86400\tIN\tNS\tada.ns.cloudflare.com.
evil.test.\t86400\tIN\tNS\tbob.ns.cloudflare.com.
evil.test.\t1\tIN\tA\t203.0.113.7 ; cf_tags=cf-proxied:true
${HOSTILE_LABEL}.evil.test.\t1\tIN\tA\t203.0.113.7 ; cf_tags=cf-proxied:true
mail.evil.test.\t1\tIN\tCNAME\t${HOSTILE_LABEL}.evil.test. ; cf_tags=cf-proxied:false
evil.test.\t1\tIN\tMX\t10 mail.evil.test.
evil.test.\t1\tIN\tTXT\t"v=spf1 mx ~all"
_dmarc.evil.test.\t1\tIN\tTXT\t"v=DMARC1; p=none; rua=mailto:a@evil.test <script>alert(1)</script> | \`\`\` ]]> www.evil.example"
`;
const hostileDir = mkdtempSync(join(tmpdir(), 'mxray-formats-'));
const HOSTILE_FILE = 'evil #1 <z>.txt';
writeFileSync(join(hostileDir, HOSTILE_FILE), HOSTILE_ZONE);

test('the schema is the SARIF 2.1.0 schema, and it rejects what is not SARIF', () => {
  assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  assert.deepEqual(schema.properties.version.enum, ['2.1.0']);
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'a' }, level: 'fatal' }] }] }), false);
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'a' }, locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] }), false);
});

test('sarif: the example zone, each finding at its zone line, with its rule, level and fix', () => {
  const { status, stdout, log } = sarifOf(['--zone', seed]);
  assertValid(log, 'example');
  assert.equal(status, 1); // a critical finding, as with text
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'mxray');
  assert.equal(run.tool.driver.version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  assert.deepEqual(
    run.tool.driver.rules.map((r) => [r.id, r.shortDescription.text]),
    ['mail-host-proxied', 'mx-target-proxied', 'service-host-proxied', 'dmarc-advice'].map((id) => [id, reportMessage(`report.ruleTitle.${id}`, 'en')]),
  );
  const at = (r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine];
  assert.deepEqual(run.results.map(at), [
    ['mail-host-proxied', 'error', seed, 27], // mail CNAME <apex>, the record the fix removes
    ['mx-target-proxied', 'error', seed, 31], // the MX the fix repoints
    ['service-host-proxied', 'warning', seed, 22], // webdisk, proxied
    ['dmarc-advice', 'note', seed, 40], // _dmarc p=none: no edit, the line the evidence cites
  ]);
  for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
  assert.match(run.results[0].message.text, /^Mail apps cannot connect: mail\.club\.example leads to the proxy/);
  assert.match(run.results[0].message.text, /\n1\. mail\.club\.example is an alias \(CNAME\) of club\.example \(examples\/club-cloudflare-export\.txt line 27\)/);
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].description.text, reportMessage('sarif.srcRoot', 'en'));
  assert.deepEqual(run.results[0].locations[0].logicalLocations, [{ fullyQualifiedName: 'mail.club.example.', kind: 'resource' }]);
  assert.deepEqual(run.results[0].relatedLocations.map((l) => l.physicalLocation.region.startLine), [27, 17]);
  assert.equal(run.results[3].fixes, undefined); // nothing to edit, no fix

  // The fixes' replacements, applied to the zone, give the zone mxray writes (--format zone).
  const lines = readFileSync(join(root, seed), 'utf8').split('\n');
  const replacements = new Map();
  for (const r of run.results) {
    for (const c of (r.fixes ?? []).flatMap((f) => f.artifactChanges)) {
      assert.equal(c.artifactLocation.uri, seed);
      for (const x of c.replacements) {
        assert.deepEqual(Object.keys(x.deletedRegion), ['startLine']); // the whole line
        const seen = replacements.get(x.deletedRegion.startLine);
        if (seen !== undefined) assert.equal(seen, x.insertedContent.text); // two findings, one edit
        replacements.set(x.deletedRegion.startLine, x.insertedContent.text);
      }
    }
  }
  assert.deepEqual([...replacements.keys()].sort((a, b) => a - b), [22, 27, 31]);
  for (const [line, text] of replacements) lines[line - 1] = text;
  assert.equal(lines.join('\n'), cli(['--zone', seed, '--format', 'zone']).stdout);

  // Byte-stable: the same run gives the same bytes; from the zone's folder the name is relative to it.
  assert.equal(sarifOf(['--zone', seed]).stdout, stdout);
  const fromExamples = sarifOf(['--zone', 'club-cloudflare-export.txt'], { cwd: join(root, 'examples') }).log;
  assert.equal(fromExamples.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'club-cloudflare-export.txt');
});

test('sarif: Japanese messages, the same results', () => {
  const { log } = sarifOf(['--zone', seed, '--lang', 'ja']);
  assertValid(log, 'example, ja');
  assert.equal(log.runs[0].language, 'ja');
  assert.equal(log.runs[0].tool.driver.rules[0].shortDescription.text, reportMessage('report.ruleTitle.mail-host-proxied', 'ja'));
  assert.deepEqual(log.runs[0].results.map((r) => r.ruleId), ['mail-host-proxied', 'mx-target-proxied', 'service-host-proxied', 'dmarc-advice']);
  assert.doesNotMatch(log.runs[0].results[0].message.text, /Mail apps/);
});

test('sarif: a healthy zone has no result, and one with only advice passes', () => {
  const healthy = sarifOf(['--zone', 'tests/scenarios/google-workspace-healthy/input/export.txt']);
  assertValid(healthy.log, 'healthy');
  assert.equal(healthy.status, 0);
  assert.deepEqual(healthy.log.runs[0].results, []);
  assert.deepEqual(healthy.log.runs[0].tool.driver.rules, []);
  assert.equal(healthy.log.runs[0].properties.verdict, 'fine');

  const advice = sarifOf(['--zone', 'tests/scenarios/cpanel-cloudflare-healthy/input/export.txt']);
  assertValid(advice.log, 'info only');
  assert.equal(advice.status, 0);
  assert.deepEqual(advice.log.runs[0].results.map((r) => [r.ruleId, r.level]), [['origin-exposed', 'note']]);
  // --fail-on as for text: info fails the run when asked to.
  const strict = cli(['--zone', 'tests/scenarios/cpanel-cloudflare-healthy/input/export.txt', '--format', 'sarif', '--fail-on', 'info']);
  assert.equal(strict.status, 1);
  assert.equal(cli(['--zone', 'tests/scenarios/cpanel-cloudflare-healthy/input/export.txt', '--fail-on', 'info']).status, 1);
});

test('sarif and markdown: a live check (recorded answers) has no zone line: the DNS name is the location', async () => {
  const core = await loadCore();
  const s = scenarios().find((x) => x.name === 'cpanel-mail-cname');
  const { report } = runScenario(core, s.dir, s.sc, 'live');
  const log = renderSarif(report, { version: '0.1.0' });
  assertValid(log, 'live');
  const results = log.runs[0].results;
  assert.deepEqual(results.map((r) => [r.ruleId, r.level]), [['mail-host-proxied', 'error'], ['mx-target-proxied', 'error'], ['mx-target-cname', 'warning']]);
  for (const r of results) {
    assert.equal(r.locations[0].physicalLocation, undefined);
    assert.deepEqual(r.locations[0].logicalLocations, [{ fullyQualifiedName: 'mail.club.test.', kind: 'resource' }]);
    assert.equal(r.fixes, undefined);
  }
  assert.match(results[0].message.text, /in live DNS/);
  const md = renderMarkdown(report, { lang: 'en' });
  assert.match(md, /^\*\*Broken: mail to or from `club\.test` fails now\./);
  // The placeholder is said in words in the sentence and the table, and explained.
  assert.match(md, /`<the server's IPv4 address>`/);
  assert.ok(md.includes(`- ${reportMessage('report.placeholderCli', 'en')}`));
});

test('sarif: a zone with hostile names and file name is valid, its names kept as data', () => {
  const { status, log } = sarifOf(['--zone', HOSTILE_FILE], { cwd: hostileDir });
  assertValid(log, 'hostile');
  assert.equal(status, 1);
  const first = log.runs[0].results[0];
  assert.equal(first.ruleId, 'mail-host-proxied');
  assert.equal(first.locations[0].physicalLocation.artifactLocation.uri, 'evil%20%231%20%3Cz%3E.txt');
  assert.equal(first.locations[0].physicalLocation.region.startLine, 7);
  assert.ok(first.message.text.includes('x|y`z<img\\032src=x\\032onerror=alert\\(1\\)>[a]\\(https://evil.example\\)**b**.evil.test'));
  // The fix replaces the CNAME's line with the A record.
  assert.deepEqual(first.fixes[0].artifactChanges[0].replacements, [{ deletedRegion: { startLine: 7 }, insertedContent: { text: 'mail.evil.test.\t1\tIN\tA\t203.0.113.7 ; cf_tags=cf-proxied:false' } }]);
});

test('markdown: the verdict, what to do, the table and the folded evidence, in the text report\'s words', () => {
  for (const lang of ['en', 'ja']) {
    const r = cli(['--zone', seed, '--format', 'markdown', '--lang', lang]);
    assert.equal(r.status, 1);
    const md = r.stdout;
    const report = JSON.parse(cli(['--zone', seed, '--format', 'json', '--lang', lang]).stdout);
    const t = (k, v) => reportMessage(k, lang, v);
    const plain = (s) => s.replace(/`/g, '');
    // The verdict first, bold, in the verdict's words.
    const first = md.split('\n')[0];
    assert.equal(plain(first), `**${t('report.verdict.broken', { domain: 'club.example' })}**`);
    // One bullet per change: the sentences of the text report (answer.js), data in code spans.
    const bullets = md.split('\n').filter((l) => l.startsWith('- ')).map((l) => plain(l.slice(2)));
    assert.deepEqual(bullets, changeSentences(report, { lang }));
    const page = html(md);
    // The table of the records that change: the same head and cells as answer.js changeTable.
    const { head, rows } = changeTable(report, { lang });
    const cells = (tag) => [...page.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1].replace(/<\/?code>/g, '').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&'));
    assert.deepEqual(cells('th'), head);
    assert.deepEqual(cells('td'), rows.flat());
    // The evidence folded, one <details> per finding, with the finding's numbered steps.
    const folds = [...page.matchAll(/<details><summary>([^<]*)<\/summary>\s*<ol>([\s\S]*?)<\/ol>\s*<\/details>/g)];
    assert.equal(folds.length, report.findings.length);
    for (const f of folds) assert.equal(f[1], t('report.answer.howTitle'));
    assert.equal((folds[0][2].match(/<li>/g) ?? []).length, 4); // cname, address, proxied-by, the ports said once
    assert.match(page, new RegExp(`<strong>${t('report.severity.critical').toUpperCase()}</strong>`));
    assert.ok(md.includes('(`mail-host-proxied`)'));
    // A pull-request comment: no line of the findings' plan or the diff, nothing of the panels' steps.
    assert.doesNotMatch(md, /^[-+] (CREATE|MODIFY|DELETE)|^@@|^1\. Log in/m);
  }
});

test('markdown: hostile names and TXT text reach the page only as code', () => {
  const r = cli(['--zone', HOSTILE_FILE, '--format', 'markdown'], { cwd: hostileDir });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '');
  const page = html(r.stdout);
  const outside = outsideCode(page);
  // No tag of the zone's, no link, no emphasis: the only tags are Markdown's own.
  const tags = new Set([...outside.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]));
  assert.deepEqual([...tags].sort(), ['code', 'details', 'h3', 'h4', 'li', 'ol', 'p', 'strong', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'].filter((x) => x !== 'code'));
  assert.doesNotMatch(outside, /onerror|<script|evil\.example|\*\*b\*\*/);
  assert.doesNotMatch(page, /<a /);
  // Inside code, escaped once, whole.
  assert.ok(page.includes('<code>x|y`z&lt;img\\032src=x\\032onerror=alert\\(1\\)&gt;[a]\\(https://evil.example\\)**b**.evil.test</code>'));
  assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt; | ``` ]]&gt; www.evil.example'));
  // The table keeps its five columns: the | in the name does not split a cell.
  const row = [...page.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1].match(/<t[dh]>/g) ?? []).length);
  assert.deepEqual(row, [5, 5]);
  // The file name, as code too.
  assert.ok(page.includes('<code>evil #1 &lt;z&gt;.txt</code>'));
});

test('--rule-url links each rule to its page; a bad one is a usage error; --zone-dir takes neither format', () => {
  const url = 'https://rules.example/mxray/{lang}/{rule}.html';
  const log = sarifOf(['--zone', seed, '--rule-url', url, '--lang', 'ja']).log;
  assertValid(log, 'with rule pages');
  assert.equal(log.runs[0].tool.driver.rules[0].helpUri, 'https://rules.example/mxray/ja/mail-host-proxied.html');
  assert.equal(log.runs[0].tool.driver.rules[0].help.text, `mail-host-proxied について: ${reportMessage('report.ruleTitle.mail-host-proxied', 'ja')}: https://rules.example/mxray/ja/mail-host-proxied.html`);
  const md = cli(['--zone', seed, '--format', 'markdown', '--rule-url', url]).stdout;
  const page = html(md);
  assert.ok(page.includes('<a href="https://rules.example/mxray/en/mail-host-proxied.html">About mail-host-proxied: mail apps are sent to the proxy</a>'));
  for (const bad of ['ftp://x/{rule}', 'https://x/rules/', 'not a url {rule}']) {
    const r = cli(['--zone', seed, '--format', 'sarif', '--rule-url', bad]);
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /--rule-url takes an http or https address with \{rule\} in it/);
  }
  for (const format of ['sarif', 'markdown']) {
    const r = cli(['--zone-dir', 'examples', '--format', format]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`--zone-dir prints text or jsonl, not ${format}`));
  }
});

/** The text of the code block after `<!-- output: NAME -->` in docs/integrations.md. */
const documented = (name) => {
  const m = new RegExp(`<!-- output: ${name} -->\n\`\`\`\n([^]*?)\`\`\`\n`).exec(readFileSync(join(root, 'docs/integrations.md'), 'utf8'));
  assert.ok(m, `docs/integrations.md shows the output ${name}`);
  return m[1];
};

test('docs/integrations.md shows the real SARIF result and Markdown comment of the pull request that proxies mail', () => {
  // The pull request of the Action's example: the fixed zone, with the proxy turned on for mail.
  const MAIL_LINE = 'mail.club.example.\t1\tIN\tA\t203.0.113.25 ; cf_tags=cf-proxied:';
  const fixed = cli(['--zone', seed, '--format', 'zone']).stdout;
  assert.ok(fixed.includes(`\n${MAIL_LINE}false\n`));
  const workspace = mkdtempSync(join(tmpdir(), 'mxray-formats-pr-'));
  mkdirSync(join(workspace, 'dns'));
  writeFileSync(join(workspace, 'dns/club.example.txt'), fixed.replace(`\n${MAIL_LINE}false\n`, `\n${MAIL_LINE}true\n`));
  const args = ['--zone', 'dns/club.example.txt'];
  const { status, log } = sarifOf(args, { cwd: workspace });
  assert.equal(status, 1);
  assertValid(log, 'pull request');
  assert.equal(JSON.stringify(log.runs[0].results[0], null, 2) + '\n', documented('sarif-result'));
  const md = cli([...args, '--format', 'markdown'], { cwd: workspace });
  assert.equal(md.status, 1);
  assert.equal(md.stdout, documented('markdown-comment'));
});

test('markdown: a long report stays a comment: 30 findings, then how many more', () => {
  const report = JSON.parse(cli(['--zone', seed, '--format', 'json']).stdout);
  report.findings = Array.from({ length: 35 }, (_, i) => report.findings[i % report.findings.length]);
  const md = renderMarkdown(report, { lang: 'en' });
  assert.equal((md.match(/<details>/g) ?? []).length, MARKDOWN_SHOWN);
  assert.equal(MARKDOWN_SHOWN, 30);
  assert.ok(md.endsWith(`\n${reportMessage('report.unknownMore', 'en', { count: 5 })}\n`));
  assert.ok(renderMarkdown(report, { lang: 'ja' }).endsWith(`\n${reportMessage('report.unknownMore', 'ja', { count: 5 })}\n`));
});

test('exit status as for text: 3 when the check could not tell, 0 when fine', () => {
  const healthy = 'tests/scenarios/google-workspace-healthy/input/export.txt';
  const dir = mkdtempSync(join(tmpdir(), 'mxray-formats-blind-'));
  // A record that cannot be read: the verdict is "could not tell", never "fine".
  writeFileSync(join(dir, 'zone.txt'), readFileSync(join(root, healthy), 'utf8') + 'broken\tIN\tMX\tx y z\n');
  for (const format of ['text', 'markdown', 'sarif']) {
    assert.equal(cli(['--zone', 'zone.txt', '--format', format], { cwd: dir }).status, 3, format);
    assert.equal(cli(['--zone', healthy, '--format', format]).status, 0, format);
  }
  const md = cli(['--zone', 'zone.txt', '--format', 'markdown'], { cwd: dir }).stdout;
  assert.ok(md.startsWith(`**${reportMessage('report.verdict.could-not-tell', 'en', { domain: '`workspace.test`' })}**\n`));
  assert.ok(md.includes(`- ${reportMessage('report.blind.rejected-records', 'en')}`));
  const log = JSON.parse(cli(['--zone', 'zone.txt', '--format', 'sarif'], { cwd: dir }).stdout);
  assertValid(log, 'could not tell');
  assert.equal(log.runs[0].properties.verdict, 'could-not-tell');
  // No result, and the run says why that is not "fine": the record it could not read, at its
  // line and column, and the verdict's reason.
  assert.deepEqual(log.runs[0].results, []);
  const [bad, blind] = log.runs[0].invocations[0].toolExecutionNotifications;
  assert.deepEqual([bad.level, bad.descriptor.id, bad.locations[0].physicalLocation.artifactLocation.uri, bad.locations[0].physicalLocation.region], ['error', 'bad-number', 'zone.txt', { startLine: 54, startColumn: 14 }]);
  assert.match(bad.message.text, /^zone\.txt:54:14: error: /);
  assert.deepEqual([blind.level, blind.descriptor.id, blind.message.text], ['warning', 'rejected-records', reportMessage('report.blind.rejected-records', 'en')]);
  assert.deepEqual(JSON.parse(cli(['--zone', healthy, '--format', 'sarif']).stdout).runs[0].invocations, [{ executionSuccessful: true }]);
});

test('markdown: code spans and words keep a table cell whole, whatever they hold', () => {
  const values = ['x|y', 'a`b', '``', '`lead', 'trail`', 'p|q\\', ' spaced ', '<b>&amp;</b>', '[l](/x "t")', '*em* _u_ ~s~', '&#60;', 'line\nbreak'];
  // Our words hold no line break; zone data may, and shows it in display form.
  const md = ['| data | words |', '| --- | --- |', ...values.map((v) => `| ${codeSpan(v, { table: true })} | ${markdownText(v.replace('\n', ' '))} |`)].join('\n');
  const rows = [...html(md).matchAll(/<tr>\s*<td>([\s\S]*?)<\/td>\s*<td>([\s\S]*?)<\/td>\s*<\/tr>/g)];
  assert.equal(rows.length, values.length);
  const unescape = (h) => h.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  rows.forEach(([, code, words], i) => {
    assert.equal(unescape(code), `<code>${values[i].replace('\n', '⟨U+000A⟩')}</code>`, values[i]);
    assert.equal(unescape(words), values[i].replace('\n', ' ').trim(), values[i]);
  });
});
