// Recorded DNS answers for a scenario, fed to a Session in place of a live
// resolver. The same answers.json is replayed by the C++ tests
// (tests/unit/replay.h), the JS tests and the benchmark.
//
// answers.json: {"domain": "club.test.", "recordedWith": "...",
//   "answers": {"<name> <TYPE>": {"wire": "<hex>"} | {"json": "<DoH JSON text>"}
//                               | {"failure": "timeout|http|network|content-type", "detail": "..."}}}

export const keyOf = (q) => `${q.name.toLowerCase()} ${q.type}`;

const hexToBytes = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
export const bytesToHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Feeds recorded answers to `session` round by round until it is done.
 * A question with no recording is fed as a network failure and listed in
 * `missing`, so a stale recording shows up instead of passing silently.
 * @returns {{rounds: number, questions: number, missing: string[]}}
 */
export function replay(session, recording, { maxRounds = 64 } = {}) {
  const missing = [];
  let questions = 0;
  for (let i = 0; i < maxRounds && !session.done(); i++) {
    const round = session.pending();
    if (!round.length) break;
    for (const q of round) {
      questions++;
      const a = recording.answers[keyOf(q)];
      if (!a) {
        missing.push(keyOf(q));
        session.feedFailure(q.id, 'network', 'not recorded');
      } else if (a.wire !== undefined) {
        session.feedWire(q.id, hexToBytes(a.wire));
      } else if (a.json !== undefined) {
        session.feedJson(q.id, a.json);
      } else {
        session.feedFailure(q.id, a.failure, a.detail ?? '');
      }
    }
  }
  return { rounds: session.round(), questions, missing };
}

/**
 * Wraps a session so that every answer fed to it is also recorded; returns
 * [wrapped session, recording]. Used by tests/resolver/record.mjs.
 */
export function recording(session, domain, recordedWith) {
  const rec = { domain, recordedWith, answers: {} };
  const names = new Map();
  const wrapped = {
    ...session,
    pending() {
      const qs = session.pending();
      for (const q of qs) names.set(q.id, keyOf(q));
      return qs;
    },
    feedWire(id, bytes) {
      rec.answers[names.get(id)] = { wire: bytesToHex(bytes) };
      return session.feedWire(id, bytes);
    },
    feedJson(id, text) {
      rec.answers[names.get(id)] = { json: text };
      return session.feedJson(id, text);
    },
    feedFailure(id, kind, detail = '') {
      rec.answers[names.get(id)] = { failure: kind, detail };
      return session.feedFailure(id, kind, detail);
    },
  };
  return [wrapped, rec];
}
