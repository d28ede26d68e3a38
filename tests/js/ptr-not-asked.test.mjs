// A live check asks the PTR of an origin address only when the person chose so (--ask-ptr, the
// askPtr setting). When it did not, the report says which addresses' reverse DNS was not asked,
// in the JSON (verdict.not_asked) and the text (EN/JA), and the verdict stays what the rest says.
// Through the real nsd + dnsdist harness on loopback (tests/resolver).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCore } from '../../www/lib/core-node.js';
import { runCheck } from '../../www/lib/check.js';
import { renderVerdict } from '../../www/lib/report-text.js';
import { startResolver } from '../resolver/resolver.mjs';

const served = `$ORIGIN ptr.test.
$TTL 300
@ IN SOA ns1.ptr.test. hostmaster.ptr.test. 1 7200 3600 1209600 300
@ IN NS ns1.ptr.test.
ns1 IN A 127.0.0.1
@ IN MX 10 mail.ptr.test.
@ IN TXT "v=spf1 mx -all"
mail IN A 203.0.113.25
_dmarc IN TXT "v=DMARC1; p=reject"
`;

let core;
let resolver;
before(async () => {
  core = await loadCore();
  const dir = mkdtempSync(join(tmpdir(), 'mxray-ptr-'));
  const file = join(dir, 'ptr.test.zone');
  writeFileSync(file, served);
  resolver = await startResolver({ zones: [{ origin: 'ptr.test.', file }] });
});
after(async () => {
  await resolver?.stop();
});

test('without askPtr: the origin address is named as not asked, in JSON and in words; the verdict is unchanged', async () => {
  const quiet = await runCheck(core, { domain: 'ptr.test', resolver: resolver.url, timeoutMs: 3000 });
  const v = quiet.report.verdict;
  assert.deepEqual(v.not_asked, [{ what: 'ptr', address: '203.0.113.25' }]);
  assert.ok(!v.blind.includes('ptr-not-asked'));
  assert.ok(!quiet.report.findings.some((f) => f.rule === 'ptr-mismatch'));
  const en = renderVerdict(quiet.report, { lang: 'en' }).join('\n');
  assert.match(en, /Reverse DNS of 203\.0\.113\.25 was not asked \(--ask-ptr asks it\)/);
  const ja = renderVerdict(quiet.report, { lang: 'ja' }).join('\n');
  assert.match(ja, /203\.0\.113\.25 の逆引き DNS \(PTR\) は問い合わせていません/);
  // Nothing else was missing: the verdict is fine, and says what it did not ask.
  assert.equal(v.state, 'fine', JSON.stringify(v));
  // With askPtr the PTR is asked (this harness serves no reverse zone): nothing is listed as not asked.
  const asked = await runCheck(core, { domain: 'ptr.test', resolver: resolver.url, timeoutMs: 3000, sessionOptions: { ask_ptr: true } });
  assert.deepEqual(asked.report.verdict.not_asked, []);
  assert.doesNotMatch(renderVerdict(asked.report, { lang: 'en' }).join('\n'), /was not asked/);
});
