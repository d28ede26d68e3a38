// Which sentence states a report's verdict (messages.js report.verdict.*,
// report.verdictBlind.* and report.verdictSawNothing), one rule for every
// shell: the command line's text and Markdown, the website and the popup.
// "At risk" says that mail works, but something weakens it; when the check
// could not look at everything (the verdict lists blind spots), that mail
// works is not known, and the sentence says so. "Could not tell" says mxray
// found no problem in what it saw; when it saw nothing of the domain's mail,
// it says it could not check at all. A broken verdict rests on a finding.

/** States whose sentence changes when the check could not look at everything. */
const BLIND_STATES = new Set(['at-risk']);

/**
 * Whether a could-not-tell check looked at nothing of the domain's mail: the domain does not
 * exist or has no mail record, or no question got a usable answer and no zone of the domain
 * held a record that was read. Then "mxray found no problem" would be said of nothing.
 */
export function sawNothing(report) {
  const v = report?.verdict ?? {};
  if (v.state !== 'could-not-tell') return false;
  const blind = v.blind ?? [];
  if (blind.includes('domain-not-found') || blind.includes('no-mail-records')) return true;
  const stats = report.stats ?? {};
  const answered = (stats.questions ?? 0) - (stats.unknown ?? 0);
  const zones = (report.inputs?.zones ?? []).filter((z) => z.for_domain !== false && (z.records ?? 0) > 0);
  const emptyZones = blind.includes('no-records') && zones.length <= 1;
  return answered <= 0 && (!zones.length || emptyZones);
}

/**
 * @param {object} report a report (mxray-report/2)
 * @returns {string} the message key of its verdict sentence, or '' without a verdict
 */
export function verdictKey(report) {
  const v = report?.verdict;
  if (!v?.state) return '';
  if (sawNothing(report)) return 'report.verdictSawNothing';
  if (BLIND_STATES.has(v.state) && (v.blind ?? []).length) return `report.verdictBlind.${v.state}`;
  return `report.verdict.${v.state}`;
}

/**
 * What the findings section says when there is no finding: "No problem found"
 * only when the check looked at everything; "in what mxray could look at" when
 * it could not; and that it looked at nothing when it saw nothing of the mail.
 */
export function noFindingsKey(report) {
  if (sawNothing(report)) return 'report.noFindingsSawNothing';
  return report?.verdict?.state === 'could-not-tell' ? 'report.noFindingsBlind' : 'report.noFindings';
}
