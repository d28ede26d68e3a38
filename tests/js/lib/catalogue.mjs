// Helpers for the catalogue tests: every message of a catalogue as
// [dotted key, text], and the placeholders of a text.

export function flatten(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : flatten(v, `${prefix}${k}.`)));
}

export const placeholders = (text) => [...text.matchAll(/\{([\w-]+)\}/g)].map((m) => m[1]).sort();

/** Asserts that both languages have the same keys, no empty text, and the same placeholders in each message. */
export function assertSameShape(assert, en, ja) {
  const a = new Map(flatten(en));
  const b = new Map(flatten(ja));
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
  for (const [key, text] of a) {
    assert.ok(text.trim(), `en ${key} is empty`);
    assert.ok(b.get(key).trim(), `ja ${key} is empty`);
    assert.deepEqual(placeholders(b.get(key)), placeholders(text), `${key}: placeholders differ`);
  }
}
