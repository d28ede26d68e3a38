// The Public Suffix List lookup (www/lib/psl.js) against the list's own
// test cases, which Debian's publicsuffix package ships next to the list
// (examples/test_psl.txt: checkPublicSuffix(host, registrable domain)), and
// the popup's step from a tab's address to a domain (tab-domain.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { domainToASCII } from 'node:url';
import { compileRules, createSuffixList } from '../../www/lib/psl.js';
import { PSL_FILE, loadSuffixList } from '../../www/extension/build.mjs';
import { tabDomain } from '../../www/extension/tab-domain.js';

const CASES = '/usr/share/doc/publicsuffix/examples/test_psl.txt';
const psl = loadSuffixList(PSL_FILE);
const list = createSuffixList(psl.rules.join('\n'));

test('the list compiles: both sections, Unicode rules as A-labels, nothing skipped', () => {
  assert.ok(psl.icann > 5000 && psl.private > 1000, `${psl.icann} ICANN, ${psl.private} private rules`);
  assert.deepEqual(psl.skipped, []);
  assert.match(psl.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(psl.rules.includes('xn--55qx5d.cn'), '公司.cn as an A-label');
  assert.ok(psl.rules.includes('*.kawasaki.jp') && psl.rules.includes('!city.kawasaki.jp'));
  assert.ok(psl.rules.every((r) => /^[!*.a-z0-9_-]+$/.test(r)), 'ASCII only');
});

test("the list's own test cases (Debian's examples/test_psl.txt)", { skip: !existsSync(CASES) && 'publicsuffix examples not installed' }, () => {
  const calls = [...readFileSync(CASES, 'utf8').matchAll(/^checkPublicSuffix\((null|'[^']*'), (null|'[^']*')\);/gm)];
  assert.ok(calls.length > 60, `${calls.length} cases`);
  const value = (s) => (s === 'null' ? null : s.slice(1, -1));
  for (const [, input, expected] of calls.map((m) => [m[0], value(m[1]), value(m[2])])) {
    // Hosts reach the lookup as URL.hostname gives them: lower case, A-labels.
    const host = input === null ? '' : input.startsWith('.') ? input : domainToASCII(input);
    const want = expected === null ? null : domainToASCII(expected);
    assert.equal(list.registrableDomain(host), want, `registrableDomain(${input})`);
  }
});

test('public suffixes, wildcards and exceptions', () => {
  assert.equal(list.publicSuffix('www.example.co.uk'), 'co.uk');
  assert.equal(list.publicSuffix('a.b.c.kawasaki.jp'), 'c.kawasaki.jp', 'wildcard *.kawasaki.jp');
  assert.equal(list.publicSuffix('www.city.kawasaki.jp'), 'kawasaki.jp', 'exception !city.kawasaki.jp');
  assert.equal(list.registrableDomain('mail.club.test'), 'club.test', 'an unlisted TLD: the implicit "*" rule');
  assert.equal(list.registrableDomain('example.com.'), 'example.com', 'a trailing dot');
  assert.equal(list.registrableDomain('a..b.com'), null);
  // A list of one's own: exceptions win over a longer wildcard match.
  const own = createSuffixList(compileRules('// ===BEGIN ICANN DOMAINS===\nck\n*.ck\n!www.ck\n// ===END ICANN DOMAINS===\n', domainToASCII).rules);
  assert.equal(own.registrableDomain('www.ck'), 'www.ck');
  assert.equal(own.registrableDomain('a.www.ck'), 'www.ck');
  assert.equal(own.registrableDomain('x.y.ck'), 'x.y.ck');
  assert.equal(own.registrableDomain('y.ck'), null);
});

test("a tab's address to the domain to check, or why there is none", () => {
  const cases = [
    ['https://www.club.test/contact?x=1#top', { domain: 'club.test', host: 'www.club.test' }],
    ['http://Mail.Example.CO.UK:8080/', { domain: 'example.co.uk', host: 'mail.example.co.uk' }],
    ['https://例え.jp/', { domain: 'xn--r8jz45g.jp', host: 'xn--r8jz45g.jp' }],
    ['https://shop.example.com./', { domain: 'example.com', host: 'shop.example.com' }],
    [undefined, { problem: 'no-tab' }],
    ['chrome://extensions/', { problem: 'not-web', scheme: 'chrome' }],
    ['file:///tmp/zone.txt', { problem: 'not-web', scheme: 'file' }],
    ['view-source:https://example.com/', { problem: 'not-web', scheme: 'view-source' }],
    ['moz-extension://1234/popup.html', { problem: 'not-web', scheme: 'moz-extension' }],
    ['not a url', { problem: 'not-web', scheme: '' }],
    ['https://192.0.2.1/', { problem: 'ip-address', host: '192.0.2.1' }],
    ['https://[2001:db8::1]/', { problem: 'ip-address', host: '[2001:db8::1]' }],
    ['http://localhost:3000/', { problem: 'not-public', host: 'localhost' }],
    ['http://app.localhost/', { problem: 'not-public', host: 'app.localhost' }],
    ['http://nas.home.arpa/', { problem: 'not-public', host: 'nas.home.arpa' }],
    ['http://intranet/', { problem: 'not-public', host: 'intranet' }],
    ['https://co.uk/', { problem: 'public-suffix', host: 'co.uk' }],
    ['https://github.io/', { problem: 'public-suffix', host: 'github.io' }],
  ];
  for (const [url, want] of cases) assert.deepEqual(tabDomain(url, list), want, String(url));
});
