// Every rule of the catalogue has a page in English and in Japanese, with the
// fixed sections in order and the catalogue's severity; no page outlives its
// rule; the index lists every rule.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../www/lib/core-node.js';
import { codes as coreCodes } from './lib/codes.mjs';

const pagesDir = fileURLToPath(new URL('../../www/site/rules/', import.meta.url));

const layout = {
  en: {
    severity: '**Severity:**',
    headings: ['What breaks', 'Why', 'How mxray knows', 'How to fix', 'Accepting the risk', 'Sources'],
  },
  ja: {
    severity: '**重大度:**',
    headings: ['何が起きるか', 'なぜ起きるか', 'mxray の判断根拠', '直し方', 'リスクを受け入れる場合', '出典'],
  },
};

let rules;
before(async () => {
  const core = await loadCore();
  rules = coreCodes.rules.rules;
  assert.ok(rules.length > 0, 'the catalogue lists no rule');
});

function page(lang, id) {
  return `${pagesDir}${lang}/${id}.md`;
}

for (const [lang, spec] of Object.entries(layout)) {
  test(`${lang}: every rule has a page with the fixed sections and its severity`, () => {
    for (const { id, severity } of rules) {
      const file = page(lang, id);
      assert.ok(existsSync(file), `missing ${lang}/${id}.md`);
      const lines = readFileSync(file, 'utf8').split('\n');
      assert.ok(lines[0].startsWith(`# ${id} — `), `${lang}/${id}.md: title must start "# ${id} — "`);

      const sevLine = lines.find((l) => l.startsWith(spec.severity));
      assert.ok(sevLine, `${lang}/${id}.md: no "${spec.severity}" line`);
      const first = sevLine.match(/`([a-z]+)`/);
      assert.equal(first?.[1], severity, `${lang}/${id}.md: severity differs from the catalogue`);

      const found = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim());
      assert.deepEqual(found, spec.headings, `${lang}/${id}.md: sections`);
      // Every section has some text.
      const at = (h) => lines.indexOf(`## ${h}`);
      spec.headings.forEach((h, i) => {
        const end = i + 1 < spec.headings.length ? at(spec.headings[i + 1]) : lines.length;
        const body = lines.slice(at(h) + 1, end).join('\n').trim();
        assert.ok(body.length > 0, `${lang}/${id}.md: section "${h}" is empty`);
      });
      assert.match(lines.slice(at(spec.headings.at(-1))).join('\n'), /https?:\/\//, `${lang}/${id}.md: no source link`);
    }
  });

  test(`${lang}: no page for a rule that is not in the catalogue`, () => {
    const ids = new Set(rules.map((r) => r.id));
    const extra = readdirSync(`${pagesDir}${lang}`)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3))
      .filter((id) => !ids.has(id));
    assert.deepEqual(extra, [], `${lang}: pages without a rule`);
  });
}

test('the index links both pages of every rule', () => {
  const index = readFileSync(`${pagesDir}README.md`, 'utf8');
  for (const { id } of rules) {
    for (const lang of Object.keys(layout)) {
      assert.ok(index.includes(`](${lang}/${id}.md)`), `README.md does not link ${lang}/${id}.md`);
    }
  }
});
