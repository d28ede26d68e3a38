// The core's JSON as the shells get it: line separators, bidi controls and
// C1 controls are written as \uXXXX (core/dns/json_text.h), so a report, a
// zone summary or a batch line pasted into a terminal, a log or a script
// shows and splits as it reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from '../../www/lib/core-node.js';
import { feedBytes } from '../../www/lib/zone-input.js';

// Every character the core escapes, with a neighbour it leaves alone.
const ESCAPED = ['\u0080', '\u0085', '\u009f', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069'];
const KEPT = ['\u00a0', '\u200d', '\u2027', '\u202f', '\u206a', '日本'];
const RAW = new RegExp(`[${ESCAPED.join('')}]`, 'u');

const summaryOf = (core, text) => {
  const reader = new core.ZoneReader('zone.txt', JSON.stringify({ origin: 'example.com.', format: 'auto' }), null);
  feedBytes(core, reader, new TextEncoder().encode(text));
  reader.finish();
  return reader.summaryJson();
};

test('a zone summary quotes each refused token with those characters escaped, and reads back the same', async () => {
  const core = await loadCore();
  for (const ch of [...ESCAPED, ...KEPT]) {
    // A bad TTL: the token is quoted in the diagnostic.
    const token = `1${ch}0`;
    const json = summaryOf(core, `www ${token} IN A 192.0.2.1\n`);
    const escaped = ESCAPED.includes(ch);
    assert.equal(RAW.test(json), false, `no raw ${escape(ch)} in ${json}`);
    if (escaped) assert.ok(json.includes(`\\u${ch.codePointAt(0).toString(16).padStart(4, '0')}`), json);
    else assert.ok(json.includes(ch), `${escape(ch)} kept as it is`);
    assert.equal(JSON.parse(json).diagnostics[0].token, token);
  }
});

test('the CLI writes its JSON outputs (check --format json, jsonl, cloudflare-batch) with those characters escaped too', async () => {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'mxray-json-'));
  try {
    // A zone whose file name holds every escaped character; the name is in the report's evidence.
    const name = `zone${ESCAPED.join('')}.txt`;
    writeFileSync(
      join(dir, name),
      [
        'example.com.\t300\tIN\tSOA\tns.example.com. h.example.com. 1 2 3 4 5',
        'example.com.\t300\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true',
        'example.com.\t300\tIN\tMX\t10 mail.example.com.',
        'mail.example.com.\t300\tIN\tCNAME\texample.com. ; cf_tags=cf-proxied:false',
        '',
      ].join('\n'),
    );
    const escapedName = name.replace(new RegExp(RAW.source, 'gu'), (c) => `\\u${c.codePointAt(0).toString(16).padStart(4, '0')}`);
    const cli = new URL('../../www/cli/mxray.mjs', import.meta.url).pathname;
    for (const format of ['json', 'jsonl', 'cloudflare-batch']) {
      const r = spawnSync(process.execPath, [cli, 'check', '--zone', name, '--format', format], { cwd: dir, encoding: 'utf8' });
      assert.ok(r.stdout.length > 0, `${format}: ${r.stderr}`);
      assert.equal(RAW.test(r.stdout), false, `${format}: no raw character in ${r.stdout.slice(0, 400)}`);
      const value = JSON.parse(format === 'jsonl' ? r.stdout.trim().split('\n')[0] : r.stdout);
      if (format === 'json') {
        assert.ok(r.stdout.includes(escapedName), 'the file name escaped, not dropped');
        assert.ok(JSON.stringify(value).includes(name), 'and it reads back as the same name');
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
