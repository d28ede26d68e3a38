// The website's one progress bar (www/site/progress.js): it never goes back,
// not when a new round of DNS questions starts, and it ends on the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkProgress } from '../../www/site/progress.js';

// What www/lib/check.js reports for `rounds` rounds of the given sizes.
function dnsSteps(sizes) {
  const steps = [];
  sizes.forEach((total, i) => {
    for (let answered = 1; answered <= total; answered++) steps.push({ stage: 'dns', round: i + 1, answered, total });
  });
  return steps;
}

const run = (shape, steps) => {
  const bar = checkProgress(shape);
  return steps.map((p) => bar.next(p));
};

test('live only: every answer of every round moves the bar on, and a new round never starts it over', () => {
  const values = run({ files: false, live: true }, [{ stage: 'start' }, ...dnsSteps([12, 5, 3, 1]), { stage: 'report' }]);
  assert.equal(values[0], null, 'nothing is known before the first answer');
  const known = values.slice(1);
  for (let i = 1; i < known.length; i++) assert.ok(known[i] >= known[i - 1], `step ${i}: ${known[i - 1]} then ${known[i]}`);
  // The first answer of round 2 is past the last of round 1 (per-round bars went back to 1/5 = 20 %).
  const endOfRound1 = known[11];
  const startOfRound2 = known[12];
  assert.ok(startOfRound2 >= endOfRound1, `${endOfRound1} then ${startOfRound2}`);
  assert.equal(endOfRound1, 45, 'round 1 fills half of the DNS part');
  assert.ok(known.at(-2) < 90, 'DNS alone never reaches the end');
  assert.equal(known.at(-1), 95, 'the report comes last');
});

test('files then live DNS: reading fills the first part, the rounds the next', () => {
  const steps = [
    { stage: 'read', file: 'a.db', loaded: 50, total: 100 },
    { stage: 'read', file: 'a.db', loaded: 100, total: 100 },
    ...dnsSteps([4, 2]),
    { stage: 'report' },
  ];
  const values = run({ files: true, live: true }, steps);
  assert.deepEqual(values.slice(0, 2), [10, 20]);
  assert.equal(values[2], 28, 'a quarter of round 1 (20 + 70 / 2 / 4)');
  assert.equal(values[5], 55, 'round 1 done: half of the DNS part');
  for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1]);
  assert.equal(values.at(-1), 95);
});

test('files alone: reading takes the bar to 90 %, the report to 95 %', () => {
  const values = run({ files: true, live: false }, [
    { stage: 'start' },
    { stage: 'read', loaded: 1, total: 4 },
    { stage: 'read', loaded: 4, total: 4 },
    { stage: 'report' },
    { stage: 'start' },
  ]);
  assert.deepEqual(values, [null, 22, 90, 95, 95]);
});

test('a repeated or late message never takes the bar back', () => {
  const bar = checkProgress({ files: false, live: true });
  assert.equal(bar.next({ stage: 'dns', round: 1, answered: 4, total: 4 }), 45);
  assert.equal(bar.next({ stage: 'dns', round: 1, answered: 2, total: 4 }), 45);
  assert.equal(bar.next({ stage: 'dns', round: 2, answered: 0, total: 3 }), 45);
});
