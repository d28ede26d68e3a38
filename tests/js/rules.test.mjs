// The rules through the wasm core: words for every rule and evidence code in
// both languages, the seed case offline from the bundled export, and live
// against the real resolver on loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { createSession } from '../../www/lib/session.js';
import { runSession } from '../../www/lib/doh-driver.js';
import { messages, languages, findingMessage, evidenceMessage } from '../../www/lib/messages.js';
import { startResolver, zonesIn } from '../resolver/resolver.mjs';
import { feedBytes } from '../../www/lib/zone-input.js';
import { codes as coreCodes } from './lib/codes.mjs';

const scenario = fileURLToPath(new URL('../scenarios/cpanel-mail-cname/', import.meta.url));
let core;
let resolver;
before(async () => {
  core = await loadCore();
  resolver = await startResolver({ zones: zonesIn(`${scenario}served`) });
});
after(async () => {
  await resolver?.stop();
});

function readerFor(file) {
  const reader = new core.ZoneReader(file, '{}', null);
  feedBytes(core, reader, readFileSync(file));
  reader.finish();
  return reader;
}

test('every rule and evidence code has words in every language, and none is orphaned', () => {
  const cat = coreCodes.rules;
  assert.ok(cat.rules.length >= 10);
  for (const lang of languages) {
    assert.deepEqual(Object.keys(messages[lang].rules).sort(), cat.rules.map((r) => r.id).sort(), `${lang} rules`);
    assert.deepEqual(Object.keys(messages[lang].evidence).sort(), [...cat.evidence].sort(), `${lang} evidence`);
  }
});

test('every record problem code (SPF, DMARC, DKIM, MTA-STS, TLS-RPT) has words in every language', () => {
  const cat = coreCodes.rules;
  assert.ok(cat.problems.length >= 60);
  const codes = cat.problems.map((p) => p.code).sort();
  for (const lang of languages) {
    assert.deepEqual(Object.keys(messages[lang].problems).sort(), codes, `${lang} problems`);
  }
});

test('offline: the bundled export shows the seed case, with its fix', () => {
  const reader = readerFor('examples/club-cloudflare-export.txt');
  const session = createSession(core, { zones: [reader], options: { live: false } });
  try {
    const { findings, names } = session.analyse().report();
    const mail = findings.find((f) => f.rule === 'mail-host-proxied');
    assert.deepEqual(mail.names, ['mail.club.example.']);
    assert.equal(mail.severity, 'critical');
    assert.deepEqual(
      mail.edits.map((e) => `${e.op} ${e.name} ${e.type} ${e.data}`),
      ['remove mail.club.example. CNAME club.example.', 'add mail.club.example. A 203.0.113.25'],
    );
    assert.match(findingMessage(mail), /mail\.club\.example leads to the proxy/);
    assert.match(findingMessage(mail, 'ja'), /プロキシ/);
    const steps = mail.evidence.map((e) => evidenceMessage(e));
    assert.equal(steps[0], 'mail.club.example is an alias (CNAME) of club.example (examples/club-cloudflare-export.txt line 27); the record is DNS-only');
    assert.ok(steps.includes("Cloudflare's proxy does not carry port 993 (IMAP over TLS)"));
    const mx = names.find((n) => n.name === 'club.example.');
    assert.ok(mx.roles.includes('mx-target'));
    assert.equal(mx.zone.route, 'proxy');
    assert.equal(mx.live.reason, 'offline');
  } finally {
    session.dispose();
    reader.delete();
  }
});

test('live: the resolver shows mail.club.test at the proxy', async () => {
  const session = createSession(core, { domain: 'club.test' });
  try {
    await runSession(session, { resolver: resolver.url, timeoutMs: 3000 });
    const { findings, names } = session.analyse().report();
    const rules = findings.map((f) => `${f.rule} ${f.names[0]}`).sort();
    assert.ok(rules.includes('mail-host-proxied mail.club.test.'), rules.join('\n'));
    assert.ok(rules.includes('mx-target-proxied mail.club.test.'), rules.join('\n'));
    const mail = names.find((n) => n.name === 'mail.club.test.');
    assert.equal(mail.live.route, 'proxy');
    assert.deepEqual(mail.live.hops.filter((h) => h.type !== 'AAAA').map((h) => h.data).sort(), ['104.21.48.1', '172.67.160.1', 'club.test.']);
    const ftp = names.find((n) => n.name === 'ftp.club.test.');
    assert.equal(ftp.live.route, 'origin');
  } finally {
    session.dispose();
  }
});
