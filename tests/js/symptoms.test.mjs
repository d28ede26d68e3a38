// The symptoms the website offers: every rule of the core's catalogue says
// which of them it explains (an empty list on purpose where none), and the
// ordering puts the findings that explain what the person sees first.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from '../../www/lib/core-node.js';
import { SYMPTOMS, SYMPTOMS_BY_RULE, explainSymptoms, orderFindings, symptomsOf } from '../../www/lib/symptoms.js';
import { siteLanguages, siteMessages } from '../../www/lib/site-messages.js';
import { codes as coreCodes } from './lib/codes.mjs';

let rules;
before(async () => {
  const core = await loadCore();
  rules = coreCodes.rules.rules.map((r) => r.id);
  assert.ok(rules.length >= 10, 'the catalogue lists rules');
});

test('every rule of the catalogue is mapped (or mapped to none), and no other', () => {
  assert.deepEqual(Object.keys(SYMPTOMS_BY_RULE).sort(), [...rules].sort());
  for (const [rule, list] of Object.entries(SYMPTOMS_BY_RULE)) {
    assert.ok(Array.isArray(list), `${rule}: a list`);
    for (const s of list) assert.ok(SYMPTOMS.includes(s), `${rule}: unknown symptom ${s}`);
    assert.equal(new Set(list).size, list.length, `${rule}: no symptom twice`);
  }
});

test('every symptom is explained by some rule and has words in every language', () => {
  for (const s of SYMPTOMS) {
    assert.ok(Object.values(SYMPTOMS_BY_RULE).some((l) => l.includes(s)), `${s} is explained by no rule`);
    for (const lang of siteLanguages) assert.ok(siteMessages[lang].symptoms[s], `${lang}: no words for ${s}`);
  }
});

test('the seed case: phones that get no mail are explained by mail-host-proxied, bounces by the MX', () => {
  const findings = [
    { rule: 'mail-host-proxied', severity: 'critical' },
    { rule: 'mx-target-proxied', severity: 'critical' },
    { rule: 'service-host-proxied', severity: 'warning' },
    { rule: 'dmarc-advice', severity: 'info' },
  ];
  assert.deepEqual(symptomsOf(findings[0]), ['website-works', 'webmail-works', 'phone-cannot-receive', 'cannot-send']);
  const order = orderFindings(findings, ['inbound-bounces']);
  assert.deepEqual(order.map((o) => o.index), [1, 0, 2, 3]);
  assert.deepEqual(order[0].explains, ['inbound-bounces']);
  assert.deepEqual(order[1].explains, []);
  // Without symptoms the report's order stays.
  assert.deepEqual(orderFindings(findings, []).map((o) => o.index), [0, 1, 2, 3]);
  // More symptoms explained come first.
  assert.deepEqual(orderFindings(findings, ['inbound-bounces', 'phone-cannot-receive', 'cannot-send']).map((o) => o.index), [0, 1, 2, 3]);
  assert.deepEqual(explainSymptoms(findings, ['cannot-send', 'website-works']), [
    { symptom: 'website-works', findings: [0, 1] },
    { symptom: 'cannot-send', findings: [0] },
  ]);
  assert.deepEqual(explainSymptoms([findings[3]], ['inbound-bounces']), [{ symptom: 'inbound-bounces', findings: [] }]);
});

test('a lost record explains what its type breaks', () => {
  const lost = (type) => ({ rule: 'migration-record-lost', evidence: [{ code: 'record-lost', params: { name: 'x.', type } }] });
  assert.deepEqual(symptomsOf(lost('MX')), ['inbound-bounces']);
  assert.deepEqual(symptomsOf(lost('TXT')), ['cannot-send']);
  assert.deepEqual(symptomsOf(lost('SRV')), ['phone-cannot-receive']);
  assert.deepEqual(symptomsOf(lost('A')), ['phone-cannot-receive', 'cannot-send', 'inbound-bounces']);
  assert.deepEqual(symptomsOf(lost('TLSA')), []);
  assert.deepEqual(symptomsOf({ rule: 'no-such-rule' }), []);
});
