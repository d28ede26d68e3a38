// When the website and the popup say "Could not check" (www/site/could-not-check.js):
// at least half of a live check's questions unanswered; the cause is the most
// common reason; the other resolver is the first preset that is not the one used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { couldNotCheck, otherResolver } from '../../www/site/could-not-check.js';
import { RESOLVERS } from '../../www/lib/doh-driver.js';

const unknown = (...codes) => codes.map((code, i) => ({ name: `n${i}.test.`, type: 'A', reason: { code, detail: '' }, rests_on: ['apex'] }));
const report = (mode, questions, list) => ({ mode, stats: { questions }, resolver: { url: 'https://doh.test/dns-query', format: 'wire' }, verdict: { state: 'could-not-tell', blind: ['unknown-facts'], unknown: list } });

test('half or more of the questions unanswered in a live check, and only then', () => {
  assert.deepEqual(couldNotCheck(report('live', 4, unknown('network', 'timeout', 'network'))), { resolver: 'https://doh.test/dns-query', reason: { code: 'network', detail: '' }, count: 3, questions: 4 });
  assert.equal(couldNotCheck(report('live', 4, unknown('timeout', 'timeout'))).reason.code, 'timeout', 'exactly half');
  assert.equal(couldNotCheck(report('live', 5, unknown('timeout', 'timeout'))), null, 'fewer than half');
  assert.equal(couldNotCheck(report('both', 2, unknown('http'))).count, 1);
  assert.equal(couldNotCheck(report('offline', 0, [])), null);
  assert.equal(couldNotCheck(report('live', 0, [])), null, 'no question asked');
  assert.equal(couldNotCheck({ mode: 'live', stats: { questions: 3 } }), null, 'no verdict');
});

test('the other resolver: the first preset that is not the one used', () => {
  assert.deepEqual(otherResolver(RESOLVERS.cloudflare.wire), { name: 'google', label: RESOLVERS.google.label });
  assert.deepEqual(otherResolver('cloudflare'), { name: 'google', label: RESOLVERS.google.label });
  assert.deepEqual(otherResolver(RESOLVERS.google.json), { name: 'cloudflare', label: RESOLVERS.cloudflare.label });
  assert.deepEqual(otherResolver('https://doh.test/dns-query'), { name: 'cloudflare', label: RESOLVERS.cloudflare.label });
});
