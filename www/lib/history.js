// What changed since the last check of a domain. The website keeps the last
// check of each domain in the browser (www/site/history-store.js, IndexedDB)
// as a small entry made here, and compares the new report with it. Pure
// functions: no storage, no clock (the time of a check is given).
//
// An entry keeps what a person compares from one check to the next: the
// verdict, whether the check could not look at everything (`blind`), and each
// finding as its rule, severity and first name. Words are not stored, so an
// entry reads in either language.
//
// Unknown is not fixed: a finding of the last check that this one did not
// see is "gone" only when this check looked at everything; after a check that
// could not (a resolver that could not be reached, lines it could not read)
// it is only "not seen this time". Likewise a finding is "new" only when the
// last check looked at everything.

/** Entries kept at most; the oldest go first (history-store.js). */
export const HISTORY_LIMIT = 500;

/** Findings kept per entry at most: a report of thousands is summed up by its counts. */
export const HISTORY_FINDINGS = 200;

const findingKey = (f) => `${f.rule}\u0000${f.name}`;

/**
 * True when the check of `entry` could not look at everything: its verdict
 * listed blind spots, or (an entry stored before `blind` was kept) its
 * verdict was could-not-tell.
 */
export const entryBlind = (entry) => (typeof entry.blind === 'boolean' ? entry.blind : entry.verdict === 'could-not-tell');

/**
 * The entry to remember for `report`, checked at `at` (milliseconds since
 * the epoch), or null when the report names no domain.
 * @returns {{domain: string, at: number, mode: string, verdict: string, blind: boolean,
 *   summary: {critical: number, warning: number, info: number},
 *   findings: {rule: string, severity: string, name: string}[], more: number} | null}
 */
export function historyEntry(report, at) {
  const domain = String(report?.domain ?? '').toLowerCase();
  if (!domain || !Number.isFinite(at)) return null;
  const all = (report.findings ?? []).map((f) => ({ rule: String(f.rule), severity: String(f.severity), name: String(f.names?.[0] ?? '') }));
  const s = report.summary ?? {};
  return {
    domain,
    at,
    mode: String(report.mode ?? ''),
    verdict: String(report.verdict?.state ?? ''),
    // No verdict at all is not a check that saw everything either.
    blind: !report.verdict || report.verdict.state === 'could-not-tell' || (report.verdict.blind ?? []).length > 0,
    summary: { critical: s.critical ?? 0, warning: s.warning ?? 0, info: s.info ?? 0 },
    findings: all.slice(0, HISTORY_FINDINGS),
    more: Math.max(0, all.length - HISTORY_FINDINGS),
  };
}

/**
 * How `now` differs from `before` (two entries of one domain): the verdicts,
 * the findings that are new and those that are gone. `complete` is false when
 * either entry left findings out (HISTORY_FINDINGS), so "gone" may not be sure.
 * `blindBefore` / `blindNow`: that check could not look at everything, so a
 * finding in `added` may have been there before (blindBefore), and one in
 * `gone` may still be there (blindNow): the section must not call them new
 * or gone. `otherInputs`: the checks read different inputs (an uploaded zone
 * then live DNS, ...), so neither may they.
 */
export function historyChanges(before, now) {
  const had = new Map(before.findings.map((f) => [findingKey(f), f]));
  const has = new Map(now.findings.map((f) => [findingKey(f), f]));
  const added = now.findings.filter((f) => !had.has(findingKey(f)));
  const gone = before.findings.filter((f) => !has.has(findingKey(f)));
  return {
    at: before.at,
    verdictBefore: before.verdict,
    verdictNow: now.verdict,
    added,
    gone,
    blindBefore: entryBlind(before),
    blindNow: entryBlind(now),
    // The two checks read different inputs (the uploaded zones, live DNS, both):
    // a finding of one that the other did not see may still be where it was.
    modeBefore: before.mode ?? '',
    modeNow: now.mode ?? '',
    otherInputs: Boolean(before.mode && now.mode && before.mode !== now.mode),
    same: before.verdict === now.verdict && !added.length && !gone.length,
    complete: !before.more && !now.more,
  };
}

/** True when `value` has the shape historyEntry makes (what IndexedDB gave back may be anything). */
export function isHistoryEntry(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof value.domain === 'string' &&
    Number.isFinite(value.at) &&
    typeof value.verdict === 'string' &&
    (value.blind === undefined || typeof value.blind === 'boolean') &&
    Array.isArray(value.findings) &&
    value.findings.every((f) => f && typeof f.rule === 'string' && typeof f.name === 'string' && typeof f.severity === 'string')
  );
}
